"""Who may draw up, pledge to, cover, record and read cost-sharing plans, and how much of a plan
each reader sees. Pure, and the one policy every path to a plan uses (`costSharePlan`,
`Case.costShare`, `Organization.pledges`, `OrgUnit.costSharePlans`, every mutation).

What a household pledges and pays may be sensitive between neighbours, so:
- community staff over the plan's unit (and grid, street and district staff over it) see every
  household's line: share, pledge and payments, and the whole audit trail;
- a household in the plan sees its own line, the plan's totals and the organizations' covers,
  and of the audit trail only the entries about its own household;
- other people of the unit (who live in it or hold a role at it or below) and the members of an
  organization serving the unit (a red partner) see the totals and the covers only;
- anyone else is told the plan does not exist (NOT_FOUND), as for one that does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from grassroots_contracts.roles import ORGANIZATION_ROLES
from grassroots_kit.auth import Principal
from grassroots_kit.errors import Forbidden, NotFound
from grassroots_kit.i18n import msg

from grassroots_participation.domain import access
from grassroots_participation.domain.cost_shares import (
    CostSharePlan,
    NotInPlan,
    NotOrganizationMember,
)


class Sight(Enum):
    """How much of a plan a reader sees."""

    ALL = "ALL"
    OWN_HOUSEHOLD = "OWN_HOUSEHOLD"
    TOTALS = "TOTALS"


@dataclass(frozen=True)
class PlanView:
    sight: Sight
    household_id: str | None = None
    """The reader's own household in the plan (OWN_HOUSEHOLD only)."""

    def shows_household(self, household_id: str | None) -> bool:
        return self.sight is Sight.ALL or (
            household_id is not None and household_id == self.household_id
        )


def may_draw_up(caller: Principal, unit_path: Sequence[str]) -> bool:
    """Community staff over the unit (the same who convene its meetings)."""
    return access.may_convene(caller, unit_path)


def require_staff(caller: Principal, plan_path: Sequence[str]) -> None:
    if not may_draw_up(caller, plan_path):
        raise Forbidden(
            msg("only the community staff of this org unit may draw up and record its cost shares")
        )


def serves_for(caller: Principal, organization_id: str, unit_path: Sequence[str]) -> bool:
    """A member of the organization (a red partner's member, a department's staff) whose role is
    held over the unit: people grants such a role only at units the organization is of or paired
    with."""
    return any(
        g.role in ORGANIZATION_ROLES
        and g.organization_id == organization_id
        and g.covers(unit_path)
        for g in caller.grants
    )


def require_cover(caller: Principal, plan: CostSharePlan, organization_id: str) -> None:
    if may_draw_up(caller, plan.org_unit_path):
        return
    if not serves_for(caller, organization_id, plan.org_unit_path):
        raise NotOrganizationMember()


def require_own_household(
    household_of_caller: str | None, plan: CostSharePlan, household_id: str
) -> None:
    """A household's member pledges for their own household, and only if it is in the plan."""
    if household_of_caller != household_id or not plan.has_household(household_id):
        raise NotInPlan()


def view(
    caller: Principal | None,
    home_path: Sequence[str],
    household_id: str | None,
    plan: CostSharePlan,
) -> PlanView | None:
    """What the caller may see of the plan; None for nothing at all."""
    if caller is None:
        return None
    if caller.has_any(access.STAFF_ROLES, plan.org_unit_path):
        return PlanView(Sight.ALL)
    if plan.has_household(household_id) and plan.org_unit_id in home_path:
        return PlanView(Sight.OWN_HOUSEHOLD, household_id)
    if access.may_read_unit(caller, home_path, plan.org_unit_id):
        return PlanView(Sight.TOTALS)
    if any(g.role in ORGANIZATION_ROLES and g.covers(plan.org_unit_path) for g in caller.grants):
        return PlanView(Sight.TOTALS)
    return None


@dataclass(frozen=True)
class ListScope:
    """Which plans of a unit's subtree a reader who is not staff over the unit may list: those
    drawn up at `held_at` (where they live or hold a role) and those in the subtrees of `under`
    (where they are staff or serve an organization). Exactly the plans `view` shows them."""

    held_at: frozenset[str]
    under: frozenset[str]


def listable(
    caller: Principal, home_path: Sequence[str], unit_path: Sequence[str]
) -> ListScope | None:
    """Whose plans in a unit's subtree (`unit_path`: ancestors and the unit) the caller may
    list: None for all of them (staff over the unit), else the scope `view` allows. FORBIDDEN
    for one who may see none of its plans."""
    if unit_path and caller.has_any(access.STAFF_ROLES, unit_path):
        return None
    unit_id = unit_path[-1] if unit_path else ""
    under = frozenset(
        g.org_unit_id
        for g in caller.grants
        if (g.role in access.STAFF_ROLES or g.role in ORGANIZATION_ROLES)
        and (g.covers(unit_path) or unit_id in g.path)
    )
    if not unit_path or not (under or access.may_read_unit(caller, home_path, unit_id)):
        raise Forbidden(
            msg("only the people and staff of this org unit may see its cost-sharing plans")
        )
    return ListScope(frozenset(home_path) | {u for g in caller.grants for u in g.path}, under)


def organization_pledges_scope(caller: Principal, organization_id: str) -> frozenset[str] | None:
    """Whose covers of an organization the caller may list: None for all of them (a member of
    the organization), else those of plans in the units the caller is staff over. FORBIDDEN for
    one who is neither."""
    if any(
        g.role in ORGANIZATION_ROLES and g.organization_id == organization_id for g in caller.grants
    ):
        return None
    units = frozenset(g.org_unit_id for g in caller.grants if g.role in access.STAFF_ROLES)
    if not units:
        raise Forbidden(
            msg("only the organization's members and staff may see what it has covered")
        )
    return units


def hidden(plan_id: str) -> NotFound:
    return NotFound(msg("no cost-sharing plan with id {plan_id}", plan_id=plan_id), field="id")
