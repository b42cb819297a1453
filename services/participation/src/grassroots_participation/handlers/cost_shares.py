"""Cost-sharing use cases: draw up a plan, pledge, record payments, cover the shortfall, record
the spending, cancel; and reading a plan through the one access policy.

Each loads and changes the plan in one transaction through the unit of work; the transaction
that makes a plan FUNDED also puts `costshare.funded` in the outbox, so it is published exactly
once however the request is retried (a retry finds the plan funded and is refused). A refusal
changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from grassroots_kit.auth import Principal
from grassroots_kit.cursors import Page
from grassroots_kit.errors import BadUserInput, Conflict, NotFound
from grassroots_kit.i18n import msg

from grassroots_participation.domain import access
from grassroots_participation.domain import cost_share_access as policy
from grassroots_participation.domain.cost_share_access import PlanView
from grassroots_participation.domain.cost_shares import (
    CostSharePlan,
    DuplicatePlan,
    HouseholdInput,
    PlanState,
    ShareMethod,
    StalePlan,
    check_target,
    draw_up,
)
from grassroots_participation.domain.ids import new_id
from grassroots_participation.handlers.cost_share_publishing import costshare_funded
from grassroots_participation.handlers.ports import ParticipationPorts, ParticipationTx


@dataclass(frozen=True)
class CreateCostSharePlan:
    title: str
    total_fen: int
    method: ShareMethod
    households: tuple[HouseholdInput, ...]
    case_id: str | None = None
    org_unit_id: str | None = None
    """Where a case's plan is drawn up (participation keeps no copy of cases)."""
    meeting_id: str | None = None
    agenda_item_id: str | None = None


@dataclass(frozen=True)
class Reader:
    """Where the caller lives and their household, for the read policy."""

    home_path: tuple[str, ...]
    household_id: str | None


async def reader(ports: ParticipationPorts, caller: Principal | None) -> Reader:
    if caller is None:
        return Reader((), None)
    resident = await ports.residents.get(caller.person_id)
    if resident is None:
        return Reader((), None)
    return Reader(resident.home_path, resident.household_id)


async def _where(
    ports: ParticipationPorts, caller: Principal, command: CreateCostSharePlan
) -> tuple[str, tuple[str, ...]]:
    """The plan's unit: the one named for a case, the meeting's for an agenda item."""
    if command.meeting_id is not None:
        meeting = await ports.meetings.get(command.meeting_id)
        home = (await reader(ports, caller)).home_path
        if meeting is None or not access.may_read(caller, home, meeting):
            raise access.hidden(command.meeting_id)
        meeting.item(command.agenda_item_id or "")
        return meeting.org_unit_id, meeting.org_unit_path
    if command.org_unit_id is None:
        raise BadUserInput(
            msg("a case's plan needs the org unit it is drawn up at"), field="orgUnitId"
        )
    unit = await ports.org_units.get(command.org_unit_id)
    if unit is None:
        raise NotFound(
            msg("no org unit with id {org_unit_id}", org_unit_id=command.org_unit_id),
            field="orgUnitId",
        )
    return unit.id, unit.path_with_self


async def create_plan(
    ports: ParticipationPorts, caller: Principal, command: CreateCostSharePlan
) -> CostSharePlan:
    check_target(command.case_id, command.meeting_id, command.agenda_item_id)
    unit_id, path = await _where(ports, caller, command)
    policy.require_staff(caller, path)
    plan = draw_up(
        plan_id=new_id(),
        org_unit_id=unit_id,
        org_unit_path=path,
        title=command.title,
        total_fen=command.total_fen,
        method=command.method,
        households=command.households,
        created_by=caller.person_id,
        at=ports.clock(),
        case_id=command.case_id,
        meeting_id=command.meeting_id,
        agenda_item_id=command.agenda_item_id,
    )

    async def work(tx: ParticipationTx) -> CostSharePlan:
        try:
            await tx.cost_shares.insert(plan)
        except DuplicatePlan:
            raise Conflict(
                msg("this case or agenda item already has a cost-sharing plan; cancel it first"),
                field="caseId" if command.case_id else "agendaItemId",
            ) from None
        return plan

    return await ports.uow.run(work)


async def _change(
    ports: ParticipationPorts,
    caller: Principal,
    plan_id: str,
    change: Callable[[CostSharePlan, Reader], bool],
) -> tuple[CostSharePlan, PlanView]:
    """Load the plan, refuse who may not see it (NOT_FOUND), apply `change` (which authorizes
    and returns True when it funded the plan) and store it, with `costshare.funded` then."""
    who = await reader(ports, caller)

    async def work(tx: ParticipationTx) -> tuple[CostSharePlan, PlanView]:
        plan = await tx.cost_shares.get(plan_id)
        sight = None if plan is None else policy.view(caller, who.home_path, who.household_id, plan)
        if plan is None or sight is None:
            raise policy.hidden(plan_id)
        funded = change(plan, who)
        try:
            saved = await tx.cost_shares.save(plan)
        except StalePlan:
            raise Conflict(
                msg("the plan changed while you were changing it: try again"), field="planId"
            ) from None
        if funded:
            tx.publish([costshare_funded(saved, caller.person_id)])
        return saved, sight

    return await ports.uow.run(work)


async def pledge(
    ports: ParticipationPorts,
    caller: Principal,
    plan_id: str,
    household_id: str,
    amount_fen: int | None,
) -> tuple[CostSharePlan, PlanView]:
    def change(plan: CostSharePlan, who: Reader) -> bool:
        policy.require_own_household(who.household_id, plan, household_id)
        return plan.pledge(household_id, amount_fen, caller.person_id, ports.clock())

    return await _change(ports, caller, plan_id, change)


