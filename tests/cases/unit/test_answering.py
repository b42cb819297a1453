"""The reporter's answer: ratings, objections, the 7-day window and what case.closed carries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from grassroots_cases.domain import events as ev
from grassroots_cases.domain import workflow
from grassroots_cases.domain.model import SYSTEM
from grassroots_cases.domain.vocabulary import Status
from grassroots_kit.errors import BadUserInput, Forbidden, InvalidTransition

from tests.cases.unit.builders import ACTORS, T0, case

DAY = timedelta(days=1)
RESOLVED_AT = T0 + timedelta(hours=5)


@pytest.mark.parametrize("score", [0, 6, -1, 100])
def test_a_rating_out_of_range_is_bad_input(score: int):
    with pytest.raises(BadUserInput):
        workflow.rate(case(Status.RESOLVED), ACTORS["reporter"], T0 + DAY, score, None, T0)


def test_only_the_reporter_rates():
    with pytest.raises(Forbidden):
        workflow.rate(case(Status.RESOLVED), ACTORS["community_staff"], T0 + DAY, 5, None, T0)


def test_a_good_rating_closes_the_case_and_case_closed_carries_it():
    outcome = workflow.rate(case(Status.RESOLVED), ACTORS["reporter"], T0 + DAY, 4, "ok", T0)

    assert outcome.case.status is Status.CLOSED
    assert outcome.case.closures == 1
    assert outcome.case.rating is not None
    assert outcome.case.rating.score == 4
    (closed,) = outcome.events
    assert isinstance(closed, ev.CaseClosed)


def test_a_low_rating_closes_with_the_rating_and_reopens_that_closing():
    due = T0 + 4 * DAY
    outcome = workflow.rate(case(Status.RESOLVED), ACTORS["reporter"], T0 + DAY, 2, "no", due)

    assert outcome.case.status is Status.ACCEPTED
    assert outcome.case.due_at == due
    closed, reopened = outcome.events
    assert isinstance(closed, ev.CaseClosed)
    assert closed.case.closures == 1
    assert closed.case.rating is not None
    assert closed.case.rating.score == 2
    assert isinstance(reopened, ev.CaseReopened)
    assert reopened.closure == 1


def test_an_objection_before_any_closing_reopens_without_an_event():
    outcome = workflow.reopen(case(Status.RESOLVED), ACTORS["reporter"], T0 + DAY, "no", T0)

    assert outcome.case.status is Status.ACCEPTED
    assert outcome.events == ()


def test_a_low_rating_after_auto_close_reopens_and_names_the_closing():
    closed = case(Status.CLOSED, closures=2)
    outcome = workflow.rate(closed, ACTORS["reporter"], T0 + DAY, 1, None, T0 + 3 * DAY)

    (reopened,) = outcome.events
    assert isinstance(reopened, ev.CaseReopened)
    assert reopened.closure == 2


def test_the_reporter_may_object_within_seven_days_but_not_after():
    resolved = case(Status.RESOLVED)
    in_time = workflow.reopen(resolved, ACTORS["reporter"], RESOLVED_AT + 7 * DAY, "no", T0)
    assert in_time.case.status is Status.ACCEPTED

    with pytest.raises(InvalidTransition):
        workflow.reopen(resolved, ACTORS["reporter"], RESOLVED_AT + 8 * DAY, "no", T0)


def test_staff_may_reopen_after_the_window():
    outcome = workflow.reopen(
        case(Status.CLOSED), ACTORS["community_staff"], T0 + 30 * DAY, "found more", T0
    )
    assert outcome.case.status is Status.ACCEPTED


def test_the_sweeper_closes_only_after_seven_days_without_rating():
    resolved = case(Status.RESOLVED)
    assert not workflow.auto_close_due(resolved, RESOLVED_AT + 7 * DAY - timedelta(seconds=1))
    assert workflow.auto_close_due(resolved, RESOLVED_AT + 7 * DAY)
    outcome = workflow.close(resolved, SYSTEM, RESOLVED_AT + 7 * DAY)
    assert outcome.case.timeline[-1].action == "AUTO_CLOSED"
    assert outcome.case.rating is None


def test_a_closed_case_is_rated_once():
    rated = workflow.rate(case(Status.CLOSED), ACTORS["reporter"], T0 + DAY, 5, None, T0).case
    assert rated.status is Status.CLOSED
    with pytest.raises(InvalidTransition):
        workflow.rate(rated, ACTORS["reporter"], T0 + DAY, 4, None, T0)


def test_met_deadline_needs_a_resolution_in_time_and_no_breach():
    assert case(Status.RESOLVED).met_deadline
    assert not case(Status.RESOLVED, breach_count=1).met_deadline
    assert not case(Status.RESOLVED, resolved_at=T0 + 10 * DAY).met_deadline
    assert not case(Status.ACCEPTED).met_deadline


def test_empty_text_is_refused():
    with pytest.raises(BadUserInput):
        workflow.resolve(case(Status.ASSIGNED), ACTORS["assignee"], T0, "   ")
    with pytest.raises(BadUserInput):
        workflow.reject(case(), ACTORS["community_staff"], T0, "")
