"""Case numbers, deadlines and duplicate suggestions."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from grassroots_cases.domain.duplicates import likely_duplicates, similarity
from grassroots_cases.domain.numbering import candidate_codes, case_number, district_code
from grassroots_cases.domain.sla import CategoryOverride, SlaPolicy, policy
from grassroots_cases.domain.vocabulary import Category, Priority
from grassroots_cases.domain.working_days import InMemoryCalendar, WorkingTime
from grassroots_kit.errors import BadUserInput

from tests.cases.unit.builders import T0, case


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Wangcheng District", "WC"),
        ("Shibei District", "SB"),
        ("Yuanhui District", "YH"),
        ("Changsha County", "CS"),
        ("Binhe New Area", "BH"),
        ("Pudong Xin Qu", "PXQ"),
    ],
)
def test_a_district_code_is_the_initials_of_its_name(name: str, code: str):
    assert district_code(name) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("望城区", "WC"),
        ("望城县", "WC"),
        ("长沙县", "CS"),
        ("市北区", "SB"),
        ("浦东新区", "PD"),
        ("雨花台区", "YHT"),
        ("区", "QX"),
    ],
)
def test_a_chinese_district_code_is_the_pinyin_initials_without_the_suffix(name: str, code: str):
    assert district_code(name) == code


@pytest.mark.parametrize("name", ["望城县", "雨花台区", "Pudong Xin Qu"])
def test_colliding_districts_fall_back_to_other_codes_of_the_published_shape(name: str):
    candidates = list(candidate_codes(name))
    assert candidates[0] == district_code(name)
    assert len(set(candidates)) == len(candidates) >= 26
    assert all(re.fullmatch(r"[A-Z]{2,3}", c) for c in candidates)
    assert all(c[:2] == candidates[0][:2] for c in candidates)


def test_the_other_wangcheng_is_wcx():
    assert list(candidate_codes("望城县"))[:3] == ["WC", "WCX", "WCY"]
    assert list(candidate_codes("雨花台区"))[:2] == ["YHT", "YHX"]


def test_a_case_number_is_code_year_and_six_digits():
    assert case_number("WC", 2026, 123) == "WC-2026-000123"


@pytest.mark.parametrize(
    ("priority", "hours"),
    [(Priority.URGENT, 4), (Priority.HIGH, 24), (Priority.NORMAL, 72), (Priority.LOW, 168)],
)
def test_default_deadlines_follow_design(priority: Priority, hours: int):
    working = WorkingTime(InMemoryCalendar((2000, 2100)))
    assert SlaPolicy().due_at(priority, Category.OTHER, T0, working) == T0 + timedelta(hours=hours)


def test_a_category_override_wins_and_the_exact_priority_wins_over_the_category():
    rules = policy(
        {Priority.NORMAL: 48},
        [
            CategoryOverride(Category.INFRASTRUCTURE, 240),
            CategoryOverride(Category.INFRASTRUCTURE, 8, Priority.URGENT),
        ],
    )
    assert rules.hours(Priority.NORMAL, Category.OTHER) == 48
    assert rules.hours(Priority.NORMAL, Category.INFRASTRUCTURE) == 240
    assert rules.hours(Priority.URGENT, Category.INFRASTRUCTURE) == 8


@pytest.mark.parametrize("hours", [0, -3, 90 * 24 + 1])
def test_deadlines_out_of_range_are_refused(hours: int):
    with pytest.raises(BadUserInput):
        policy({Priority.HIGH: hours}, [])


def test_similar_titles_are_suggested_and_different_ones_are_not():
    same = case(title="Sewage pipe broken at Harbin Road No. 3")
    other = case(title="Noise from the night market")
    found = likely_duplicates("Broken sewage pipe, Harbin Road No. 3", [same, other])
    assert found == [same]
    assert similarity("a b", "c d") == 0.0


def test_chinese_titles_differing_by_a_few_characters_are_suggested():
    same = case(title="哈尔滨路3号下水道堵塞")
    other = case(title="夜市噪音扰民到深夜")
    street = case(title="哈尔滨路路灯不亮")
    found = likely_duplicates("哈尔滨路三号下水道又堵了", [same, other, street])
    assert found == [same]


def test_han_text_is_compared_by_character_pairs_and_latin_text_by_words():
    # Sharing characters in a different order is not sharing bigrams.
    assert similarity("下水道堵塞", "塞堵道水下") == 0.0
    assert similarity("Harbin Road 下水道", "harbin road 下水道") == 1.0