async def cover_shortfall(
    ports: ParticipationPorts,
    caller: Principal,
    plan_id: str,
    organization_id: str,
    amount_fen: int | None,
) -> tuple[CostSharePlan, PlanView]:
    def change(plan: CostSharePlan, who: Reader) -> bool:
        policy.require_cover(caller, plan, organization_id)
        return plan.cover(organization_id, amount_fen, caller.person_id, ports.clock())

    return await _change(ports, caller, plan_id, change)


async def record_payment(
    ports: ParticipationPorts,
    caller: Principal,
    plan_id: str,
    household_id: str,
    amount_fen: int,
    note: str,
) -> tuple[CostSharePlan, PlanView]:
    def change(plan: CostSharePlan, who: Reader) -> bool:
        policy.require_staff(caller, plan.org_unit_path)
        plan.record_payment(household_id, amount_fen, caller.person_id, ports.clock(), note)
        return False

    return await _change(ports, caller, plan_id, change)


async def record_spending(
    ports: ParticipationPorts, caller: Principal, plan_id: str, amount_fen: int, note: str
) -> tuple[CostSharePlan, PlanView]:
    def change(plan: CostSharePlan, who: Reader) -> bool:
        policy.require_staff(caller, plan.org_unit_path)
        plan.record_spending(amount_fen, caller.person_id, ports.clock(), note)
        return False

    return await _change(ports, caller, plan_id, change)


async def cancel_plan(
    ports: ParticipationPorts, caller: Principal, plan_id: str, reason: str
) -> tuple[CostSharePlan, PlanView]:
    def change(plan: CostSharePlan, who: Reader) -> bool:
        policy.require_staff(caller, plan.org_unit_path)
        plan.cancel(caller.person_id, ports.clock(), reason)
        return False

    return await _change(ports, caller, plan_id, change)


# --- reading --------------------------------------------------------------------------------


async def plan(
    ports: ParticipationPorts, caller: Principal, plan_id: str
) -> tuple[CostSharePlan, PlanView]:
    found = await ports.cost_shares.get(plan_id)
    who = await reader(ports, caller)
    sight = None if found is None else policy.view(caller, who.home_path, who.household_id, found)
    if found is None or sight is None:
        raise policy.hidden(plan_id)
    return found, sight


async def plan_of_case(
    ports: ParticipationPorts, caller: Principal, case_id: str
) -> tuple[CostSharePlan, PlanView] | None:
    """The case's plan if the caller may see it; null otherwise (as if it had none)."""
    found = await ports.cost_shares.for_case(case_id)
    if found is None:
        return None
    who = await reader(ports, caller)
    sight = policy.view(caller, who.home_path, who.household_id, found)
    return None if sight is None else (found, sight)


async def plans_of_cases(
    ports: ParticipationPorts, caller: Principal, case_ids: Sequence[str]
) -> dict[str, tuple[CostSharePlan, PlanView]]:
    """`plan_of_case` for many cases at once: one query for the plans, one for the caller."""
    found = await ports.cost_shares.for_cases(case_ids)
    if not found:
        return {}
    who = await reader(ports, caller)
    seen: dict[str, tuple[CostSharePlan, PlanView]] = {}
    for case_id, plan in found.items():
        sight = policy.view(caller, who.home_path, who.household_id, plan)
        if sight is not None:
            seen[case_id] = (plan, sight)
    return seen


async def plans_of_unit(
    ports: ParticipationPorts,
    caller: Principal,
    unit_id: str,
    first: int,
    after: Sequence[Any] | None,
    states: frozenset[PlanState] = frozenset(),
) -> Page[tuple[CostSharePlan, PlanView]]:
    """The plans of a unit's subtree the caller may see, each with what they may see of it:
    staff over the unit all of them, anyone else those `policy.view` shows them (the store
    query keeps to that scope, so a page is never short). FORBIDDEN for one who may see none."""
    unit = await ports.org_units.get(unit_id)
    if unit is None:
        raise NotFound(msg("no org unit with id {org_unit_id}", org_unit_id=unit_id), field="id")
    who = await reader(ports, caller)
    scope = policy.listable(caller, who.home_path, unit.path_with_self)
    page = await ports.cost_shares.of_unit(unit_id, scope, first, after, states)
    seen: list[tuple[CostSharePlan, PlanView]] = []
    for found in page.items:
        sight = policy.view(caller, who.home_path, who.household_id, found)
        if sight is not None:  # always, as the scope is the view's; never show more
            seen.append((found, sight))
    return Page(
        items=seen,
        has_next=page.has_next,
        has_previous=page.has_previous,
        total_count=page.total_count,
    )


async def covered_by_organization(
    ports: ParticipationPorts,
    caller: Principal,
    organization_id: str,
    first: int,
    after: Sequence[Any] | None,
    states: frozenset[PlanState] = frozenset(),
) -> Page[tuple[CostSharePlan, PlanView]]:
    within = policy.organization_pledges_scope(caller, organization_id)
    page = await ports.cost_shares.covered_by(organization_id, within, first, after, states)
    who = await reader(ports, caller)
    seen: list[tuple[CostSharePlan, PlanView]] = []
    for found in page.items:
        sight = policy.view(caller, who.home_path, who.household_id, found)
        seen.append((found, sight or PlanView(policy.Sight.TOTALS)))
    return Page(
        items=seen,
        has_next=page.has_next,
        has_previous=page.has_previous,
        total_count=page.total_count,
    )
