"""Every domain event has exactly one published form; an unknown one is an error, not a guess."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from grassroots_cases.domain import events as ev
from grassroots_cases.domain.model import Case
from grassroots_cases.domain.vocabulary import EscalationReason, Level, Status
from grassroots_cases.handlers.publishing import to_cloud_event
from grassroots_contracts.event_types import (
    CASE_ASSIGNED,
    CASE_CLOSED,
    CASE_ESCALATED,
    CASE_REOPENED,
    CASE_REPORTED,
    CASE_RESOLVED,
    ORDER_POSTED,
    ORDER_TAKEN,
)

from tests.cases.unit.builders import case

OPEN = case(Status.ASSIGNED)
CLOSED = case(Status.CLOSED)

KNOWN: list[tuple[ev.DomainEvent, str]] = [
    (ev.CaseReported(case()), CASE_REPORTED),
    (ev.CaseAssigned(OPEN), CASE_ASSIGNED),
    (ev.CaseEscalated(OPEN, Level.GRID, EscalationReason.MANUAL, None), CASE_ESCALATED),
    (ev.CaseResolved(case(Status.RESOLVED)), CASE_RESOLVED),
    (ev.CaseClosed(CLOSED), CASE_CLOSED),
    (ev.CaseReopened(OPEN, 1, "not fixed"), CASE_REOPENED),
    (ev.OrderPosted(case()), ORDER_POSTED),
    (ev.OrderTaken(OPEN), ORDER_TAKEN),
]


@pytest.mark.parametrize(("event", "expected"), KNOWN, ids=[t for _, t in KNOWN])
def test_each_domain_event_publishes_its_own_type(event: ev.DomainEvent, expected: str) -> None:
    published = to_cloud_event(event)
    assert published.type == expected
    assert published.subject == event.case.id
    assert published.data["caseId"] == event.case.id


def test_escalation_carries_both_rungs_and_the_reason() -> None:
    data = to_cloud_event(KNOWN[2][0]).data
    assert (data["fromLevel"], data["toLevel"], data["reason"]) == ("GRID", "COMMUNITY", "MANUAL")


def test_posted_order_names_no_taker_and_taken_order_does() -> None:
    taken = case(Status.ASSIGNED, order_taker_id="taker")
    assert to_cloud_event(ev.OrderPosted(case())).data["takerId"] is None
    assert to_cloud_event(ev.OrderTaken(taken)).data["takerId"] == "taker"


@dataclass(frozen=True)
class _Unheard:
    case: Case


def test_an_unknown_domain_event_is_an_error_not_order_taken() -> None:
    with pytest.raises(AssertionError):
        to_cloud_event(_Unheard(case()))  # type: ignore[arg-type]
