"""The published form of what the workflow records: CloudEvents with the contract payloads."""

from __future__ import annotations

from typing import Any, assert_never

from grassroots_contracts import case_events as contract
from grassroots_contracts.event_types import (
    CASE_ASSIGNED,
    CASE_CLOSED,
    CASE_ESCALATED,
    CASE_REOPENED,
    CASE_REPORTED,
    CASE_RESOLVED,
    CASE_SENT_TO_DELIBERATION,
    ORDER_POSTED,
    ORDER_TAKEN,
    SOURCE_CASES,
)
from grassroots_kit.messaging.envelope import CloudEvent, new_event

from grassroots_cases.domain import events as ev
from grassroots_cases.domain.model import Case


def _handlers(case: Case) -> tuple[contract.HandlerRole, ...]:
    return tuple(
        contract.HandlerRole(person_id=h.person_id, role=h.role.value) for h in case.handlers
    )


def _earning(case: Case) -> tuple[contract.HandlerRole, ...]:
    """Who `case.closed` names for awards: not those only an import says worked it."""
    return tuple(
        contract.HandlerRole(person_id=h.person_id, role=h.role.value)
        for h in case.earning_handlers
    )


def _data(event: ev.DomainEvent) -> tuple[str, dict[str, Any]]:
    """The event type and contract payload for one domain event; every payload built by keyword."""
    case = event.case
    path = tuple(case.org_unit_path)
    at = case.updated_at
    match event:
        case ev.CaseReported():
            return CASE_REPORTED, contract.CaseReported(
                case_id=case.id,
                number=case.number,
                org_unit_id=case.org_unit_id,
                org_unit_path=path,
                category=case.category.value,
                priority=case.priority.value,
                channel=case.channel.value,
                level=case.level.value,
                reporter_id=case.reporter_id,
                due_at=case.due_at,
                reported_at=case.created_at,
            ).to_data()
        case ev.CaseAssigned():
            return CASE_ASSIGNED, contract.CaseAssigned(
                case_id=case.id,
                number=case.number,
                org_unit_id=case.org_unit_id,
                org_unit_path=path,
                category=case.category.value,
                level=case.level.value,
                assignee_id=case.assignee_id,
                organization_id=case.organization_id,
                assigned_at=at,
            ).to_data()
        case ev.CaseEscalated(from_level=from_level, reason=reason):
            return CASE_ESCALATED, contract.CaseEscalated(
                case_id=case.id,
                number=case.number,
                org_unit_id=case.org_unit_id,
                org_unit_path=path,
                category=case.category.value,
                from_level=from_level.value,
                to_level=case.level.value,
                reason=reason.value,
                breach_count=case.breach_count,
                due_at=case.due_at,
                escalated_at=at,
            ).to_data()
        case ev.CaseResolved():
            return CASE_RESOLVED, contract.CaseResolved(
                case_id=case.id,
                number=case.number,
                org_unit_id=case.org_unit_id,
                org_unit_path=path,
                category=case.category.value,
                level=case.level.value,
                handlers=_handlers(case),
                organization_id=case.organization_id,
                met_deadline=case.met_deadline,
                resolved_at=at,
            ).to_data()
        case ev.CaseClosed():
            return CASE_CLOSED, contract.CaseClosed(
                case_id=case.id,
                number=case.number,
                closure=case.closures,
                org_unit_id=case.org_unit_id,
                org_unit_path=path,
                category=case.category.value,
                priority=case.priority.value,
                level=case.level.value,
                reporter_id=case.reporter_id,
                handlers=_earning(case),
                organization_id=case.organization_id,
                order_taker_id=case.order_taker_id,
                rating=case.rating.score if case.rating else None,
                met_deadline=case.met_deadline,
                closed_at=at,
            ).to_data()
        case ev.CaseReopened(closure=closure, reason=reopen_reason):
            return CASE_REOPENED, contract.CaseReopened(
                case_id=case.id,
                number=case.number,
                closure=closure,
                org_unit_id=case.org_unit_id,
                org_unit_path=path,
                reason=reopen_reason,
                reopened_at=at,
            ).to_data()
        case ev.CaseSentToDeliberation(reason=why, sent_by=sent_by):
            return CASE_SENT_TO_DELIBERATION, contract.CaseSentToDeliberation(
                case_id=case.id,
                number=case.number,
                org_unit_id=case.org_unit_id,
                org_unit_path=path,
                title=case.title,
                category=case.category.value,
                reason=why,
                sent_by=sent_by,
                sent_at=at,
            ).to_data()
        case ev.OrderPosted():
            return ORDER_POSTED, contract.OrderEvent(
                case_id=case.id,
                number=case.number,
                org_unit_id=case.org_unit_id,
                org_unit_path=path,
                category=case.category.value,
                taker_id=None,
                organization_id=None,
                at=at,
            ).to_data()
        case ev.OrderTaken():
            return ORDER_TAKEN, contract.OrderEvent(
                case_id=case.id,
                number=case.number,
                org_unit_id=case.org_unit_id,
                org_unit_path=path,
                category=case.category.value,
                taker_id=case.order_taker_id,
                organization_id=case.organization_id,
                at=at,
            ).to_data()
        case _:
            # A domain event without a published form is a programming error, never a guess.
            assert_never(event)


def to_cloud_event(event: ev.DomainEvent) -> CloudEvent:
    type_, data = _data(event)
    case = event.case
    return new_event(type_, source=SOURCE_CASES, subject=case.id, data=data, time=case.updated_at)
