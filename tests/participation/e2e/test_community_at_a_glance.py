"""A community's participation at a glance, on the whole local stack (issue 19): the staff of a
community schedule a discussion day, open a survey, draw up a cost-sharing plan for an agenda
item and hold a service day this week; ONE request through the gateway answers the community's
meetings, surveys, open plans and the week's activities, each part from participation with
people's names joined in. The staff see every household's line of the plan, a resident of the
community their own, and a resident of the next community gets none of it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from grassroots_kit.business_time import DEFAULT_ZONE, business_date

from tests.participation.activity_helpers import last_tuesday, service_day_input
from tests.participation.e2e.test_through_the_gateway import BOOTSTRAP, Gateway
from tests.support.stack import Stack, remove_stack_state, running_stack

pytestmark = pytest.mark.e2e

PASSWORD = "glance-e2e-password"
GLANCE = """query($id: ID!, $week: Date!) {
  orgUnit(id: $id) {
    name
    meetings(first: 5) { totalCount edges { node { title convener { name } } } }
    surveys(first: 5, filter: {statuses: [OPEN]}) { totalCount edges { node { title } } }
    costSharePlans(first: 5, filter: {states: [OPEN]}) { totalCount edges { node { title
      state totalFen householdCount households { household { address } shareFen }
      myHousehold { household { address } } } } }
    activities(first: 5, filter: {week: $week}) { totalCount edges { node { title
      organizer { name } } } }
  }
}"""
PARTS = ("meetings", "surveys", "costSharePlans", "activities")


@pytest.fixture(scope="module")
async def stack(
    mongo_url: str, rabbit_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Stack]:
    workdir = tmp_path_factory.mktemp("glance-e2e")
    with running_stack(mongo_url, rabbit_url, workdir) as running:
        yield running
    await remove_stack_state(running, mongo_url)


async def test_one_request_answers_a_communitys_participation(stack: Stack):
    gw = Gateway(stack)
    root = gw.login(*BOOTSTRAP)
    suffix = uuid.uuid4().hex[:6]

    def make_unit(kind: str, name: str, parent: str | None) -> str:
        made = gw.ok(
            """mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }""",
            {"i": {"kind": kind, "name": f"{name} {suffix}", "parentId": parent}},
            root,
        )
        return str(made["createOrgUnit"]["orgUnit"]["id"])

    street = make_unit("STREET", "Xinhua Street", make_unit("DISTRICT", "Hongqiao District", None))
    community = make_unit("COMMUNITY", "Yuanhui Community", street)
    next_door = make_unit("COMMUNITY", "Shibei Community", street)
    households = [
        gw.ok(
            """mutation($i: CreateHouseholdInput!) { createHousehold(input: $i) {
              household { id } } }""",
            {"i": {"orgUnitId": where, "address": f"Harbin Road 8, Room {room}"}},
            root,
        )["createHousehold"]["household"]["id"]
        for where, room in ((community, 101), (community, 102), (next_door, 201))
    ]
    digits = str(uuid.uuid4().int)[:7]

    def person(name: str, i: int, household: str, role: str | None = None) -> tuple[str, str]:
        phone = f"139{digits}{i}"
        made = gw.ok(
            """mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }""",
            {"i": {"name": name, "phone": phone, "password": PASSWORD, "householdId": household}},
            root,
        )
        person_id = str(made["registerPerson"]["person"]["id"])
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

    _, staff = person("Zhou Lan", 0, households[1], "COMMUNITY_STAFF")
    _, resident = person("Liu Fang", 1, households[0])
    _, neighbour = person("Chen Jie", 2, households[2])  # lives in the next community

    # the staff schedule a discussion day with an agenda item that needs money...
    meeting = gw.eventually_ok(
        """mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) {
          meeting { id } } }""",
        {
            "i": {
                "orgUnitId": community,
                "kind": "DISCUSSION_DAY",
                "title": "Friday discussion day",
                "startsAt": (datetime.now(UTC) + timedelta(days=3)).isoformat(),
                "location": "Community hall",
            }
        },
        staff,
    )["scheduleMeeting"]["meeting"]["id"]
    item = gw.ok(
        """mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { item { id } } }""",
        {"i": {"meetingId": meeting, "title": "Repaint the stairwell"}},
        staff,
    )["addAgendaItem"]["item"]["id"]
    # ...a plan to share its cost between the two households...
    gw.eventually_ok(
        """mutation($i: CreateCostSharePlanInput!) { createCostSharePlan(input: $i) {
          plan { id } } }""",
        {
            "i": {
                "title": "Repaint the stairwell",
                "totalFen": 80_000,
                "method": "EQUAL",
                "households": [{"householdId": h} for h in households[:2]],
                "meetingId": meeting,
                "agendaItemId": item,
            }
        },
        staff,
    )
    # ...an open survey...
    today = business_date(datetime.now(UTC), DEFAULT_ZONE)
    survey = gw.ok(
        """mutation($i: CreateSurveyInput!) { createSurvey(input: $i) { survey { id } } }""",
        {
            "i": {
                "orgUnitId": community,
                "title": "Which colour for the stairwell?",
                "opensOn": today.isoformat(),
                "closesOn": (today + timedelta(days=7)).isoformat(),
                "questions": [
                    {"kind": "SINGLE_CHOICE", "text": "Colour", "options": ["White", "Green"]}
                ],
            }
        },
        staff,
    )["createSurvey"]["survey"]["id"]
    gw.ok(
        """mutation($i: SurveyIdInput!) { openSurvey(input: $i) { survey { status } } }""",
        {"i": {"surveyId": survey}},
        staff,
    )
    # ...and a weekly service day with an occurrence this week
    gw.ok(
        """mutation($input: CreateActivityInput!) { createActivity(input: $input) {
          activity { id } } }""",
        service_day_input(unit=community),
        staff,
    )

    def glance(token: str) -> dict[str, Any]:
        body: dict[str, Any] = gw.call(
            GLANCE, {"id": community, "week": last_tuesday().isoformat()}, token
        )
        return body

    def titles(found: dict[str, Any], part: str) -> list[str]:
        return [e["node"]["title"] for e in found[part]["edges"]]

    for token in (staff, resident):
        body = glance(token)
        assert not body.get("errors"), body
        found = body["data"]["orgUnit"]
        assert found["name"] == f"Yuanhui Community {suffix}"
        assert titles(found, "meetings") == ["Friday discussion day"]
        assert found["meetings"]["edges"][0]["node"]["convener"] == {"name": "Zhou Lan"}
        assert titles(found, "surveys") == ["Which colour for the stairwell?"]
        assert titles(found, "costSharePlans") == ["Repaint the stairwell"]
        assert titles(found, "activities") == ["Good Neighbor Service Day"]
        assert found["activities"]["edges"][0]["node"]["organizer"] == {"name": "Zhou Lan"}

    # what each may see of the plan: the staff every line, the resident her own
    plan = glance(staff)["data"]["orgUnit"]["costSharePlans"]["edges"][0]["node"]
    assert [h["shareFen"] for h in plan["households"]] == [40_000, 40_000]
    own = glance(resident)["data"]["orgUnit"]["costSharePlans"]["edges"][0]["node"]
    assert (own["totalFen"], own["householdCount"]) == (80_000, 2)
    assert own["households"] == [
        {"household": {"address": "Harbin Road 8, Room 101"}, "shareFen": 40_000}
    ]
    assert own["myHousehold"] == {"household": {"address": "Harbin Road 8, Room 101"}}

    # a resident of the next community gets none of it: each part null, refused at its path
    body = glance(neighbour)
    assert {part: body["data"]["orgUnit"][part] for part in PARTS} == dict.fromkeys(PARTS)
    refused = {e["path"][-1]: e["extensions"]["code"] for e in body["errors"]}
    assert refused == dict.fromkeys(PARTS, "FORBIDDEN"), body["errors"]
