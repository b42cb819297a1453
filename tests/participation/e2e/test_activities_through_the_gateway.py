"""Service days through the gateway, on the whole local stack: people registers the community,
its staff and volunteers; a rule prices activity.attended; community staff hold a Tuesday service
day, volunteers sign up, the organizer checks a volunteer in, and points awards her exactly once,
even when the event is delivered again."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import aio_pika
import pytest

from tests.participation.activity_helpers import confirm_input, last_tuesday, service_day_input
from tests.participation.e2e.test_through_the_gateway import BOOTSTRAP, Gateway
from tests.support.stack import Stack, remove_stack_state, running_stack

pytestmark = pytest.mark.e2e

PASSWORD = "activities-e2e-password"
CREATE = """mutation($input: CreateActivityInput!) { createActivity(input: $input) {
  activity { id } } }"""
SIGN_UP = """mutation($input: SignUpInput!) { signUp(input: $input) { activity { placesLeft } } }"""
CONFIRM = """mutation($input: ConfirmAttendanceInput!) { confirmAttendance(input: $input) {
  attendance { id minutesServed volunteer { name } confirmedBy { name } } } }"""
POINTS = """query($id: ID!) { person(id: $id) { name points { balance }
  serviceRecord { attendances hoursServed } }
  ledger(personId: $id) { edges { node { kind delta } } } }"""
THIS_WEEK = """query($id: ID!, $week: Date!) { orgUnit(id: $id) { name
  activities(filter: {week: $week}) { totalCount edges { node { title placesLeft
    organizer { name } signedUp { name } } } } } }"""


@pytest.fixture(scope="module")
async def stack(
    mongo_url: str, rabbit_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Stack]:
    workdir = tmp_path_factory.mktemp("activities-e2e")
    with running_stack(mongo_url, rabbit_url, workdir) as running:
        yield running
    await remove_stack_state(running, mongo_url)


def eventually(check: Any, timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.3)


async def test_an_organizer_checks_a_volunteer_in_and_points_award_her_once(stack: Stack):
    gw = Gateway(stack)
    root = gw.login(*BOOTSTRAP)
    suffix = uuid.uuid4().hex[:6]
    units: list[str] = []
    for kind in ("DISTRICT", "STREET", "COMMUNITY"):
        made = gw.ok(
            """mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }""",
            {
                "i": {
                    "kind": kind,
                    "name": f"Chunhua {kind} {suffix}",
                    "parentId": units[-1] if units else None,
                }
            },
            root,
        )
        units.append(made["createOrgUnit"]["orgUnit"]["id"])
    community = units[-1]
    digits = str(uuid.uuid4().int)[:7]

    def person(name: str, phone: str, role: str | None) -> tuple[str, str]:
        made = gw.ok(
            """mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }""",
            {"i": {"name": name, "phone": phone, "password": PASSWORD, "orgUnitId": community}},
            root,
        )
        person_id = made["registerPerson"]["person"]["id"]
        if role:
            gw.ok(
                """mutation($i: AssignRoleInput!) { assignRole(input: $i) { __typename } }""",
                {
                    "i": {
                        "personId": person_id,
                        "role": role,
                        "orgUnitId": community,
                        "organizationId": None,
                    }
                },
                root,
            )
        return person_id, gw.login(phone, PASSWORD)

    _, staff = person("Jin Mei", f"135{digits}0", "COMMUNITY_STAFF")
    li_na, li_na_token = person("Li Na", f"135{digits}1", None)
    wang, wang_token = person("Wang Qiang", f"135{digits}2", None)

    # the platform admin prices a service day: 5 points, and 2 per whole hour served
    gw.ok(
        """mutation { setPointRule(input: {eventType: "activity.attended", points: 5,
          pointsPerHour: 2}) { pointRule { id pointsPerHour } } }""",
        None,
        root,
    )

    connection = await aio_pika.connect(stack.amqp_url)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        exchange = await channel.get_exchange(f"{stack.prefix}grassroots.events")
        queue = await channel.declare_queue(exclusive=True, auto_delete=True)
        await queue.bind(exchange, routing_key="activity.attended")

        activity = gw.eventually_ok(CREATE, service_day_input(unit=community, capacity=5), staff)[
            "createActivity"
        ]["activity"]["id"]
        gw.eventually_ok(SIGN_UP, {"input": {"activityId": activity}}, li_na_token)
        gw.eventually_ok(SIGN_UP, {"input": {"activityId": activity}}, wang_token)

        # Li Na cannot check herself in; the organizer can
        herself = gw.call(CONFIRM, confirm_input(activity, li_na), li_na_token)
        assert herself["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        confirmed = gw.ok(CONFIRM, confirm_input(activity, li_na, 150), staff)
        attendance = confirmed["confirmAttendance"]["attendance"]
        assert attendance["volunteer"] == {"name": "Li Na"}
        assert attendance["confirmedBy"] == {"name": "Jin Mei"}

        def awarded(person_id: str, token: str, balance: int) -> Any:
            data = gw.ok(POINTS, {"id": person_id}, token)
            points = data["person"]["points"]
            return data if points and points["balance"] == balance else None

        mine = eventually(lambda: awarded(li_na, li_na_token, 5 + 2 * 2))
        assert mine["person"]["serviceRecord"] == {"attendances": 1, "hoursServed": 2.5}
        # the gateway fetches the root `ledger` alongside `person`, before the entity fetch that
        # gives the balance, so the award can land in between: read the ledger again once the
        # balance shows it
        ledger = gw.ok(POINTS, {"id": li_na}, li_na_token)["ledger"]
        assert [e["node"] for e in ledger["edges"]] == [{"kind": "AWARD", "delta": 9}]

        # the event as participation published it, delivered again
        message = await queue.get(timeout=30, fail=False)
        deadline = time.monotonic() + 30
        while message is None and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
            message = await queue.get(fail=False)
        assert message is not None, "activity.attended was not published"
        event = json.loads(message.body)
        assert (event["source"], event["data"]["personId"]) == ("grassroots/participation", li_na)
        await message.ack()
        for _ in range(2):
            await exchange.publish(
                aio_pika.Message(
                    body=message.body,
                    message_id=message.message_id,
                    content_type=message.content_type,
                    headers=dict(message.headers or {}),
                ),
                routing_key="activity.attended",
            )

    # a later attendance is awarded after the redeliveries were consumed...
    gw.ok(CONFIRM, confirm_input(activity, wang, 60), staff)
    eventually(lambda: awarded(wang, wang_token, 5 + 2))
    # ...and the redelivered one changed nothing
    again = gw.ok(POINTS, {"id": li_na}, li_na_token)
    assert again["person"]["points"]["balance"] == 9
    assert [e["node"] for e in again["ledger"]["edges"]] == [{"kind": "AWARD", "delta": 9}]

    # one request: the community's activities this week, with people's names
    week = gw.ok(THIS_WEEK, {"id": community, "week": last_tuesday().isoformat()}, staff)
    [edge] = week["orgUnit"]["activities"]["edges"]
    assert edge["node"]["title"] == "Good Neighbor Service Day"
    assert edge["node"]["organizer"] == {"name": "Jin Mei"}
    assert [s["name"] for s in edge["node"]["signedUp"]] == ["Li Na", "Wang Qiang"]
