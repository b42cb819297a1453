"""The published form of what the workflow records: CloudEvents with the contract payloads."""

from __future__ import annotations

from grassroots_contracts import case_events as contract
from grassroots_contracts.event_types import (
    CASE_ASSIGNED,
    CASE_CLOSED,
    CASE_ESCALATED,
    CASE_REOPENED,
    CASE_REPORTED,
    CASE_RESOLVED,
    ORDER_POSTED,
    ORDER_TAKEN,
    SOURCE_CASES,
)
from grassroots_kit.messaging.envelope import CloudEvent, new_event

from grassroots_cases.domain import events as ev
from grassroots_cases.domain.model import Case


def _handlers(case: Case) -> tuple[contract.HandlerRole, ...]:
    return tuple(contract.HandlerRole(h.person_id, h.role.value) for h in case.handlers)


def _earning(case: Case) -> tuple[contract.HandlerRole, ...]:
    """Who `case.closed` names for awards: not those only an import says worked it."""
    return tuple(contract.HandlerRole(h.person_id, h.role.value) for h in case.earning_handlers)


def to_cloud_event(event: ev.DomainEvent) -> CloudEvent:
    case = event.case
    path = tuple(case.org_unit_path)
    at = case.updated_at
    if isinstance(event, ev.CaseReported):
        data = contract.CaseReported(
            case.id, case.number, case.org_unit_id, path, case.category.value,
            case.priority.value, case.channel.value, case.level.value, case.reporter_id,
            case.due_at, case.created_at,
        ).to_data()  # fmt: skip
        return new_event(CASE_REPORTED, source=SOURCE_CASES, subject=case.id, data=data, time=at)
    if isinstance(event, ev.CaseAssigned):
        data = contract.CaseAssigned(
            case.id, case.number, case.org_unit_id, path, case.category.value, case.level.value,
            case.assignee_id, case.organization_id, at,
        ).to_data()  # fmt: skip
        return new_event(CASE_ASSIGNED, source=SOURCE_CASES, subject=case.id, data=data, time=at)
    if isinstance(event, ev.CaseEscalated):
        data = contract.CaseEscalated(
            case.id, case.number, case.org_unit_id, path, case.category.value,
            event.from_level.value, case.level.value, event.reason.value, case.breach_count,
            case.due_at, at,
        ).to_data()  # fmt: skip
        return new_event(CASE_ESCALATED, source=SOURCE_CASES, subject=case.id, data=data, time=at)
    if isinstance(event, ev.CaseResolved):
        data = contract.CaseResolved(
            case.id, case.number, case.org_unit_id, path, case.category.value, case.level.value,
            _handlers(case), case.organization_id, case.met_deadline, at,
        ).to_data()  # fmt: skip
        return new_event(CASE_RESOLVED, source=SOURCE_CASES, subject=case.id, data=data, time=at)
    if isinstance(event, ev.CaseClosed):
        data = contract.CaseClosed(
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
        return new_event(CASE_CLOSED, source=SOURCE_CASES, subject=case.id, data=data, time=at)
    if isinstance(event, ev.CaseReopened):
        data = contract.CaseReopened(
            case.id, case.number, event.closure, case.org_unit_id, path, event.reason, at
        ).to_data()
        return new_event(CASE_REOPENED, source=SOURCE_CASES, subject=case.id, data=data, time=at)
    if isinstance(event, ev.OrderPosted):
        data = contract.OrderEvent(
            case.id, case.number, case.org_unit_id, path, case.category.value, None, None, at
        ).to_data()
        return new_event(ORDER_POSTED, source=SOURCE_CASES, subject=case.id, data=data, time=at)
    data = contract.OrderEvent(
        case.id, case.number, case.org_unit_id, path, case.category.value,
        case.order_taker_id, case.organization_id, at,
    ).to_data()  # fmt: skip
    return new_event(ORDER_TAKEN, source=SOURCE_CASES, subject=case.id, data=data, time=at)
