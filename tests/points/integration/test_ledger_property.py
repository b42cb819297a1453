"""Property: whatever mix of awards, reversals, redemptions, cancellations and adjustments runs
concurrently (with duplicate deliveries), the ledger check finds no drift, no balance or stock
goes below zero, stock is conserved, and each closing's awards stand or are reversed once."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass

import pytest
from grassroots_kit.auth import Principal
from grassroots_kit.errors import UserError
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.mongo import Session
from grassroots_points.adapters.ledger_check import check_ledger
from grassroots_points.handlers.adjustments import AdjustPoints, adjust_points
from grassroots_points.handlers.catalog import CreateReward, create_reward
from grassroots_points.handlers.reactions import awards_subscription
from grassroots_points.handlers.redemptions import (
    RedeemReward,
    cancel_redemption,
    redeem_reward,
)
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pymongo.errors import OperationFailure

from tests.points.helpers import (
    C1_STAFF,
    Points,
    case_closed,
    case_reopened,
    given_the_ladder,
    uid,
)

PEOPLE = 12
CASES = 8
REWARDS = 3
CONCURRENCY = 8

Op = tuple[str, int, int]
operation = st.one_of(
    st.tuples(st.just("case"), st.integers(0, CASES - 1), st.integers(1, 7)),
    st.tuples(st.just("redeem"), st.integers(0, PEOPLE - 1), st.integers(0, REWARDS - 1)),
    st.tuples(st.just("cancel"), st.integers(0, PEOPLE - 1), st.integers(0, 3)),
    st.tuples(st.just("adjust"), st.integers(0, PEOPLE - 1), st.integers(-40, 40)),
)


@dataclass
class World:
    """One example's people, cases, rewards and the redemptions made so far."""

    people: list[str]
    cases: list[str]
    rewards: list[str]
    closures: dict[int, int]
    is_closed: dict[int, bool]
    redemptions: dict[str, list[str]]


def plan(world: World, ops: list[Op]) -> list[tuple[str, object]]:
    """Turn drawn operations into concrete steps; a case alternates closing and reopening,
    and some events are delivered twice."""
    steps: list[tuple[str, object]] = []
    for kind, a, b in ops:
        if kind == "case":
            case_id = world.cases[a]
            if world.is_closed[a]:
                event = case_reopened(case_id, closure=world.closures[a])
            else:
                world.closures[a] += 1
                handlers = [
                    (world.people[i], "NEIGHBOR_CHIEF")
                    for i in range(PEOPLE)
                    if (b + a) >> (i % 4) & 1
                ][:3]
                event = case_closed(
                    case_id, handlers, closure=world.closures[a], met_deadline=bool(b % 2)
                )
            world.is_closed[a] = not world.is_closed[a]
            steps.append(("deliver", event))
            if b % 3 == 0:
                steps.append(("deliver", event))  # a duplicate delivery
        else:
            steps.append((kind, (a, b)))
    return steps


async def deliver(points: Points, event: CloudEvent) -> None:
    """What the kit consumer does: record the event id and apply it, in one transaction."""
    handler = awards_subscription(points.wired.uow).handlers[event.type]

    async def work(session: Session) -> None:
        processed = points.db["processed_events"]
        key = f"awards:{event.id}"
        if await processed.find_one({"_id": key}, session=session):
            return
        await processed.insert_one({"_id": key}, session=session)
        await handler(event, session)

    # Like the consumer: a transaction still conflicting after its own retries is contention,
    # and is tried again with back-off until it commits.
    delay = 0.05
    while True:
        try:
            await points.service.host.transaction(work)
            return
        except OperationFailure as exc:
            if not exc.has_error_label("TransientTransactionError"):
                raise
            GAVE_UP["deliver (retried)"] += 1
            await asyncio.sleep(delay)
            delay = min(delay * 2, 1.0)


