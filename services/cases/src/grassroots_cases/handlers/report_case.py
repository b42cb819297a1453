"""Reporting a case: number, deadline and routing decided in one transaction with its event."""

from __future__ import annotations

from dataclasses import dataclass, replace

from grassroots_kit.auth import Principal
from grassroots_kit.business_time import business_year
from grassroots_kit.errors import BadUserInput, Forbidden, NotFound
from grassroots_kit.i18n import msg

from grassroots_cases.domain.access import CaseView, hints
from grassroots_cases.domain.duplicates import WINDOW, likely_duplicates
from grassroots_cases.domain.ids import OrgUnitId, PersonId, new_case_id
from grassroots_cases.domain.model import Case
from grassroots_cases.domain.numbering import candidate_codes, case_number
from grassroots_cases.domain.photos import placed_by_photo
from grassroots_cases.domain.reporting import NewCase, report, validate
from grassroots_cases.handlers.access import is_staff_over, reader_of, require
from grassroots_cases.handlers.photos import attach, photo_point, wanted
from grassroots_cases.handlers.ports import CasesPorts, CasesTx
from grassroots_cases.handlers.publishing import to_cloud_event
from grassroots_cases.handlers.routing import route


@dataclass(frozen=True)
class Reported:
    case: Case
    possible_duplicates: list[Case]  # similar cases the reporter may read in full
    duplicate_hints: list[Case]  # every similar case they may know of; show its public facts only


async def report_case(
    ports: CasesPorts,
    principal: Principal | None,
    new: NewCase,
    *,
    anonymous: bool = False,
) -> Reported:
    """The reporter is the caller, nobody (anonymous), or whoever staff report on behalf of."""
    caller = require(principal)
    new = replace(validate(new), photo_ids=wanted(ports, new.photo_ids))
    units = ports.org_units
    unit = await units.get(new.org_unit_id)
    if unit is None:
        raise NotFound(
            msg("no org unit with id {org_unit_id}", org_unit_id=new.org_unit_id), field="orgUnitId"
        )
    path = unit.path_with_self
    on_behalf = new.reporter_id is not None and new.reporter_id != caller.person_id
    if on_behalf and not is_staff_over(caller, path):
        raise Forbidden(msg("only staff serving this place can report on someone's behalf"))
    if anonymous:
        new = replace(new, reporter_id=None)
    elif not on_behalf:
        new = replace(new, reporter_id=PersonId(caller.person_id))
    new = replace(new, reported_by_id=PersonId(caller.person_id))
    district = await units.get(path[0])
    if district is None:
        raise BadUserInput(msg("the org unit's district is not known yet"), field="orgUnitId")
    now = ports.clock()
    level = await route(ports.roles, path)
    policy = await ports.sla_policies.for_district(district.id)
    similar = likely_duplicates(
        new.title,
        await ports.cases.recent_open(new.org_unit_id, new.category, now - WINDOW),
        new.location,
    )
    known = hints(reader_of(caller), similar)
    code = await ports.district_codes.code_for(district.id, candidate_codes(district.name))
    # The business year: at 01:00 on 1 January in Beijing it is the new one, though not in UTC.
    year = business_year(now, ports.business_zone)

    async def work(tx: CasesTx) -> Case:
        sequence = await tx.counters.next_value(f"case:{code}:{year}")
        outcome = report(
            new,
            case_id=new_case_id(),
            number=case_number(code, year, sequence),
            org_unit_path=tuple(OrgUnitId(p) for p in path),
            level=level,
            due_at=policy.due_at(new.priority, new.category, now, ports.working_time),
            now=now,
        )
        case = outcome.case
        # The reporter's own uploads, once: by whoever filed it (staff on behalf included).
        await attach(tx, new.photo_ids, caller.person_id, case.id, now)
        if new.use_photo_location and new.photo_ids:
            case = placed_by_photo(case, await photo_point(tx, new.photo_ids))
        await tx.cases.insert(case)
        tx.publish(to_cloud_event(e) for e in outcome.events)
        return case

    case = await ports.uow.run(work)
    return Reported(
        case,
        possible_duplicates=[c for c, view in known if view is CaseView.FULL],
        duplicate_hints=[c for c, _ in known],
    )
