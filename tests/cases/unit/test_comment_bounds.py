"""Comments cannot grow a case document without bound."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from grassroots_cases.domain import workflow
from grassroots_cases.domain.model import TimelineEntry
from grassroots_cases.domain.vocabulary import Status
from grassroots_kit.errors import BadUserInput, Conflict

from tests.cases.unit.builders import ACTORS, T0, case


def _entries(action: str, count: int) -> tuple[TimelineEntry, ...]:
    return tuple(
        TimelineEntry(T0, None, action, Status.REPORTED, Status.REPORTED, "x") for _ in range(count)
    )


def test_a_comment_is_added_below_the_bound():
    subject = replace(case(), timeline=_entries("COMMENTED", workflow.MAX_COMMENTS - 1))
    outcome = workflow.comment(subject, ACTORS["reporter"], T0 + timedelta(minutes=1), "still dark")
    assert len(outcome.case.timeline) == workflow.MAX_COMMENTS


def test_the_comment_over_the_bound_is_a_conflict_and_changes_nothing():
    subject = replace(case(), timeline=_entries("COMMENTED", workflow.MAX_COMMENTS))
    with pytest.raises(Conflict) as raised:
        workflow.comment(subject, ACTORS["reporter"], T0, "one more")
    assert raised.value.extensions["limit"] == workflow.MAX_COMMENTS


def test_a_timeline_long_for_other_reasons_takes_no_comment():
    subject = replace(
        case(), timeline=_entries("ESCALATED:MANUAL", workflow.MAX_TIMELINE_FOR_COMMENTS)
    )
    with pytest.raises(Conflict):
        workflow.comment(subject, ACTORS["reporter"], T0, "one more")


def test_a_comment_longer_than_the_text_bound_is_bad_input():
    with pytest.raises(BadUserInput):
        workflow.comment(case(), ACTORS["reporter"], T0, "x" * (workflow.MAX_TEXT + 1))
