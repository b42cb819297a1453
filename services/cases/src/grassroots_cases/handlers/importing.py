"""Importing historical cases (migrations, demo data): each one replayed through the workflow.

Every step of an imported case's history goes through the same domain functions as live
traffic, at the times given, and its events go through the outbox, so `points` and every
other consumer see the history exactly as if it had happened here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput, Forbidden, NotFound
from grassroots_kit.host import ServiceHost
from grassroots_kit.messaging.outbox import add_to_outbox
from grassroots_kit.mongo import Session

from grassroots_cases.adapters import counters
from grassroots_cases.adapters.cases import COLLECTION, CaseRepository
from grassroots_cases.adapters.org_unit_projection import OrgUnitProjection
from grassroots_cases.adapters.role_projection import RoleProjection
from grassroots_cases.adapters.sla_policies import SlaPolicies
from grassroots_cases.domain import workflow
from grassroots_cases.domain.events import DomainEvent
from grassroots_cases.domain.ids import OrgUnitId, PersonId, new_case_id
from grassroots_cases.domain.model import Actor, Case
from grassroots_cases.domain.numbering import case_number, district_code
from grassroots_cases.domain.reporting import NewCase, report, validate
from grassroots_cases.domain.vocabulary import Role
from grassroots_cases.handlers.access import require
from grassroots_cases.handlers.publishing import to_cloud_event
from grassroots_cases.handlers.report_case import route

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
        raise BadUserInput("a handled case needs handlerId and handlerRole", field="handlerId")
    outcome = workflow.assign(case, admin, item.responded_at, item.handler_id, item.handler_role)
    case = outcome.case
    events += outcome.events
    if item.resolved_at is None:
        return case, events
    handler = Actor(item.handler_id, frozenset({item.handler_role}))
    outcome = workflow.resolve(case, handler, item.resolved_at, item.resolution or "Resolved.")
    case = outcome.case
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


async def import_cases(
    host: ServiceHost, principal: Principal | None, items: list[HistoricalCase]
) -> tuple[int, int]:
    """Returns (imported now, already there)."""
    caller = require(principal)
    if len(items) > MAX_BATCH:
        raise BadUserInput(f"import at most {MAX_BATCH} cases at a time", field="cases")
    admin = Actor(PersonId(caller.person_id), frozenset({Role.DISTRICT_ADMIN}))
    imported = 0
    for item in items:
        unit = await OrgUnitProjection(host.db).get(item.new.org_unit_id)
        if unit is None:
            raise NotFound(f"no org unit with id {item.new.org_unit_id}", field="orgUnitId")
        if Role.DISTRICT_ADMIN not in caller.roles_over(unit.path_with_self):
            raise Forbidden("only an administrator of the district can import its cases")
        imported += await _import_one(host, admin, item, unit.path_with_self)
    return imported, len(items) - imported


async def _import_one(
    host: ServiceHost, admin: Actor, item: HistoricalCase, path: tuple[str, ...]
) -> int:
    if await host.db[COLLECTION].find_one({"importRef": item.ref}, {"_id": 1}):
        return 0
    district = await OrgUnitProjection(host.db).get(path[0])
    assert district is not None
    code = district_code(district.name)
    new = validate(item.new)
    at = item.reported_at
    policy = await SlaPolicies(host.db).for_district(district.id)
    level = await route(RoleProjection(host.db), path)
    cases = CaseRepository(host.db)

    async def work(session: Session) -> None:
        sequence = await counters.next_value(host.db, f"case:{code}:{at.year}", session)
        outcome = report(
            new,
            case_id=new_case_id(),
            number=case_number(code, at.year, sequence),
            org_unit_path=tuple(OrgUnitId(p) for p in path),
            level=level,
            due_at=policy.due_at(new.priority, new.category, at),
            now=at,
        )
        case, later = _replay(outcome.case, item, admin)
        await cases.insert(replace(case, version=1), session)
        await host.db[COLLECTION].update_one(
            {"_id": case.id}, {"$set": {"importRef": item.ref}}, session=session
        )
        events = [*outcome.events, *later]
        await add_to_outbox(host.db, session, [to_cloud_event(e) for e in events])

    await host.transaction(work)
    return 1
