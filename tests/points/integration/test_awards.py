"""Points react to case, visit and commitment events: each affects each person exactly once."""

from __future__ import annotations

import asyncio
import functools

from grassroots_kit.messaging.envelope import new_event
from grassroots_kit.mongo import in_transaction
from grassroots_points.handlers.reactions import CaseClosedHandler
from grassroots_points.main import create_app
from grassroots_points.settings import PointsSettings

from tests.points.helpers import (
    C1_STAFF,
    N1_PATH,
    PLATFORM_ADMIN,
    Points,
    case_closed,
    case_reopened,
    commitment_fulfilled,
    uid,
    visit_logged,
)
from tests.support.apps import run_service, settings_for


async def test_the_same_case_closed_delivered_five_times_awards_once(points: Points):
    # given a rule for handling a case
    await points.rule("case.closed", 10)
    chief = uid("chief-")
    event = case_closed(uid("case-"), [(chief, "NEIGHBOR_CHIEF")], met_deadline=False)

    # when the same event is delivered five times
    await points.publish(event, times=5)
    await points.processed(event)
    await asyncio.sleep(0.5)

    # then the chief was awarded once
    assert await points.balance(chief) == 10
    entries = await points.entries(chief)
    assert [(e["kind"], e["delta"], e["sourceEventId"]) for e in entries] == [
        ("AWARD", 10, event.id)
    ]


async def test_two_replicas_receiving_the_same_events_award_each_once(
    points: Points, mongo_url: str, broker_ns
):
    # given a second replica of points on the same database and queues
    settings = settings_for(
        PointsSettings, mongo_url=mongo_url, db_name=points.db.name, ns=broker_ns
    )
    factory = functools.partial(create_app, keys=points.mint.keys)
    async with run_service(factory, settings, broker_ns, drop=False):
        await points.rule("case.closed", 7)
        chief = uid("chief-")
        events = [
            case_closed(uid("case-"), [(chief, "NEIGHBOR_CHIEF")], met_deadline=False)
            for _ in range(20)
        ]

        # when every event is delivered twice to the two competing replicas
        for event in events:
            await points.publish(event, times=2)
        await points.processed(*events)
        await asyncio.sleep(0.5)

    # then each event awarded once
    assert await points.balance(chief) == 20 * 7
    assert len(await points.entries(chief)) == 20


async def test_reopening_reverses_the_award_and_closing_again_awards_again(points: Points):
    await points.rule("case.closed", 10)
    chief, case = uid("chief-"), uid("case-")
    first = case_closed(case, [(chief, "NEIGHBOR_CHIEF")], closure=1, met_deadline=False)
    reopened = case_reopened(case, closure=1)
    second = case_closed(case, [(chief, "NEIGHBOR_CHIEF")], closure=2, met_deadline=False)

    # when the case is closed, reopened and closed again (each delivered twice)
    for event in (first, reopened, second):
        await points.publish(event, times=2)
        await points.processed(event)

    # then exactly one award is left standing
    await asyncio.sleep(0.3)
    assert await points.balance(chief) == 10
    kinds = [(e["kind"], e["delta"], e.get("closure")) for e in await points.entries(chief)]
    assert kinds == [("AWARD", 10, 1), ("REVERSAL", -10, 1), ("AWARD", 10, 2)]


async def test_a_reopening_that_arrives_before_its_closing_leaves_nothing_awarded(
    points: Points,
):
    await points.rule("case.closed", 10)
    chief, case = uid("chief-"), uid("case-")
    reopened = case_reopened(case, closure=1)
    closed = case_closed(case, [(chief, "NEIGHBOR_CHIEF")], closure=1)

    await points.publish(reopened)
    await points.processed(reopened)
    await points.publish(closed)
    await points.processed(closed)

    assert await points.balance(chief) == 0
    assert await points.entries(chief) == []


async def test_a_reversal_never_takes_the_balance_below_zero(points: Points):
    # given an award already spent down to 3 points by a manual adjustment
    await points.rule("case.closed", 10)
    chief, case = uid("chief-"), uid("case-")
    closed = case_closed(case, [(chief, "NEIGHBOR_CHIEF")], met_deadline=False)
    await points.publish(closed)
    await points.processed(closed)
    await points.ok(
        """mutation($i: AdjustPointsInput!) { adjustPoints(input: $i) { entry { id } } }""",
        {"i": {"personId": chief, "delta": -7, "reason": "double-counted visit"}},
        as_person=uid("staff-"),
        grants=(C1_STAFF,),
    )

    # when the case is reopened
    reopened = case_reopened(case)
    await points.publish(reopened)
    await points.processed(reopened)

    # then the reversal takes what is left and records the rest as unrecovered
    assert await points.balance(chief) == 0
    reversal = (await points.entries(chief))[-1]
    assert (reversal["kind"], reversal["delta"]) == ("REVERSAL", -3)
    assert "7 already spent" in reversal["reason"]


