"""Importing historical cases (migrations, demo data): each one replayed through the workflow.

Every step of an imported case's history goes through the same domain functions as live
traffic, at the times given, and its events go through the outbox, so `points` and every
other consumer see the history exactly as if it had happened here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from grassroots_kit.auth import Principal
from grassroots_kit.business_time import business_year
from grassroots_kit.errors import BadUserInput, Forbidden, NotFound
from grassroots_kit.i18n import msg

from grassroots_cases.domain import workflow
from grassroots_cases.domain.events import DomainEvent
from grassroots_cases.domain.ids import OrgUnitId, PersonId, new_case_id
from grassroots_cases.domain.model import Actor, Case, attested_by_import
from grassroots_cases.domain.numbering import candidate_codes, case_number
from grassroots_cases.domain.reporting import NewCase, report, validate
from grassroots_cases.domain.sla import SlaPolicy
from grassroots_cases.domain.vocabulary import Level, Role
from grassroots_cases.domain.working_days import WorkingTime
from grassroots_cases.handlers.access import require
from grassroots_cases.handlers.ports import CasesPorts, CasesTx
from grassroots_cases.handlers.publishing import to_cloud_event
from grassroots_cases.handlers.routing import route

MAX_BATCH = 200


@dataclass(frozen=True)
class HistoricalCase:
    ref: str  # the caller's key: importing the same ref twice changes nothing
    new: NewCase
    reported_at: datetime
    handler_id: PersonId | None = None
    handler_role: Role | None = None
    responded_at: datetime | None = None
    resolved_at: datetime | None = None
    resolution: str | None = None
    rating: int | None = None
    closed_at: datetime | None = None
    rejected_reason: str | None = None


def _replay(case: Case, item: HistoricalCase, admin: Actor) -> tuple[Case, list[DomainEvent]]:
    events: list[DomainEvent] = []
    if item.rejected_reason and item.responded_at:
        outcome = workflow.reject(case, admin, item.responded_at, item.rejected_reason)
        return outcome.case, events
    if item.responded_at is None:
        return case, events
    if item.handler_id is None or item.handler_role is None:
        raise BadUserInput(msg("a handled case needs handlerId and handlerRole"), field="handlerId")
    outcome = workflow.assign(case, admin, item.responded_at, item.handler_id, item.handler_role)
    case = attested_by_import(outcome.case)
    events += outcome.events
    if item.resolved_at is None:
        return case, events
    handler = Actor(item.handler_id, frozenset({item.handler_role}))
    outcome = workflow.resolve(case, handler, item.resolved_at, item.resolution or "Resolved.")
    # The replayed resolution is the importer's word too, not the handler's live act.
    case = attested_by_import(outcome.case)
    events += outcome.events
    if item.closed_at is None:
        return case, events
    if item.rating is not None and case.reporter_id is not None:
        reporter = Actor(case.reporter_id, frozenset())
        outcome = workflow.rate(case, reporter, item.closed_at, item.rating, None, case.due_at)
    else:
        outcome = workflow.close(case, admin, item.closed_at, "imported")
    events += outcome.events
    return outcome.case, events


@dataclass(frozen=True)
class _Place:
    path: tuple[str, ...]
    code: str
    policy: SlaPolicy
    level: Level
    working: WorkingTime


async def _place(ports: CasesPorts, unit_id: str) -> _Place | None:
    units = ports.org_units
    unit = await units.get(unit_id)
    if unit is None:
        return None
    path = unit.path_with_self
    district = await units.get(path[0])
    assert district is not None
    return _Place(
        path=path,
        code=await ports.district_codes.code_for(district.id, candidate_codes(district.name)),
        policy=await ports.sla_policies.for_district(district.id),
        level=await route(ports.roles, path),
        working=ports.working_time,
    )


async def import_cases(
    ports: CasesPorts, principal: Principal | None, items: list[HistoricalCase]
) -> tuple[int, int]:
    """Returns (imported now, already there). The new ones commit in one transaction."""
    caller = require(principal)
    # Up front, so that no batch (not even an empty one) answers success to anyone else.
    if not any(grant.role == Role.DISTRICT_ADMIN for grant in caller.grants):
        raise Forbidden(msg("only a district administrator can import cases"))
    if len(items) > MAX_BATCH:
        raise BadUserInput(
            msg("import at most {max_batch} cases at a time", max_batch=MAX_BATCH), field="cases"
        )
    admin = Actor(PersonId(caller.person_id), frozenset({Role.DISTRICT_ADMIN}))
    refs = [item.ref for item in items]
    done = await ports.cases.imported_refs(refs)
    places: dict[str, _Place | None] = {}
    todo: list[tuple[HistoricalCase, _Place]] = []
    for item in items:
        unit_id = item.new.org_unit_id
        if unit_id not in places:
            places[unit_id] = await _place(ports, unit_id)
        place = places[unit_id]
        if place is None:
            raise NotFound(
                msg("no org unit with id {org_unit_id}", org_unit_id=unit_id), field="orgUnitId"
            )
        if Role.DISTRICT_ADMIN not in caller.roles_over(place.path):
            raise Forbidden(msg("only an administrator of the district can import its cases"))
        if item.ref not in done:
            done.add(item.ref)
            todo.append((replace(item, new=validate(item.new)), place))
    if todo:
        await ports.uow.run(lambda tx: _import_all(tx, admin, todo, ports.business_zone))
    return len(todo), len(items) - len(todo)


async def _import_all(
    tx: CasesTx, admin: Actor, todo: list[tuple[HistoricalCase, _Place]], tz: ZoneInfo
) -> None:
    wanted: dict[str, int] = {}
    for item, place in todo:
        key = f"case:{place.code}:{business_year(item.reported_at, tz)}"
        wanted[key] = wanted.get(key, 0) + 1
    next_number = {}
    for key, count in wanted.items():
        last = await tx.counters.next_value(key, count)
        next_number[key] = last - count + 1
    imported: list[tuple[Case, str]] = []
    events = []
    for item, place in todo:
        at = item.reported_at
        year = business_year(at, tz)
        key = f"case:{place.code}:{year}"
        sequence, next_number[key] = next_number[key], next_number[key] + 1
        outcome = report(
            item.new,
            case_id=new_case_id(),
            number=case_number(place.code, year, sequence),
            org_unit_path=tuple(OrgUnitId(p) for p in place.path),
            level=place.level,
            due_at=place.policy.due_at(item.new.priority, item.new.category, at, place.working),
            now=at,
        )
        case, later = _replay(outcome.case, item, admin)
        imported.append((replace(case, version=1), item.ref))
        events += [to_cloud_event(e) for e in (*outcome.events, *later)]
    await tx.cases.insert_imported(imported)
    tx.publish(events)
