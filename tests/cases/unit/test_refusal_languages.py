"""A domain refusal is one error in every language: the same type, code and field, with its
message rendered from the cases catalog in the request's locale and in English for logs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from grassroots_cases.domain import workflow
from grassroots_cases.domain.ids import OrgUnitId
from grassroots_cases.domain.reporting import MAX_TITLE, NewCase, validate
from grassroots_cases.domain.vocabulary import Category, Channel, Priority, Status
from grassroots_cases.domain.working_days import CalendarNotCovered
from grassroots_kit.errors import BadUserInput, Forbidden, InvalidTransition
from grassroots_kit.i18n import current_locale

from tests.cases.unit.builders import ACTORS, T0, case

NOW = T0 + timedelta(days=1)


def test_a_wrong_status_reads_in_chinese_and_in_english_with_the_same_code():
    with pytest.raises(InvalidTransition) as refused:
        workflow.accept(case(Status.ASSIGNED), ACTORS["community_staff"], NOW)

    error = refused.value
    assert error.extensions == {"code": "INVALID_TRANSITION", "status": "ASSIGNED"}
    assert error.text.render("en") == (
        "cannot accept a case that is ASSIGNED; it must be one of: REPORTED"
    )
    assert error.text.render("zh-CN") == (
        "案件当前状态为 ASSIGNED，不能受理；只有以下状态的案件才能受理：REPORTED"
    )
    # The exception itself (what logs show) stays English whatever the request asked for.
    assert str(error) == error.text.render("en")


def test_a_refusal_follows_the_locale_of_the_request():
    with pytest.raises(Forbidden) as refused:
        workflow.rate(case(Status.RESOLVED), ACTORS["community_staff"], NOW, 5, None, NOW)

    text = refused.value.text
    token = current_locale.set("en")
    try:
        english = text.render()
    finally:
        current_locale.reset(token)
    token = current_locale.set("zh-CN")
    try:
        chinese = text.render()
    finally:
        current_locale.reset(token)
    assert english == "only the resident who reported the case can rate it"
    assert chinese == "只有反映此问题的居民才能评价"
    assert refused.value.extensions == {"code": "FORBIDDEN"}


def test_a_bad_field_is_named_in_the_sentence_of_each_language_and_in_extensions():
    new = NewCase(
        title="x" * (MAX_TITLE + 1),
        description="",
        category=Category.OTHER,
        channel=Channel.APP,
        priority=Priority.NORMAL,
        org_unit_id=OrgUnitId("grid"),
        address=None,
        reporter_id=None,
        reported_by_id=None,
    )
    with pytest.raises(BadUserInput) as refused:
        validate(new)

    assert refused.value.extensions == {"code": "BAD_USER_INPUT", "field": "title"}
    assert refused.value.text.render("en") == f"the title must be at most {MAX_TITLE} characters"
    assert refused.value.text.render("zh-CN") == f"标题不能超过 {MAX_TITLE} 个字"


def test_the_holiday_calendar_refusal_is_translated_with_its_years():
    error = CalendarNotCovered(2031, (2004, 2030))

    assert error.extensions == {"code": "BAD_USER_INPUT", "field": "workingDays", "year": 2031}
    assert "no holiday data for 2031 (it covers 2004-2030)" in error.text.render("en")
    assert "2031 年的节假日数据（现有 2004—2030 年）" in error.text.render("zh-CN")
