"""Catalog, redemptions, adjustments and rules, run by the real handlers over in-memory stores."""

from __future__ import annotations

import pytest
from grassroots_kit.auth import Principal
from grassroots_kit.errors import (
    BadUserInput,
    Conflict,
    Forbidden,
    InvalidTransition,
    NotFound,
)
from grassroots_kit.org_units import ProjectedOrgUnit
from grassroots_points.domain.ledger import EntryKind
from grassroots_points.domain.periods import Period
from grassroots_points.domain.rewards import RedemptionStatus, Reward
from grassroots_points.domain.rules import Selector
from grassroots_points.handlers.adjustments import AdjustPoints, adjust_points
from grassroots_points.handlers.catalog import (
    CreateReward,
    UpdateReward,
    create_reward,
    restock_reward,
    update_reward,
)
from grassroots_points.handlers.reading import community_rank
from grassroots_points.handlers.redemptions import (
    RedeemReward,
    cancel_redemption,
    fulfill_redemption,
    redeem_reward,
)
from grassroots_points.handlers.rules import SetPointRule, delete_point_rule, set_point_rule

from tests.points.fakes import FakePoints, fake_points
from tests.points.helpers import (
    C1_PATH,
    C1_STAFF,
    C2_STAFF,
    N1_PATH,
    PLATFORM_ADMIN,
    D,
    S,
    grant,
    uid,
)

STAFF = Principal("staff-c1", (C1_STAFF,))
OTHER_STAFF = Principal("staff-c2", (C2_STAFF,))
ADMIN = Principal("platform-admin", (PLATFORM_ADMIN,))


def given_the_community(points: FakePoints) -> None:
    points.state.org_units["c1"] = ProjectedOrgUnit("c1", "COMMUNITY", "Chunhua", (D, S))
    points.state.org_units["g1"] = ProjectedOrgUnit("g1", "GRID", "Grid 1", tuple(C1_PATH))


async def given_a_reward(points: FakePoints, cost: int = 5, stock: int = 2) -> Reward:
    given_the_community(points)
    return await create_reward(points.ports, STAFF, CreateReward("c1", uid("Towel "), cost, stock))


async def given_points(points: FakePoints, person: str, amount: int) -> None:
    points.state.homes[person] = tuple(N1_PATH)
    await adjust_points(points.ports, STAFF, AdjustPoints(person, amount, "starting balance"))


def balance(points: FakePoints, person: str) -> int:
    account = points.state.accounts.get(person)
    return account.balance if account else 0


# -- catalog -------------------------------------------------------------------------------------


async def test_community_staff_create_rewards_in_their_community_only():
    points = fake_points()
    given_the_community(points)

    made = await create_reward(points.ports, STAFF, CreateReward("c1", "  Rice   5 kg ", 30, 4))

    assert (made.name, made.org_unit_path, made.created_at) == (
        "Rice 5 kg",
        tuple(C1_PATH),
        points.clock.now,
    )
    assert points.state.rewards[made.id] == made
    with pytest.raises(Forbidden):
        await create_reward(points.ports, OTHER_STAFF, CreateReward("c1", "Soap", 5, 1))
    with pytest.raises(BadUserInput):
        await create_reward(points.ports, STAFF, CreateReward("g1", "Soap", 5, 1))
    with pytest.raises(NotFound):
        await create_reward(points.ports, STAFF, CreateReward("nowhere", "Soap", 5, 1))
    with pytest.raises(Conflict):
        await create_reward(points.ports, STAFF, CreateReward("c1", "Rice 5 kg", 5, 1))


async def test_a_village_keeps_a_catalog_as_a_community_does_and_a_town_does_not():
    points = fake_points()
    points.state.org_units["v1"] = ProjectedOrgUnit("v1", "VILLAGE", "Longwangmiao", (D, "t1"))
    points.state.org_units["t1"] = ProjectedOrgUnit("t1", "TOWN", "Chunhua", (D,))
    village_staff = Principal("staff-v1", (grant("COMMUNITY_STAFF", D, "t1", "v1"),))
    town_staff = Principal("staff-t1", (grant("STREET_STAFF", D, "t1"),))

    made = await create_reward(points.ports, village_staff, CreateReward("v1", "Rice", 30, 4))

    assert made.org_unit_path == (D, "t1", "v1")
    with pytest.raises(BadUserInput):
        await create_reward(points.ports, town_staff, CreateReward("t1", "Soap", 5, 1))


