"""The cost-sharing use cases over in-memory stores: who may do what, what each reader sees,
and that `costshare.funded` is published once."""

from __future__ import annotations

import pytest
from grassroots_contracts.participation_events import CostShareFunded
from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput, Conflict, Forbidden, InvalidTransition, NotFound
from grassroots_participation.domain.cost_share_access import Sight
from grassroots_participation.domain.cost_shares import HouseholdInput, PlanState, ShareMethod
from grassroots_participation.handlers import cost_shares

from tests.participation.fakes import FakeParticipation, fake_participation
from tests.support.tokens import grant

pytestmark = pytest.mark.unit

C1 = ("d1", "s1", "c1")
STAFF = Principal("staff", (grant("COMMUNITY_STAFF", *C1),))
OTHER_STAFF = Principal("staff2", (grant("COMMUNITY_STAFF", "d1", "s1", "c2"),))
REP_A = Principal("rep-a", ())
REP_B = Principal("rep-b", ())
NEIGHBOUR = Principal("neighbour", ())  # lives in c1, not in the plan
OUTSIDER = Principal("outsider", ())  # lives in c2
PARTNER = Principal("partner", (grant("RED_PARTNER_MEMBER", *C1, organization_id="org-red"),))
OTHER_PARTNER = Principal(
    "partner2", (grant("RED_PARTNER_MEMBER", *C1, organization_id="org-other"),)
)


@pytest.fixture
def world() -> FakeParticipation:
    w = fake_participation()
    w.add_unit("d1", "DISTRICT")
    w.add_unit("s1", "STREET", "d1")
    w.add_unit("c1", "COMMUNITY", "d1", "s1")
    w.add_unit("c2", "COMMUNITY", "d1", "s1")
    w.add_resident("rep-a", "ha", *C1)
    w.add_resident("rep-b", "hb", *C1)
    w.add_resident("neighbour", "hn", *C1)
    w.add_resident("outsider", "ho", "d1", "s1", "c2")
    return w


def command(**changes: object) -> cost_shares.CreateCostSharePlan:
    fields: dict[str, object] = {
        "title": "Harbin Road sewage pipe",
        "total_fen": 100_000,
        "method": ShareMethod.EQUAL,
        "households": (HouseholdInput("ha"), HouseholdInput("hb"), HouseholdInput("hc")),
        "case_id": "case-1",
        "org_unit_id": "c1",
    }
    fields.update(changes)
    return cost_shares.CreateCostSharePlan(**fields)  # type: ignore[arg-type]


async def test_only_community_staff_over_the_unit_draw_up_a_plan(world: FakeParticipation):
    for caller in (OTHER_STAFF, REP_A, PARTNER):
        with pytest.raises(Forbidden):
            await cost_shares.create_plan(world.ports, caller, command())
    plan = await cost_shares.create_plan(world.ports, STAFF, command())
    assert [h.share_fen for h in plan.households] == [33_334, 33_333, 33_333]


async def test_a_case_has_one_live_plan(world: FakeParticipation):
    first = await cost_shares.create_plan(world.ports, STAFF, command())
    with pytest.raises(Conflict):
        await cost_shares.create_plan(world.ports, STAFF, command())
    await cost_shares.cancel_plan(world.ports, STAFF, first.id, "recalculated")
    second = await cost_shares.create_plan(world.ports, STAFF, command(total_fen=90_000))
    found = await cost_shares.plan_of_case(world.ports, STAFF, "case-1")
    assert found is not None
    assert found[0].id == second.id


async def test_household_pledges_and_a_red_partners_top_up_publish_funded_once(
    world: FakeParticipation,
):
    plan = await cost_shares.create_plan(world.ports, STAFF, command())
    await cost_shares.pledge(world.ports, REP_A, plan.id, "ha", 30_000)
    await cost_shares.pledge(world.ports, REP_B, plan.id, "hb", None)  # its share, 33,333
    assert world.uow.published == []
    funded, _ = await cost_shares.cover_shortfall(world.ports, PARTNER, plan.id, "org-red", None)
    assert funded.state is PlanState.FUNDED
    assert [e.type for e in world.uow.published] == ["costshare.funded"]
    data = CostShareFunded.from_data(world.uow.published[0].data)
    assert (data.pledged_fen, data.covered_fen, data.total_fen) == (63_333, 36_667, 100_000)
    assert data.covers[0].organization_id == "org-red"
    assert data.case_id == "case-1"
    # A retried cover (or any later pledge) is refused and publishes nothing more.
    with pytest.raises(InvalidTransition):
        await cost_shares.cover_shortfall(world.ports, PARTNER, plan.id, "org-red", None)
    with pytest.raises(InvalidTransition):
        await cost_shares.pledge(world.ports, REP_A, plan.id, "ha", 1)
    assert len(world.uow.published) == 1