async def test_every_handler_and_the_order_taker_are_awarded_once_each(points: Points):
    await points.rule("case.closed", 10)
    await points.rule("case.closed", 15, role="GRID_MEMBER")
    await points.rule("order.taken", 8)
    chief, grid, partner = uid("chief-"), uid("grid-"), uid("partner-")
    event = case_closed(
        uid("case-"),
        [(chief, "NEIGHBOR_CHIEF"), (grid, "GRID_MEMBER"), (partner, "VOLUNTEER")],
        order_taker=partner,
        met_deadline=False,
    )

    await points.publish(event)
    await points.processed(event)

    # the most specific rule applies; the partner (handler and taker) gets the larger once
    assert await points.balance(chief) == 10
    assert await points.balance(grid) == 15
    assert await points.balance(partner) == 10
    assert len(await points.entries(partner)) == 1


async def test_the_order_taker_is_remembered_from_order_taken_until_the_case_closes(
    points: Points,
):
    await points.rule("order.taken", 8)
    case, partner = uid("case-"), uid("partner-")
    taken = new_event(
        "order.taken",
        source="grassroots/cases",
        subject=case,
        data={
            "caseId": case,
            "number": "WC-2026-000001",
            "orgUnitId": N1_PATH[-1],
            "orgUnitPath": N1_PATH,
            "category": "ELDERLY_CARE",
            "takerId": partner,
            "organizationId": "org-1",
            "at": "2026-11-20T10:00:00Z",
        },
    )
    closed = case_closed(case, [], met_deadline=False)

    await points.publish(taken)
    await points.processed(taken)
    assert await points.balance(partner) == 0  # taking is paid when the case closes
    await points.publish(closed)
    await points.processed(closed)

    assert await points.balance(partner) == 8


async def test_bonuses_for_a_met_deadline_and_a_top_rating(points: Points):
    await points.ok(
        """mutation($input: SetPointRuleInput!) { setPointRule(input: $input) { pointRule { id } } }""",
        {
            "input": {
                "eventType": "case.closed",
                "points": 10,
                "metDeadlineBonus": 3,
                "topRatingBonus": 5,
            }
        },
        as_person=points.admin_id,
        grants=(PLATFORM_ADMIN,),
    )
    chief = uid("chief-")
    events = [
        case_closed(uid("case-"), [(chief, "NEIGHBOR_CHIEF")], met_deadline=True, rating=5),
        case_closed(uid("case-"), [(chief, "NEIGHBOR_CHIEF")], met_deadline=False, rating=4),
    ]
    for event in events:
        await points.publish(event)
    await points.processed(*events)

    assert sorted(e["delta"] for e in await points.entries(chief)) == [10, 18]


async def test_visits_and_commitments_award_the_visitor_and_the_person(points: Points):
    await points.rule("visit.logged", 2)
    await points.rule("visit.logged", 5, careLevel="RED")
    await points.ok(
        """mutation($input: SetPointRuleInput!) { setPointRule(input: $input) { pointRule { id } } }""",
        {"input": {"eventType": "commitment.fulfilled", "points": 20, "metDeadlineBonus": 5}},
        as_person=points.admin_id,
        grants=(PLATFORM_ADMIN,),
    )
    visitor, member = uid("chief-"), uid("member-")
    events = [
        visit_logged(visitor, "RED"),
        visit_logged(visitor, "GREEN"),
        commitment_fulfilled(member, on_time=True),
    ]
    for event in events:
        await points.publish(event)
    await points.processed(*events)

    assert await points.balance(visitor) == 7
    assert await points.balance(member) == 25


async def test_a_rule_change_applies_to_events_processed_after_it(points: Points):
    await points.rule("case.closed", 10)
    chief = uid("chief-")
    before = case_closed(uid("case-"), [(chief, "NEIGHBOR_CHIEF")], met_deadline=False)
    await points.publish(before)
    await points.processed(before)

    # when the rule is changed and another case closes
    await points.rule("case.closed", 25)
    after = case_closed(uid("case-"), [(chief, "NEIGHBOR_CHIEF")], met_deadline=False)
    await points.publish(after)
    await points.processed(after)

    # then the first award stands and the second follows the new rule; both name their rule
    entries = await points.entries(chief)
    assert [e["delta"] for e in entries] == [10, 25]
    assert all(e["ruleId"] for e in entries)


async def test_an_event_about_an_unknown_person_opens_their_account(points: Points):
    await points.rule("case.closed", 10)
    stranger = uid("stranger-")
    event = case_closed(uid("case-"), [(stranger, "VOLUNTEER")], met_deadline=False)

    await points.publish(event)
    await points.processed(event)

    account = await points.db["accounts"].find_one({"_id": stranger})
    assert account["balance"] == 10
    assert account["orgUnitPath"] == N1_PATH  # where the service was done, until people says


