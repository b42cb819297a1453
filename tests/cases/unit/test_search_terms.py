"""Text search of cases (issue 18 B): the terms a case is stored with and a query asks for, and
a list filtered by them over the in-memory fakes, within the reader's access."""

from __future__ import annotations

from dataclasses import replace

import pytest
from grassroots_cases.domain.ids import CaseId, PersonId
from grassroots_cases.domain.listing import CaseFilter, CaseSort
from grassroots_cases.domain.search import MAX_QUERY_LENGTH, query_terms, search_terms, tokens
from grassroots_cases.handlers.reading import list_cases
from grassroots_kit.auth import Principal, RoleGrant
from grassroots_kit.errors import BadUserInput

from tests.cases.fakes import FakeCases, FixedClock
from tests.cases.unit.builders import PATH, REPORTER, T0, case


def test_latin_text_is_lower_cased_words_of_two_letters_or_more():
    assert tokens("Broken DRAIN at Harbin Road, No. 3") == {
        "broken",
        "drain",
        "at",
        "harbin",
        "road",
        "no",
    }


def test_chinese_text_is_overlapping_character_pairs():
    assert tokens("下水道堵塞") == {"下水", "水道", "道堵", "堵塞"}
    assert tokens("路") == {"路"}  # a run of one character is kept as itself


def test_a_case_stores_its_words_pairs_and_single_characters_of_title_and_description():
    terms = search_terms("下水道堵塞", "Smell at Building 3")

    assert terms == sorted(terms)
    assert {"下水", "水道", "道堵", "堵塞"} <= set(terms)
    assert {"下", "水", "道", "堵", "塞"} <= set(terms)
    assert {"smell", "at", "building"} <= set(terms)


def test_chinese_digits_and_arabic_ones_are_one_term():
    assert set(query_terms("三号楼")) <= set(search_terms("3号楼漏水"))
    assert set(query_terms("3号楼")) <= set(search_terms("三号楼漏水"))


def test_a_query_asks_for_every_term_of_its_text():
    assert query_terms("下水道") == ["下水", "水道"]
    assert query_terms("Drain smell") == ["drain", "smell"]
    assert query_terms("井") == ["井"]  # found through the single characters a case stores


@pytest.mark.parametrize("text", ["", "   ", "!?。", "a"])
def test_a_query_with_nothing_to_look_for_is_refused(text: str):
    with pytest.raises(BadUserInput) as refused:
        query_terms(text)

    assert refused.value.extensions == {"code": "BAD_USER_INPUT", "field": "text"}


def test_a_query_too_long_is_refused():
    assert query_terms("水" * MAX_QUERY_LENGTH)
    with pytest.raises(BadUserInput) as refused:
        query_terms("水" * (MAX_QUERY_LENGTH + 1))

    assert refused.value.extensions == {"code": "BAD_USER_INPUT", "field": "text"}


async def test_a_search_lists_the_cases_holding_every_term_that_the_reader_may_read():
    fake = FakeCases.new(FixedClock(T0))
    sewer = case(id=CaseId("sewer"), title="小区下水道堵塞", description="气味很大")
    water = case(id=CaseId("water"), title="楼道水管漏水", description="水道旁边")
    elsewhere = replace(
        case(id=CaseId("other"), title="下水道冒水", reporter_id=PersonId("someone-else")),
        org_unit_path=("district", "street", "another-community"),
    )
    english = case(id=CaseId("english"), title="Drain blocked", description="Bad smell")
    for c in (sewer, water, elsewhere, english):
        fake.state.cases[c.id] = c
    resident = Principal(REPORTER, ())
    staff = Principal("staff", (RoleGrant("COMMUNITY_STAFF", PATH[2], PATH[:3]),))

    async def found(who: Principal, text: str) -> list[str]:
        filter = CaseFilter(terms=query_terms(text))
        page = await list_cases(fake.ports, who, filter, CaseSort.CREATED, 50, None)
        return sorted(c.id for c in page.items)

    assert await found(staff, "下水道") == ["sewer"]  # 水道 alone is not enough
    assert await found(resident, "下水道") == ["sewer"]  # the other district's is not theirs
    assert await found(staff, "气味") == ["sewer"]  # the description counts
    assert await found(staff, "smell drain") == ["english"]
    assert await found(staff, "drain pipe") == []