async def test_a_member_pledges_for_their_own_household_only(world: FakeParticipation):
    plan = await cost_shares.create_plan(world.ports, STAFF, command())
    with pytest.raises(Forbidden):
        await cost_shares.pledge(world.ports, REP_A, plan.id, "hb", 100)
    with pytest.raises(Forbidden):  # lives in the unit, but the household is not in the plan
        await cost_shares.pledge(world.ports, NEIGHBOUR, plan.id, "hn", 100)
    with pytest.raises(Forbidden):  # staff record, they do not pledge for households
        await cost_shares.pledge(world.ports, STAFF, plan.id, "ha", 100)
    with pytest.raises(BadUserInput):
        await cost_shares.pledge(world.ports, REP_A, plan.id, "ha", -5)
    stored, _ = await cost_shares.plan(world.ports, STAFF, plan.id)
    assert stored.pledges == {}
    assert len(stored.audit) == 1


async def test_an_organization_covers_only_through_its_own_members_or_staff(
    world: FakeParticipation,
):
    plan = await cost_shares.create_plan(world.ports, STAFF, command())
    with pytest.raises(Forbidden):
        await cost_shares.cover_shortfall(world.ports, OTHER_PARTNER, plan.id, "org-red", 100)
    with pytest.raises(Forbidden):
        await cost_shares.cover_shortfall(world.ports, REP_A, plan.id, "org-red", 100)
    changed, _ = await cost_shares.cover_shortfall(world.ports, STAFF, plan.id, "org-red", 100)
    assert changed.covered_by("org-red") == 100


async def test_payments_spending_and_cancelling_are_for_staff(world: FakeParticipation):
    plan = await cost_shares.create_plan(world.ports, STAFF, command())
    for change in (
        cost_shares.record_payment(world.ports, REP_A, plan.id, "ha", 100, ""),
        cost_shares.cancel_plan(world.ports, REP_A, plan.id, "no"),
        cost_shares.record_spending(world.ports, PARTNER, plan.id, 100, ""),
    ):
        with pytest.raises(Forbidden):
            await change
    paid, _ = await cost_shares.record_payment(world.ports, STAFF, plan.id, "ha", 100, "cash")
    assert paid.paid_by("ha") == 100


async def test_each_reader_sees_what_the_policy_allows(world: FakeParticipation):
    plan = await cost_shares.create_plan(world.ports, STAFF, command())
    assert (await cost_shares.plan(world.ports, STAFF, plan.id))[1].sight is Sight.ALL
    own = (await cost_shares.plan(world.ports, REP_A, plan.id))[1]
    assert own.sight is Sight.OWN_HOUSEHOLD
    assert own.household_id == "ha"
    assert not own.shows_household("hb")
    assert (await cost_shares.plan(world.ports, NEIGHBOUR, plan.id))[1].sight is Sight.TOTALS
    assert (await cost_shares.plan(world.ports, PARTNER, plan.id))[1].sight is Sight.TOTALS
    for stranger in (OUTSIDER, OTHER_STAFF):
        with pytest.raises(NotFound):
            await cost_shares.plan(world.ports, stranger, plan.id)
        assert await cost_shares.plan_of_case(world.ports, stranger, "case-1") is None
        with pytest.raises(NotFound):  # nor may they change it
            await cost_shares.pledge(world.ports, stranger, plan.id, "ho", 100)


