"""A survey through the gateway, on the whole local stack: people registers a community, two
households (one with two members) and its staff; participation learns them from people's events;
the staff open a Three Questions survey, each household answers once (a second answer from the
same household is refused), the results join people's unit names, and `survey.closed` reaches
the broker when the staff close it."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from datetime import UTC, datetime, timedelta

import aio_pika
import pytest
from grassroots_kit.business_time import DEFAULT_ZONE, business_date

from tests.participation.e2e.test_through_the_gateway import (
    BOOTSTRAP,
    PASSWORD,
    Gateway,
    stack,
)
from tests.support.stack import Stack

pytestmark = pytest.mark.e2e
__all__ = ["stack"]

CREATE = """mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { survey { id status } } }"""
OPEN = """mutation($i: SurveyIdInput!) { openSurvey(input: $i) { survey { status } } }"""
ANSWER = """mutation($i: AnswerSurveyInput!) {
  answerSurvey(input: $i) { survey { responseCount answered } } }"""
CLOSE = """mutation($i: SurveyIdInput!) { closeSurvey(input: $i) { survey { status } } }"""
COMMUNITY = """query($id: ID!) { orgUnit(id: $id) { name
  surveys(first: 5, filter: {statuses: [OPEN, CLOSED]}) { totalCount edges { node { id title
    createdBy { name }
    results { responses questions { answered options { option count } }
      units { orgUnit { name } responses eligible responseRate } } } } } } }"""


async def test_a_survey_takes_one_response_per_household_through_the_gateway(stack: Stack):
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
                    "name": f"Wangcheng {kind} {suffix}",
                    "parentId": units[-1] if units else None,
                }
            },
            root,
        )
        units.append(made["createOrgUnit"]["orgUnit"]["id"])
    community = units[-1]
    digits = str(uuid.uuid4().int)[:7]
    households = [
        gw.ok(
            """mutation($i: CreateHouseholdInput!) { createHousehold(input: $i) { household { id } } }""",
            {"i": {"orgUnitId": community, "address": f"Building 5, Room {room}"}},
            root,
        )["createHousehold"]["household"]["id"]
        for room in (301, 302)
    ]

    def person(name: str, phone: str, household: str | None) -> str:
        placed = {"householdId": household} if household else {"orgUnitId": community}
        made = gw.ok(
            """mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }""",
            {"i": {"name": name, "phone": phone, "password": PASSWORD, **placed}},
            root,
        )
        return str(made["registerPerson"]["person"]["id"])

    staff_id = person("Xu Ping", f"137{digits}0", None)
    gw.ok(
        """mutation($i: AssignRoleInput!) { assignRole(input: $i) { __typename } }""",
        {
            "i": {
                "personId": staff_id,
                "role": "COMMUNITY_STAFF",
                "orgUnitId": community,
                "organizationId": None,
            }
        },
        root,
    )
    staff = gw.login(f"137{digits}0", PASSWORD)
    person("Liu Fang", f"137{digits}1", households[0])
    person("Liu Yang", f"137{digits}2", households[0])  # her son, same household
    person("Chen Jie", f"137{digits}3", households[1])
    mother, son, neighbour = (gw.login(f"137{digits}{i}", PASSWORD) for i in (1, 2, 3))

    today = business_date(datetime.now(UTC), DEFAULT_ZONE)
    survey = gw.eventually_ok(
        CREATE,
        {
            "i": {
                "orgUnitId": community,
                "title": "Three Questions",
                "opensOn": today.isoformat(),
                "closesOn": (today + timedelta(days=10)).isoformat(),
                "questions": [
                    {
                        "kind": "SINGLE_CHOICE",
                        "text": "Which project first?",
                        "options": ["Parking spaces", "Lifts"],
                    },
                    {"kind": "SCALE", "text": "How satisfied are you?"},
                ],
            }
        },
        staff,
    )["createSurvey"]["survey"]
    assert survey["status"] == "DRAFT"
    gw.ok(OPEN, {"i": {"surveyId": survey["id"]}}, staff)

    def answer(choice: int) -> dict[str, object]:
        return {
            "i": {
                "surveyId": survey["id"],
                "answers": [
                    {"questionId": "q1", "choices": [choice]},
                    {"questionId": "q2", "scale": 4},
                ],
            }
        }

    first = gw.eventually_ok(ANSWER, answer(0), mother)["answerSurvey"]["survey"]
    assert first == {"responseCount": 1, "answered": True}
    second = gw.call(ANSWER, answer(1), son)
    assert second["errors"][0]["extensions"]["code"] == "CONFLICT"
    gw.eventually_ok(ANSWER, answer(0), neighbour)

    connection = await aio_pika.connect(stack.amqp_url)
    async with connection:
        channel = await connection.channel()
        exchange = await channel.get_exchange(f"{stack.prefix}grassroots.events")
        queue = await channel.declare_queue(exclusive=True, auto_delete=True)
        await queue.bind(exchange, routing_key="survey.closed")
        gw.ok(CLOSE, {"i": {"surveyId": survey["id"]}}, staff)
        message = await queue.get(timeout=30, fail=False)
        deadline = time.monotonic() + 30
        while message is None and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
            message = await queue.get(fail=False)
        assert message is not None, "survey.closed was not published"
        event = json.loads(message.body)
        await message.ack()
    assert (event["type"], event["subject"]) == ("survey.closed", survey["id"])
    assert event["data"]["responses"] == 2
    assert event["data"]["orgUnitPath"] == units

    # one request: the community's name from people, its surveys and results from participation
    seen = gw.ok(COMMUNITY, {"id": community}, staff)["orgUnit"]
    [edge] = seen["surveys"]["edges"]
    node = edge["node"]
    assert node["createdBy"] == {"name": "Xu Ping"}
    assert node["results"]["responses"] == 2
    assert node["results"]["questions"][0]["options"] == [
        {"option": "Parking spaces", "count": 2},
        {"option": "Lifts", "count": 0},
    ]
    [unit] = node["results"]["units"]
    assert unit["orgUnit"]["name"] == seen["name"]
    assert (unit["responses"], unit["eligible"], unit["responseRate"]) == (2, 2, 1.0)
