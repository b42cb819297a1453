"""GraphQL types of cost-sharing plans. What a reader sees of a plan was decided by the domain's
policy (domain/cost_share_access.py); these types only leave out what the view says to."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry

from grassroots_participation.domain import cost_shares as domain
from grassroots_participation.domain.cost_share_access import PlanView

# Registers the enums' GraphQL names (CostShareMethod, CostSharePlanState, CostShareAction).
from grassroots_participation.graphql import cost_share_enums as cost_share_enums
from grassroots_participation.graphql.types import Household, Organization, OrgUnit, Person, person


@strawberry.type(description="A payment a household made, as recorded (no money moves here).")
class CostSharePayment:
    amount_fen: int = strawberry.field(description="In fen (CNY).")
    recorded_by: Person = strawberry.field(description="Who recorded it.")
    at: datetime = strawberry.field(description="When it was recorded.")
    note: str = strawberry.field(description="A receipt number or remark; may be empty.")


@strawberry.type(description="A household's line in a plan.")
class CostShareHousehold:
    household: Household = strawberry.field(description="The household.")
    area_m2: Decimal | None = strawberry.field(
        description="Its floor area in square metres (shares by area only)."
    )
    share_fen: int | None = strawberry.field(
        description="What it is asked to pay, in fen; null when households pledge freely."
    )
    pledged_fen: int | None = strawberry.field(
        description="What it pledged, in fen; null until it pledges."
    )
    paid_fen: int = strawberry.field(description="What it has paid so far, in fen.")
    payments: list[CostSharePayment] = strawberry.field(description="Its recorded payments.")

    @classmethod
    def from_domain(
        cls, plan: domain.CostSharePlan, line: domain.HouseholdShare
    ) -> CostShareHousehold:
        return cls(
            household=Household(id=strawberry.ID(line.household_id)),
            area_m2=Decimal(line.area_centi) / 100 if line.area_centi is not None else None,
            share_fen=line.share_fen,
            pledged_fen=plan.pledges.get(line.household_id),
            paid_fen=plan.paid_by(line.household_id),
            payments=[
                CostSharePayment(
                    amount_fen=p.amount_fen,
                    recorded_by=person(p.recorded_by),
                    at=p.at,
                    note=p.note,
                )
                for p in plan.payments
                if p.household_id == line.household_id
            ],
        )


@strawberry.type(description="What an organization covered of a plan's shortfall.")
class CostShareCover:
    organization: Organization = strawberry.field(description="The organization.")
    amount_fen: int = strawberry.field(description="In fen (CNY).")
    at: datetime = strawberry.field(description="When it was recorded.")


@strawberry.type(description="One change to a plan: its append-only audit trail.")
class CostShareAuditEntry:
    at: datetime = strawberry.field(description="When.")
    by: Person = strawberry.field(description="Who made the change.")
    action: domain.AuditAction = strawberry.field(description="What was done.")
    amount_fen: int = strawberry.field(description="The amount it concerned, in fen; 0 if none.")
    household: Household | None = strawberry.field(description="The household it concerned.")
    organization: Organization | None = strawberry.field(
        description="The organization it concerned."
    )
    note: str = strawberry.field(description="A remark or reason; may be empty.")


@strawberry.type(
    description="A cost-sharing plan for a case or a decision: a total in fen (CNY) shared among "
    "households, their pledges and recorded payments, and organizations covering the shortfall. "
    "Staff over its unit see every household's line; a household in it sees its own line and "
    "the totals; other people of the unit the totals only."
)
class CostSharePlan:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    title: str = strawberry.field(description="What it pays for.")
    org_unit_id: strawberry.ID = strawberry.field(description="Where it was drawn up.")
    case_id: strawberry.ID | None = strawberry.field(description="The case it pays for.")
    meeting_id: strawberry.ID | None = strawberry.field(
        description="The meeting whose decision it pays for."
    )
    agenda_item_id: strawberry.ID | None = strawberry.field(
        description="The agenda item whose decision it pays for."
    )
    method: domain.ShareMethod = strawberry.field(description="How shares are set.")
    state: domain.PlanState = strawberry.field(description="Open, funded, spent or cancelled.")
    currency: str = strawberry.field(description="Always CNY.")
    total_fen: int = strawberry.field(description="What it costs, in fen.")
    pledged_fen: int = strawberry.field(description="What the households pledged together.")
    covered_fen: int = strawberry.field(description="What organizations covered together.")
    shortfall_fen: int = strawberry.field(
        description="What is still missing: total less pledges and covers, never below 0."
    )
    paid_fen: int = strawberry.field(description="What the households have paid together.")
    household_count: int = strawberry.field(description="How many households are in it.")
    households: list[CostShareHousehold] = strawberry.field(
        description="Every household's line for staff; your own household's line for you; "
        "empty for other readers."
    )
    my_household: CostShareHousehold | None = strawberry.field(
        description="Your own household's line, if it is in the plan."
    )
    covers: list[CostShareCover] = strawberry.field(
        description="What organizations covered, in order."
    )
    history: list[CostShareAuditEntry] = strawberry.field(
        description="Its audit trail, oldest first: all of it for staff, else the plan-wide "
        "entries and those about your own household."
    )
    created_by: Person = strawberry.field(description="Who drew it up.")
    created_at: datetime = strawberry.field(description="When.")
    funded_at: datetime | None = strawberry.field(description="When it became funded.")
    spent_fen: int | None = strawberry.field(description="What was spent, as recorded.")
    spent_at: datetime | None = strawberry.field(description="When the spending was recorded.")
    cancelled_at: datetime | None = strawberry.field(description="When it was cancelled.")

    @strawberry.field(description="The unit where it was drawn up.")
    def org_unit(self) -> OrgUnit:
        return OrgUnit(id=self.org_unit_id)

    @classmethod
    def from_domain(cls, plan: domain.CostSharePlan, view: PlanView) -> CostSharePlan:
        totals = plan.totals()
        lines = [
            CostShareHousehold.from_domain(plan, h)
            for h in plan.households
            if view.shows_household(h.household_id)
        ]
        mine = [
            CostShareHousehold.from_domain(plan, h)
            for h in plan.households
            if view.household_id is not None and h.household_id == view.household_id
        ]
        return cls(
            id=strawberry.ID(plan.id),
            title=plan.title,
            org_unit_id=strawberry.ID(plan.org_unit_id),
            case_id=strawberry.ID(plan.case_id) if plan.case_id else None,
            meeting_id=strawberry.ID(plan.meeting_id) if plan.meeting_id else None,
            agenda_item_id=strawberry.ID(plan.agenda_item_id) if plan.agenda_item_id else None,
            method=plan.method,
            state=plan.state,
            currency=plan.currency,
            total_fen=plan.total_fen,
            pledged_fen=totals.pledged_fen,
            covered_fen=totals.covered_fen,
            shortfall_fen=totals.shortfall_fen,
            paid_fen=totals.paid_fen,
            household_count=len(plan.households),
            households=lines,
            my_household=mine[0] if mine else None,
            covers=[
                CostShareCover(
                    organization=Organization(id=strawberry.ID(c.organization_id)),
                    amount_fen=c.amount_fen,
                    at=c.at,
                )
                for c in plan.covers
            ],
            history=[
                CostShareAuditEntry(
                    at=e.at,
                    by=person(e.by),
                    action=e.action,
                    amount_fen=e.amount_fen,
                    household=Household(id=strawberry.ID(e.household_id))
                    if e.household_id
                    else None,
                    organization=Organization(id=strawberry.ID(e.organization_id))
                    if e.organization_id
                    else None,
                    note=e.note,
                )
                for e in plan.audit
                if e.household_id is None or view.shows_household(e.household_id)
            ],
            created_by=person(plan.created_by),
            created_at=plan.created_at,
            funded_at=plan.funded_at,
            spent_fen=plan.spent_fen,
            spent_at=plan.spent_at,
            cancelled_at=plan.cancelled_at,
        )


@strawberry.type(description="A plan an organization covered, and how much it covered of it.")
class OrganizationPledge:
    plan: CostSharePlan = strawberry.field(description="The plan.")
    amount_fen: int = strawberry.field(description="What the organization covered, in fen.")

    @classmethod
    def of(
        cls, organization_id: str, found: tuple[domain.CostSharePlan, PlanView]
    ) -> OrganizationPledge:
        plan, view = found
        return cls(
            plan=CostSharePlan.from_domain(plan, view),
            amount_fen=plan.covered_by(organization_id),
        )