async def test_an_organizations_pledges_are_for_its_members_and_staff(world: FakeParticipation):
    plan = await cost_shares.create_plan(world.ports, STAFF, command())
    await cost_shares.cover_shortfall(world.ports, PARTNER, plan.id, "org-red", 500)
    mine = await cost_shares.covered_by_organization(world.ports, PARTNER, "org-red", 10, None)
    assert [p.id for p, _ in mine.items] == [plan.id]
    staff = await cost_shares.covered_by_organization(world.ports, STAFF, "org-red", 10, None)
    assert staff.total_count == 1
    elsewhere = await cost_shares.covered_by_organization(
        world.ports, OTHER_STAFF, "org-red", 10, None
    )
    assert elsewhere.total_count == 0
    with pytest.raises(Forbidden):
        await cost_shares.covered_by_organization(world.ports, REP_A, "org-red", 10, None)
    funded_only = await cost_shares.covered_by_organization(
        world.ports, PARTNER, "org-red", 10, None, frozenset({PlanState.FUNDED})
    )
    assert funded_only.items == []
    open_only = await cost_shares.covered_by_organization(
        world.ports, PARTNER, "org-red", 10, None, frozenset({PlanState.OPEN})
    )
    assert open_only.total_count == 1


async def test_a_plan_for_an_agenda_item_takes_the_meetings_unit(world: FakeParticipation):
    from datetime import UTC, datetime

    from grassroots_participation.domain.meetings import MeetingKind
    from grassroots_participation.handlers import meetings

    meeting = await meetings.schedule_meeting(
        world.ports,
        STAFF,
        meetings.ScheduleMeeting(
            org_unit_id="c1",
            kind=MeetingKind.DISCUSSION_DAY,
            title="Friday discussion day",
            starts_at=datetime(2026, 12, 11, 11, 0, tzinfo=UTC),
        ),
    )
    meeting, item_id = await meetings.add_agenda_item(
        world.ports, STAFF, meeting.id, "Who pays for the pipe", ""
    )
    plan = await cost_shares.create_plan(
        world.ports,
        STAFF,
        command(case_id=None, org_unit_id=None, meeting_id=meeting.id, agenda_item_id=item_id),
    )
    assert plan.org_unit_path == C1
    with pytest.raises(NotFound):
        await cost_shares.create_plan(
            world.ports,
            STAFF,
            command(case_id=None, org_unit_id=None, meeting_id=meeting.id, agenda_item_id="nope"),
        )


async def test_a_units_plans_list_what_each_reader_may_see(world: FakeParticipation):
    here = await cost_shares.create_plan(world.ports, STAFF, command())
    there = await cost_shares.create_plan(
        world.ports, OTHER_STAFF, command(case_id="case-2", org_unit_id="c2")
    )
    await cost_shares.cancel_plan(world.ports, STAFF, here.id, "recalculated")
    live = await cost_shares.create_plan(world.ports, STAFF, command(case_id="case-3"))
    street_staff = Principal("street", (grant("STREET_STAFF", "d1", "s1"),))

    async def listed(caller: Principal, unit: str, *states: PlanState) -> list[tuple[str, Sight]]:
        page = await cost_shares.plans_of_unit(
            world.ports, caller, unit, 10, None, frozenset(states)
        )
        assert page.total_count == len(page.items)
        return [(p.id, v.sight) for p, v in page.items]

    # Drawn up in the same instant (the fake clock stands still): by id then.
    assert await listed(street_staff, "s1") == sorted(
        (p.id, Sight.ALL) for p in (here, there, live)
    )
    assert await listed(STAFF, "c1", PlanState.OPEN) == [(live.id, Sight.ALL)]
    # A community's staff listing their street see their own community's plans only.
    assert await listed(STAFF, "s1", PlanState.OPEN) == [(live.id, Sight.ALL)]
    assert await listed(REP_A, "c1", PlanState.OPEN) == [(live.id, Sight.OWN_HOUSEHOLD)]
    assert await listed(NEIGHBOUR, "s1", PlanState.OPEN) == [(live.id, Sight.TOTALS)]
    assert await listed(PARTNER, "c1", PlanState.OPEN) == [(live.id, Sight.TOTALS)]
    assert await listed(OUTSIDER, "s1") == [(there.id, Sight.TOTALS)]
    for caller in (OUTSIDER, OTHER_STAFF, Principal("stranger", ())):
        with pytest.raises(Forbidden):
            await cost_shares.plans_of_unit(world.ports, caller, "c1", 10, None)
    with pytest.raises(NotFound):
        await cost_shares.plans_of_unit(world.ports, STAFF, "no-such-unit", 10, None)
