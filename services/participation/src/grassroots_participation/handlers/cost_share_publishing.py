"""The published form of a plan becoming funded: `costshare.funded`, built from the contract
payload by keyword."""

from __future__ import annotations

from grassroots_contracts import participation_events as contract
from grassroots_contracts.event_types import COSTSHARE_FUNDED, SOURCE_PARTICIPATION
from grassroots_kit.messaging.envelope import CloudEvent, new_event

from grassroots_participation.domain.cost_shares import CostSharePlan


def costshare_funded(plan: CostSharePlan, funded_by: str) -> CloudEvent:
    assert plan.funded_at is not None, "only a funded plan is announced"
    totals = plan.totals()
    organizations = dict.fromkeys(c.organization_id for c in plan.covers)
    data = contract.CostShareFunded(
        plan_id=plan.id,
        case_id=plan.case_id,
        meeting_id=plan.meeting_id,
        agenda_item_id=plan.agenda_item_id,
        org_unit_id=plan.org_unit_id,
        org_unit_path=plan.org_unit_path,
        title=plan.title,
        method=plan.method.value,
        currency=plan.currency,
        total_fen=plan.total_fen,
        pledged_fen=totals.pledged_fen,
        covered_fen=totals.covered_fen,
        households=len(plan.households),
        households_pledged=len(plan.pledges),
        covers=tuple(
            contract.OrganizationCover(organization_id=o, amount_fen=plan.covered_by(o))
            for o in organizations
        ),
        funded_by=funded_by,
        funded_at=plan.funded_at,
    ).to_data()
    return new_event(
        COSTSHARE_FUNDED,
        source=SOURCE_PARTICIPATION,
        subject=plan.id,
        data=data,
        time=plan.funded_at,
    )