async def test_every_award_is_published_as_points_awarded(points: Points):
    await points.rule("case.closed", 10)
    chief = uid("chief-")
    event = case_closed(uid("case-"), [(chief, "NEIGHBOR_CHIEF")], met_deadline=False)

    await points.publish(event)
    await points.processed(event)

    published = [doc async for doc in points.db["outbox"].find({"type": "points.awarded"})]
    assert len(published) == 1
    assert f'"sourceEventId":"{event.id}"' in published[0]["body"]


async def test_a_run_of_closings_is_awarded_together_with_running_balances(points: Points):
    # Given a rule, and a consumer's batch of closings: five by one chief, one shared with a
    # grid member, and one whose closing was reopened before it arrived
    await points.rule("case.closed", 10)
    chief, gridder = uid("chief-"), uid("grid-")
    runs = [case_closed(uid("case-"), [(chief, "NEIGHBOR_CHIEF")]) for _ in range(5)]
    runs.append(case_closed(uid("case-"), [(chief, "NEIGHBOR_CHIEF"), (gridder, "GRID_MEMBER")]))
    reopened_first = uid("case-")
    await points.publish(case_reopened(reopened_first))
    await asyncio.sleep(0.5)
    runs.append(case_closed(reopened_first, [(gridder, "GRID_MEMBER")]))
    handler = CaseClosedHandler(points.wired.uow)

    # when they are applied as one run in one transaction, twice
    for _ in range(2):
        await in_transaction(points.db.client, functools.partial(handler.apply_many, runs))

    # then each closing awarded each of its people once, balances running entry by entry,
    entries = await points.entries(chief)
    assert len(entries) == 6
    assert sorted(e["balanceAfter"] for e in entries) == [10, 20, 30, 40, 50, 60]
    assert await points.balance(chief) == 60
    assert [e["delta"] for e in await points.entries(gridder)] == [10]
    # the reopened closing awarded nothing, and every award was published.
    assert not await points.db["ledger"].find_one({"caseId": reopened_first})
    outbox = points.db["outbox"]
    assert await outbox.count_documents({"type": "points.awarded"}) >= 7


async def test_an_award_keeps_who_confirmed_it_and_shows_it_to_the_earner(points: Points):
    await points.rule("visit.logged", 5, careLevel="RED")
    visitor = uid("chief-")
    event = visit_logged(visitor, "RED", confirmed_by="grandma")
    await points.publish(event)
    await points.processed(event)

    shown = await points.ok(
        """query($id: ID!) { ledger(personId: $id) { edges { node { delta confirmedBy { id } } } } }""",
        {"id": visitor},
        as_person=visitor,
    )

    [entry] = await points.entries(visitor)
    assert entry["confirmedBy"] == "grandma"
    assert [e["node"] for e in shown["ledger"]["edges"]] == [
        {"delta": 5, "confirmedBy": {"id": "grandma"}}
    ]


async def test_visits_and_commitments_nobody_else_confirmed_earn_nothing(points: Points):
    await points.rule("visit.logged", 5)
    await points.rule("commitment.fulfilled", 20)
    visitor, member = uid("chief-"), uid("member-")
    events = [
        visit_logged(visitor, confirmed_by=None),
        visit_logged(visitor, confirmed_by=visitor),
        commitment_fulfilled(member, confirmed_by=None),
        commitment_fulfilled(member, confirmed_by=member),
    ]
    for event in events:
        await points.publish(event)
    await points.processed(*events)

    assert await points.entries(visitor) == []
    assert await points.entries(member) == []
    withheld = [doc async for doc in points.db["withheld_awards"].find({})]
    assert sorted(doc["sourceEventId"] for doc in withheld) == sorted(e.id for e in events)
    assert all("nobody earns from what only they attest" in doc["reason"] for doc in withheld)


async def test_a_burst_of_confirmed_visits_earns_up_to_the_daily_cap(points: Points):
    await points.rule("visit.logged", 2)
    visitor = uid("chief-")
    events = [visit_logged(visitor, "RED") for _ in range(15)]
    for event in events:
        await points.publish(event)
    await points.processed(*events)

    assert len(await points.entries(visitor)) == 12
    assert await points.balance(visitor) == 24
    capped = await points.db["withheld_awards"].count_documents(
        {"personId": visitor, "reason": {"$regex": "^capped"}}
    )
    assert capped == 3


async def test_a_rule_sets_its_own_cap(points: Points):
    await points.rule("visit.logged", 2, maxPerPeriod=2, capPeriod="WEEK")
    visitor = uid("chief-")
    events = [visit_logged(visitor) for _ in range(4)]
    for event in events:
        await points.publish(event)
    await points.processed(*events)

    assert await points.balance(visitor) == 4