async def test_a_person_ranks_in_their_village_as_in_a_community():
    points = fake_points()
    given_the_community(points)
    points.state.org_units["c1"] = ProjectedOrgUnit("c1", "VILLAGE", "Jindingshan", (D, S))
    await given_points(points, "villager", 30)

    rank = await community_rank(points.ports, "villager", tuple(N1_PATH), Period(None, None))

    assert rank == 1


async def test_updating_and_restocking_a_reward():
    points = fake_points()
    towel = await given_a_reward(points)

    updated = await update_reward(points.ports, STAFF, UpdateReward(towel.id, cost=9, active=False))
    restocked = await restock_reward(points.ports, STAFF, towel.id, 3)

    assert (updated.name, updated.cost, updated.active) == (towel.name, 9, False)
    assert restocked.stock == towel.stock + 3
    with pytest.raises(Forbidden):
        await update_reward(points.ports, OTHER_STAFF, UpdateReward(towel.id, cost=1))
    with pytest.raises(NotFound):
        await restock_reward(points.ports, STAFF, "nope", 1)
    with pytest.raises(BadUserInput):
        await restock_reward(points.ports, STAFF, towel.id, 0)


# -- redemptions ---------------------------------------------------------------------------------


async def test_redeeming_debits_the_points_reserves_the_stock_and_publishes():
    points = fake_points()
    towel = await given_a_reward(points, cost=5, stock=2)
    person = uid("p-")
    await given_points(points, person, 12)

    made = await redeem_reward(points.ports, Principal(person, ()), RedeemReward(towel.id, 2))

    assert (made.cost, made.quantity, made.status) == (10, 2, RedemptionStatus.REQUESTED)
    assert balance(points, person) == 2
    assert points.state.rewards[towel.id].stock == 0
    assert points.state.redemptions[made.id] == made
    [event] = [e for e in points.uow.published if e.type == "reward.redeemed"]
    assert (event.subject, event.data["cost"], event.data["personId"]) == (made.id, 10, person)


async def test_a_redemption_the_balance_cannot_pay_changes_nothing():
    points = fake_points()
    towel = await given_a_reward(points, cost=5, stock=2)
    person = uid("p-")
    await given_points(points, person, 4)
    published_before = list(points.uow.published)

    with pytest.raises(BadUserInput) as refused:
        await redeem_reward(points.ports, Principal(person, ()), RedeemReward(towel.id, 1))

    assert refused.value.extensions["field"] == "quantity"
    assert balance(points, person) == 4
    assert points.state.rewards[towel.id].stock == 2  # the reservation was rolled back
    assert points.state.redemptions == {}
    assert points.uow.published == published_before


async def test_no_redemption_beyond_the_stock_or_of_an_inactive_reward():
    points = fake_points()
    towel = await given_a_reward(points, cost=1, stock=1)
    person = Principal(uid("p-"), ())
    await given_points(points, person.person_id, 10)

    with pytest.raises(Conflict):
        await redeem_reward(points.ports, person, RedeemReward(towel.id, 2))
    await update_reward(points.ports, STAFF, UpdateReward(towel.id, active=False))
    with pytest.raises(Conflict):
        await redeem_reward(points.ports, person, RedeemReward(towel.id, 1))
    with pytest.raises(NotFound):
        await redeem_reward(points.ports, person, RedeemReward("nope", 1))
    with pytest.raises(BadUserInput):
        await redeem_reward(points.ports, person, RedeemReward(towel.id, 0))
    assert balance(points, person.person_id) == 10


async def test_cancelling_refunds_and_restocks_once():
    points = fake_points()
    towel = await given_a_reward(points, cost=5, stock=2)
    person = Principal(uid("p-"), ())
    await given_points(points, person.person_id, 5)
    made = await redeem_reward(points.ports, person, RedeemReward(towel.id, 1))

    with pytest.raises(Forbidden):
        await cancel_redemption(points.ports, Principal(uid("stranger-"), ()), made.id)
    cancelled = await cancel_redemption(points.ports, person, made.id)

    assert cancelled.status is RedemptionStatus.CANCELLED
    assert balance(points, person.person_id) == 5
    assert points.state.rewards[towel.id].stock == 2
    refunds = [e for e in points.state.entries if e.kind is EntryKind.REFUND]
    assert [(e.delta, e.actor_id) for e in refunds] == [(5, person.person_id)]
    with pytest.raises(InvalidTransition):
        await cancel_redemption(points.ports, STAFF, made.id)


