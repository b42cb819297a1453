"""Live updates through the gateway, with two replicas of cases: `caseChanged` and
`orderBoardChanged` as Server-Sent Events, authorized when subscribing and on every event."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from tests.cases.e2e_area import Area, make_area
from tests.support.live import Subscription, subscribe
from tests.support.stack import SERVICES, Stack, post_graphql, remove_stack_state

pytestmark = pytest.mark.e2e

CASE_CHANGED = """subscription($unit: ID!, $after: String) {
  caseChanged(orgUnitId: $unit, after: $after) {
    eventId eventType cursor caseId case { id status title assignee { id } } } }"""
BOARD_CHANGED = """subscription($unit: ID!) {
  orderBoardChanged(orgUnitId: $unit) { eventType caseId case { id status } } }"""
ASSIGN = """mutation($i: AssignCaseInput!) { assignCase(input: $i) { case { status } } }"""
POST_ORDER = """mutation($i: PostOrderInput!) { postOrder(input: $i) { case { status } } }"""


@pytest.fixture(scope="module")
def live_stack(
    mongo_url: str, rabbit_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    """Every service once, cases twice; the gateway sends everything to cases' first replica."""
    stack = Stack(mongo_url, rabbit_url, tmp_path_factory.mktemp("live"))
    try:
        for service in SERVICES:
            stack.start_service(service)
        stack.start_service("cases")
        stack.start_gateway()
        yield stack
    finally:
        stack.stop()


@pytest.fixture(scope="module")
async def live_cleanup(live_stack: Stack, mongo_url: str) -> AsyncIterator[None]:
    yield
    await remove_stack_state(live_stack, mongo_url)


@pytest.fixture(scope="module")
def area(live_stack: Stack, live_cleanup: None) -> Area:
    return make_area(f"{live_stack.gateway.url}/graphql")


def gateway(stack: Stack) -> str:
    return f"{stack.gateway.url}/graphql"


def other_replica(stack: Stack) -> str:
    """cases' second replica, which the gateway never calls."""
    return f"{stack.processes['cases'][1].url}/graphql"


async def until_live(subscription: Subscription, area: Area, who: str = "resident") -> None:
    """Report probe cases until one comes through: the subscription is then listening (it
    joins its replica's hub when the stream starts, a moment after the request is sent)."""
    for _ in range(50):
        probe = area.report(f"Live probe {uuid.uuid4().hex[:6]}", who=who)
        try:
            while True:
                result = await subscription.next(timeout=1)
                assert "errors" not in result, result
                if result["data"]["caseChanged"]["caseId"] == probe["id"]:
                    return
        except TimeoutError:
            continue
    raise AssertionError("the subscription never received an event")


async def changes_until(
    subscription: Subscription, case_id: str, event_type: str, limit: int = 50
) -> list[dict[str, Any]]:
    """Changes received until the one about `case_id` of `event_type` (included)."""
    seen: list[dict[str, Any]] = []
    for _ in range(limit):
        result = await subscription.next()
        assert "errors" not in result, result
        change = result["data"]["caseChanged"]
        seen.append(change)
        if change["caseId"] == case_id and change["eventType"] == event_type:
            return seen
    raise AssertionError(f"no {event_type} of {case_id} in {seen}")


async def test_a_subscriber_receives_an_assignment_served_by_the_other_replica(
    live_stack: Stack, area: Area
) -> None:
    # given community staff subscribed through the gateway (cases' first replica)
    variables = {"unit": area.units["community"]}
    token = area.tokens["staff"]
    async with subscribe(gateway(live_stack), CASE_CHANGED, variables, token=token) as live:
        await until_live(live, area)
        case = area.report("Water pipe burst by the gate")

        # when the grid member assigns the case on cases' second replica
        body = post_graphql(
            other_replica(live_stack),
            ASSIGN,
            {"i": {"caseId": case["id"], "assigneeId": area.people["gridder"]}},
            token=area.tokens["gridder"],
        )
        assert "errors" not in body, body

        # then the subscriber receives the assignment with the case as it is now
        seen = await changes_until(live, case["id"], "case.assigned")
    change = seen[-1]
    assert change["case"]["status"] == "ASSIGNED"
    assert change["case"]["assignee"] == {"id": area.people["gridder"]}
    assert change["cursor"]