async def run_step(points: Points, world: World, step: tuple[str, object]) -> None:
    ports = points.wired.ports
    kind, arg = step
    try:
        if kind == "deliver":
            assert isinstance(arg, CloudEvent)
            await deliver(points, arg)
            return
        assert isinstance(arg, tuple)
        person = world.people[arg[0]]
        caller = Principal(person, ())
        if kind == "redeem":
            made = await redeem_reward(ports, caller, RedeemReward(world.rewards[arg[1]], 1))
            world.redemptions[person].append(made.id)
        elif kind == "cancel":
            mine = world.redemptions[person]
            if mine:
                await cancel_redemption(ports, caller, mine[arg[1] % len(mine)])
        elif kind == "adjust" and arg[1]:
            staff = Principal("staff", (C1_STAFF,))
            await adjust_points(ports, staff, AdjustPoints(person, arg[1], "property test"))
    except UserError:
        pass  # refused as it should be: no points, no stock, already cancelled, no account
    except OperationFailure as exc:
        # Still conflicting after every retry: the transaction was rolled back whole.
        if not exc.has_error_label("TransientTransactionError"):
            raise
        GAVE_UP[kind] += 1


async def check_invariants(points: Points, world: World, stock_before: dict[str, int]) -> None:
    report = await check_ledger(points.db)
    assert report.clean, [d.describe() for d in report.drifts]
    db = points.db
    assert await db["accounts"].count_documents({"balance": {"$lt": 0}}) == 0
    for reward_id in world.rewards:
        reward = await db["rewards"].find_one({"_id": reward_id})
        held = 0
        async for r in db["redemptions"].find({"rewardId": reward_id}):
            held += r["quantity"] if r["status"] != "CANCELLED" else 0
        assert reward["stock"] >= 0
        assert reward["stock"] + held == stock_before[reward_id]
    # Each award is reversed at most once; a reopened closing keeps no standing award.
    awards = [e async for e in db["ledger"].find({"kind": "AWARD", "caseId": {"$in": world.cases}})]
    reversals = Counter([e["reverses"] async for e in db["ledger"].find({"kind": "REVERSAL"})])
    assert max(reversals.values(), default=0) <= 1
    standing = Counter()
    for award in awards:
        reopened = await db["closures"].find_one(
            {"_id": f"{award['caseId']}:{award['closure']}", "state": "REOPENED"}
        )
        assert bool(reopened) == (reversals[award["_id"]] == 1), award
        if not reopened:
            standing[(award["caseId"], award["personId"])] += 1
    assert max(standing.values(), default=0) <= 1
    assert len({(a["sourceEventId"], a["personId"]) for a in awards}) == len(awards)


SEEN = Counter[str]()
GAVE_UP = Counter[str]()


@pytest.fixture
async def ready(points: Points) -> Points:
    await given_the_ladder(points)
    await points.rule("case.closed", 10, metDeadlineBonus=2)
    return points


@pytest.mark.slow
@settings(
    max_examples=6,
    phases=[Phase.generate],
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(ops=st.lists(operation, min_size=200, max_size=400))
async def test_concurrent_random_operations_leave_a_ledger_without_drift(
    ready: Points, ops: list[Op]
):
    points = ready
    staff = Principal("staff", (C1_STAFF,))
    started = time.monotonic()
    world = World(
        people=[uid("p-") for _ in range(PEOPLE)],
        cases=[uid("case-") for _ in range(CASES)],
        rewards=[],
        closures=dict.fromkeys(range(CASES), 0),
        is_closed=dict.fromkeys(range(CASES), False),
        redemptions={},
    )
    world.redemptions = {p: [] for p in world.people}
    for n in range(REWARDS):
        reward = await create_reward(
            points.wired.ports, staff, CreateReward("c1", uid(f"Towel {n} "), 7 + n, 4)
        )
        world.rewards.append(reward.id)
    stock_before = dict.fromkeys(world.rewards, 4)
    steps = plan(world, ops)
    gate = asyncio.Semaphore(CONCURRENCY)

    async def bounded(step: tuple[str, object]) -> None:
        async with gate:
            await run_step(points, world, step)

    # when every step runs at once (at most CONCURRENCY in flight)
    await asyncio.gather(*(bounded(s) for s in steps))

    # then the ledger and the stock hold together
    await check_invariants(points, world, stock_before)
    SEEN.update(s[0] for s in steps)
    print(
        f"property example: {len(steps)} steps in {time.monotonic() - started:.1f}s; "
        f"so far {sum(SEEN.values())} {dict(SEEN)}; gave up under contention {dict(GAVE_UP)}"
    )