async def test_only_the_communitys_staff_hand_a_redemption_over():
    points = fake_points()
    towel = await given_a_reward(points, cost=5, stock=2)
    person = Principal(uid("p-"), ())
    await given_points(points, person.person_id, 5)
    made = await redeem_reward(points.ports, person, RedeemReward(towel.id, 1))

    for outsider in (person, OTHER_STAFF):
        with pytest.raises(Forbidden):
            await fulfill_redemption(points.ports, outsider, made.id)
    done = await fulfill_redemption(points.ports, STAFF, made.id)

    assert (done.status, done.handled_by) == (RedemptionStatus.FULFILLED, STAFF.person_id)
    with pytest.raises(InvalidTransition):
        await cancel_redemption(points.ports, person, made.id)
    with pytest.raises(NotFound):
        await fulfill_redemption(points.ports, STAFF, "nope")


# -- adjustments ---------------------------------------------------------------------------------


async def test_staff_adjust_balances_in_their_scope_with_a_reason():
    points = fake_points()
    person = uid("p-")
    points.state.homes[person] = tuple(N1_PATH)

    credit = await adjust_points(points.ports, STAFF, AdjustPoints(person, 20, "  lost   receipt "))
    debit = await adjust_points(points.ports, STAFF, AdjustPoints(person, -5, "double-counted"))

    assert (credit.kind, credit.reason, credit.actor_id) == (
        EntryKind.ADJUSTMENT,
        "lost receipt",
        STAFF.person_id,
    )
    assert (credit.balance_after, debit.balance_after) == (20, 15)
    assert points.state.accounts[person].org_unit_path == tuple(N1_PATH)


async def test_adjustments_are_refused_out_of_scope_for_oneself_and_below_zero():
    points = fake_points()
    person = uid("p-")
    points.state.homes[person] = tuple(N1_PATH)

    with pytest.raises(Forbidden):
        await adjust_points(points.ports, OTHER_STAFF, AdjustPoints(person, 5, "why not"))
    with pytest.raises(Forbidden):
        await adjust_points(points.ports, STAFF, AdjustPoints(STAFF.person_id, 5, "for me"))
    with pytest.raises(Forbidden):  # nobody knows where this person lives: no staff covers them
        await adjust_points(points.ports, STAFF, AdjustPoints(uid("ghost-"), 5, "who?"))
    with pytest.raises(BadUserInput):
        await adjust_points(points.ports, STAFF, AdjustPoints(person, -1, "below zero"))
    with pytest.raises(BadUserInput):
        await adjust_points(points.ports, STAFF, AdjustPoints(person, 0, "nothing"))
    assert points.state.entries == []


# -- rules ---------------------------------------------------------------------------------------


async def test_only_platform_admins_set_and_delete_rules():
    points = fake_points()
    command = SetPointRule(Selector("case.closed", role="NEIGHBOR_CHIEF"), 8, description="chiefs")

    with pytest.raises(Forbidden):
        await set_point_rule(points.ports, STAFF, command)
    made = await set_point_rule(points.ports, ADMIN, command)
    replaced = await set_point_rule(points.ports, ADMIN, SetPointRule(command.selector, 9))

    assert replaced.id == made.id
    assert points.state.rules[made.id].points == 9
    assert (made.updated_by, made.updated_at) == (ADMIN.person_id, points.clock.now)
    with pytest.raises(Forbidden):
        await delete_point_rule(points.ports, STAFF, made.id)
    await delete_point_rule(points.ports, ADMIN, made.id)
    assert points.state.rules == {}
    with pytest.raises(NotFound):
        await delete_point_rule(points.ports, ADMIN, made.id)


async def test_a_rule_out_of_bounds_is_refused():
    points = fake_points()
    with pytest.raises(BadUserInput):
        await set_point_rule(points.ports, ADMIN, SetPointRule(Selector("case.closed"), -1))
    with pytest.raises(BadUserInput):
        await set_point_rule(points.ports, ADMIN, SetPointRule(Selector("no.such.event"), 1))
    assert points.state.rules == {}