@pytest.mark.parametrize("who", [None, "outsider-resident", "outsider-staff"])
async def test_a_subscription_from_outside_the_area_is_refused(
    live_stack: Stack, area: Area, who: str | None
) -> None:
    # given someone anonymous, or a resident or staff member of another district
    token = None
    if who is not None:
        other = make_area(gateway(live_stack))
        token = other.tokens["resident" if who == "outsider-resident" else "staff"]

    # when they subscribe to this area's community
    async with subscribe(
        gateway(live_stack), CASE_CHANGED, {"unit": area.units["community"]}, token=token
    ) as live:
        result = await live.next()

    # then the subscription is refused with the reason, and nothing streams
    codes = [e["extensions"]["code"] for e in result.get("errors", [])]
    assert codes == (["UNAUTHENTICATED"] if who is None else ["FORBIDDEN"]), result
    assert not (result.get("data") or {}).get("caseChanged")


async def test_a_resident_receives_their_own_case_but_not_a_neighbours(
    live_stack: Stack, area: Area
) -> None:
    # given the resident subscribed to their community's cases
    variables = {"unit": area.units["community"]}
    token = area.tokens["resident"]
    async with subscribe(gateway(live_stack), CASE_CHANGED, variables, token=token) as live:
        await until_live(live, area)

        # when staff report a case of their own, then the resident reports one
        hidden = area.report("Staff-only note on the boiler", who="staff")
        mine = area.report("My doorbell wiring sparks")

        # then only the resident's own case arrives
        seen = await changes_until(live, mine["id"], "case.reported")
    assert hidden["id"] not in {change["caseId"] for change in seen}


async def test_a_resubscription_with_a_cursor_catches_up_on_what_was_missed(
    live_stack: Stack, area: Area
) -> None:
    # given a subscriber who received one change, then went away
    variables = {"unit": area.units["community"]}
    token = area.tokens["staff"]
    async with subscribe(gateway(live_stack), CASE_CHANGED, variables, token=token) as live:
        await until_live(live, area)
        first = area.report("Loose paving stone")
        cursor = (await changes_until(live, first["id"], "case.reported"))[-1]["cursor"]

    # when two cases are reported while they are away
    missed = [area.report("Broken bench"), area.report("Flooded cellar")]
    await asyncio.sleep(0)

    # then subscribing again after the cursor delivers both, before anything new
    resumed = {**variables, "after": cursor}
    async with subscribe(gateway(live_stack), CASE_CHANGED, resumed, token=token) as live:
        received: set[str] = set()
        for _ in range(100):
            result = await live.next()
            assert "errors" not in result, result
            received.add(result["data"]["caseChanged"]["caseId"])
            if {case["id"] for case in missed} <= received:
                break
    assert {case["id"] for case in missed} <= received
    assert first["id"] not in received or len(received) > 2


async def test_the_order_board_hears_an_order_posted_on_the_other_replica(
    live_stack: Stack, area: Area
) -> None:
    # given the red partner subscribed to the community's order board
    variables = {"unit": area.units["community"]}
    async with subscribe(
        gateway(live_stack), BOARD_CHANGED, variables, token=area.tokens["partner"]
    ) as live:
        # when staff post cases on the board (on the other replica) until one comes through
        posted: set[str] = set()
        change = None
        for _ in range(30):
            case = area.report(f"Carry shopping for an elder {uuid.uuid4().hex[:4]}")
            body = post_graphql(
                other_replica(live_stack),
                POST_ORDER,
                {"i": {"caseId": case["id"]}},
                token=area.tokens["staff"],
            )
            assert "errors" not in body, body
            posted.add(case["id"])
            try:
                result = await live.next(timeout=1)
            except TimeoutError:
                continue
            assert "errors" not in result, result
            change = result["data"]["orderBoardChanged"]
            break

    # then the partner receives the posting with the case on the board
    assert change is not None
    assert change["eventType"] == "order.posted"
    assert change["caseId"] in posted
    assert change["case"]["status"] == "ON_ORDER_BOARD"


async def test_a_quiet_subscription_outlives_the_gateways_idle_timeout(
    live_stack: Stack, area: Area
) -> None:
    # given a live subscriber
    variables = {"unit": area.units["community"]}
    token = area.tokens["staff"]
    async with subscribe(gateway(live_stack), CASE_CHANGED, variables, token=token) as live:
        await until_live(live, area)

        # when nothing happens for longer than Bun's default idle timeout (10 s)
        await asyncio.sleep(15)
        case = area.report("After a quiet spell")

        # then the stream is still open and delivers the next change
        seen = await changes_until(live, case["id"], "case.reported")
    assert seen[-1]["caseId"] == case["id"]
