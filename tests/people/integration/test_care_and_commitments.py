"""Care levels and visits, commitments and their board, organizations and their pairings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from grassroots_kit.business_time import DEFAULT_ZONE, business_date, day_start
from grassroots_people.handlers.commitments import lapse_overdue

from tests.people.integration.graph import PeopleGraph

CARE = """mutation($i: SetCareLevelInput!) { setCareLevel(input: $i) {
  household { careLevel needs nextVisitDue overdueDays } } }"""
VISIT = """mutation($i: LogVisitInput!) { logVisit(input: $i) {
  visit { id careLevel confirmedAt visitor { name } household { lastVisitAt nextVisitDue } } } }"""
CONFIRM_VISIT = """mutation($i: ConfirmVisitInput!) { confirmVisit(input: $i) {
  visit { at confirmedAt confirmedBy { name } household { lastVisitAt nextVisitDue } } } }"""
OVERDUE = """query($within: ID!) { households(filter: {within: $within, visitOverdue: true}) {
  totalCount edges { node { address careLevel overdueDays } } } }"""
MAKE = """mutation($i: MakeCommitmentInput!) { makeCommitment(input: $i) { commitment { id status } } }"""
FULFILL = """mutation($i: FulfillCommitmentInput!) { fulfillCommitment(input: $i) {
  commitment { status onTime evidence fulfilledAt } } }"""
CONFIRM = """mutation($i: ConfirmCommitmentInput!) { confirmCommitment(input: $i) {
  commitment { status onTime evidence confirmedBy { name } } } }"""
BOARD = """query($id: ID!) { orgUnit(id: $id) { commitmentBoard {
  made fulfilled lapsed promised rate commitments { edges { node { text status person { name } } } } } } }"""


def iso(moment: datetime) -> str:
    return moment.isoformat()


async def test_a_care_level_sets_the_visit_schedule_and_a_confirmed_visit_resets_it(
    graph: PeopleGraph,
):
    area = await graph.area()
    household = await graph.household(area.neighborhood, "Liaoyuan Road No. 26, Room 301")
    chief = await graph.staff("Group Chief", "13800000083", "GROUP_CHIEF", area.group)
    await graph.person("Shi Kai", "13800000014", household=household)
    member = await graph.token("13800000014")

    care = await graph.ok(
        CARE,
        {"i": {"householdId": household, "careLevel": "RED", "needs": ["elderly living alone"]}},
        chief,
    )
    visit = await graph.ok(VISIT, {"i": {"householdId": household, "notes": "All well"}}, chief)
    logged = visit["logVisit"]["visit"]
    unconfirmed = await graph.events("visit.logged")
    confirmed = await graph.ok(CONFIRM_VISIT, {"i": {"visitId": logged["id"]}}, member)

    assert care["setCareLevel"]["household"]["careLevel"] == "RED"
    assert care["setCareLevel"]["household"]["nextVisitDue"]  # never visited: due at once
    assert logged["careLevel"] == "RED"
    assert logged["visitor"] == {"name": "Group Chief"}
    assert logged["confirmedAt"] is None
    assert logged["household"]["lastVisitAt"] is None  # the visitor's word alone counts nothing
    assert unconfirmed == []
    done = confirmed["confirmVisit"]["visit"]
    assert done["confirmedBy"] == {"name": "Shi Kai"}
    last = datetime.fromisoformat(done["household"]["lastVisitAt"])
    assert last == datetime.fromisoformat(done["at"])
    # due any time on the 7th business day after the visit, overdue from that day's end
    due_day = business_date(last, DEFAULT_ZONE) + timedelta(days=7)
    assert datetime.fromisoformat(done["household"]["nextVisitDue"]) == day_start(
        due_day + timedelta(days=1), DEFAULT_ZONE
    )
    [event] = await graph.events("visit.logged")
    assert event["data"]["householdId"] == household
    assert event["data"]["careLevel"] == "RED"
    assert event["data"]["orgUnitPath"][-1] == area.neighborhood
    assert event["data"]["confirmedBy"] != event["data"]["visitorId"]


async def test_a_visit_is_refused_when_back_dated_logged_twice_or_confirmed_by_its_visitor(
    graph: PeopleGraph,
):
    area = await graph.area()
    household = await graph.household(area.neighborhood, "Liaoyuan Road No. 26, Room 301")
    chief = await graph.staff("Group Chief", "13800000083", "GROUP_CHIEF", area.group)
    now = datetime.now(UTC)

    back_dated = await graph.error(
        VISIT, {"i": {"householdId": household, "at": iso(now - timedelta(hours=73))}}, chief
    )
    first = await graph.ok(
        VISIT, {"i": {"householdId": household, "at": iso(now - timedelta(hours=2))}}, chief
    )
    twice = await graph.error(VISIT, {"i": {"householdId": household}}, chief)
    own = await graph.error(
        CONFIRM_VISIT, {"i": {"visitId": first["logVisit"]["visit"]["id"]}}, chief
    )

    assert back_dated["extensions"] == {"code": "BAD_USER_INPUT", "field": "at"}
    assert twice["extensions"] == {"code": "CONFLICT", "field": "at"}
    assert own["extensions"] == {"code": "FORBIDDEN", "field": "visitId"}
    assert await graph.count("visits") == 1
    assert await graph.count("visits", {"confirmedBy": {"$ne": None}}) == 0
    assert await graph.events("visit.logged") == []


async def test_overdue_households_are_listed_most_overdue_first(graph: PeopleGraph):
    area = await graph.area()
    chief = await graph.staff("Group Chief", "13800000083", "GROUP_CHIEF", area.group)
    now = datetime.now(UTC)
    households = graph.service.host.db["households"]
    for address, level, visited_days_ago, interval in (
        ("Room 1 (red, 10 days)", "RED", 10, 7),
        ("Room 2 (yellow, 70 days)", "YELLOW", 70, 30),
        ("Room 3 (green, 10 days)", "GREEN", 10, 91),
        ("Room 4 (red, 2 days)", "RED", 2, 7),
    ):
        household = await graph.household(area.neighborhood, address)
        await graph.ok(CARE, {"i": {"householdId": household, "careLevel": level}}, chief)
        # Visits confirmed long ago: back-dating through logVisit is refused beyond 72 hours.
        last = now - timedelta(days=visited_days_ago)
        await households.update_one(
            {"_id": household},
            {"$set": {"lastVisitAt": last, "nextVisitDue": last + timedelta(days=interval)}},
        )
    await graph.household(area.neighborhood, "Room 5 (no care level)")

    data = await graph.ok(OVERDUE, {"within": area.group}, chief)

    assert [
        (e["node"]["address"], e["node"]["overdueDays"]) for e in data["households"]["edges"]
    ] == [
        ("Room 2 (yellow, 70 days)", 40),
        ("Room 1 (red, 10 days)", 3),
    ]


async def test_visits_and_care_levels_are_kept_only_by_those_who_serve_the_household(
    graph: PeopleGraph,
):
    area = await graph.area()
    household = await graph.household(area.neighborhood, "Liaoyuan Road No. 26, Room 301")
    resident = await graph.person("Shi Kai", "13800000014", household=household)
    token = await graph.token("13800000014")
    department = await graph.staff(
        "Water Staff", "13800000015", "COMMUNITY_STAFF", area.other_community
    )

    by_resident = await graph.error(VISIT, {"i": {"householdId": household}}, token)
    by_outsider = await graph.error(
        CARE, {"i": {"householdId": household, "careLevel": "RED"}}, department
    )
    in_future = await graph.error(
        VISIT,
        {"i": {"householdId": household, "at": iso(datetime.now(UTC) + timedelta(days=1))}},
        graph.admin,
    )

    assert resident
    assert by_resident["extensions"]["code"] == "FORBIDDEN"
    assert by_outsider["extensions"]["code"] == "FORBIDDEN"
    assert in_future["extensions"] == {"code": "BAD_USER_INPUT", "field": "at"}
    assert await graph.count("visits") == 0
    assert await graph.events("visit.logged") == []


async def test_a_party_member_keeps_a_commitment_someone_else_confirms_it_and_the_board_counts_it(
    graph: PeopleGraph,
):
    area = await graph.area()
    household = await graph.household(area.neighborhood, "Liaoyuan Road No. 26, Room 301")
    await graph.person("Long Wei", "13800000031", household=household, party_member=True)
    token = await graph.token("13800000031")
    chief = await graph.staff("Group Chief", "13800000083", "GROUP_CHIEF", area.group)
    due = iso(datetime.now(UTC) + timedelta(days=30))

    made = await graph.ok(
        MAKE, {"i": {"text": "24-hour water and electricity repairs", "dueBy": due}}, token
    )
    commitment = made["makeCommitment"]["commitment"]["id"]
    claimed = await graph.ok(
        FULFILL, {"i": {"commitmentId": commitment, "evidence": "Fixed 12 taps"}}, token
    )
    twice = await graph.error(
        FULFILL, {"i": {"commitmentId": commitment, "evidence": "again"}}, token
    )
    by_promiser = await graph.error(CONFIRM, {"i": {"commitmentId": commitment}}, token)
    before = await graph.events("commitment.fulfilled")
    done = await graph.ok(CONFIRM, {"i": {"commitmentId": commitment}}, chief)
    confirmed_twice = await graph.error(CONFIRM, {"i": {"commitmentId": commitment}}, chief)
    board = await graph.ok(BOARD, {"id": area.community})

    assert claimed["fulfillCommitment"]["commitment"] == {
        "status": "PROMISED",
        "onTime": False,
        "evidence": "Fixed 12 taps",
        "fulfilledAt": None,
    }
    assert twice["extensions"]["code"] == "INVALID_TRANSITION"
    assert by_promiser["extensions"] == {"code": "FORBIDDEN", "field": "commitmentId"}
    assert before == []
    assert done["confirmCommitment"]["commitment"] == {
        "status": "FULFILLED",
        "onTime": True,
        "evidence": "Fixed 12 taps",
        "confirmedBy": {"name": "Group Chief"},
    }
    assert confirmed_twice["extensions"]["code"] == "INVALID_TRANSITION"
    assert board["orgUnit"]["commitmentBoard"]["made"] == 1
    assert board["orgUnit"]["commitmentBoard"]["fulfilled"] == 1
    assert board["orgUnit"]["commitmentBoard"]["rate"] == 1.0
    [event] = await graph.events("commitment.fulfilled")
    assert event["data"]["onTime"] is True
    assert event["data"]["orgUnitPath"][-1] == area.neighborhood
    assert event["data"]["confirmedBy"] != event["data"]["personId"]


async def test_overdue_commitments_lapse_and_lower_the_rate(graph: PeopleGraph):
    area = await graph.area()
    household = await graph.household(area.neighborhood, "Liaoyuan Road No. 26, Room 301")
    member = await graph.person("Long Wei", "13800000031", household=household, party_member=True)
    soon = iso(datetime.now(UTC) + timedelta(days=1))
    for text in ("Sweep the stairs", "Fix the gate"):
        await graph.ok(MAKE, {"i": {"personId": member, "text": text, "dueBy": soon}}, graph.admin)
    [first] = [
        d["_id"]
        async for d in graph.service.host.db["commitments"].find({"text": "Sweep the stairs"})
    ]
    await graph.ok(
        FULFILL, {"i": {"commitmentId": first, "evidence": "Photo of clean stairs"}}, graph.admin
    )

    # the claimed one waits for its confirmation instead of lapsing
    lapsed = await lapse_overdue(
        graph.service.app.state.runtime.ports, datetime.now(UTC) + timedelta(days=2)
    )
    await graph.ok(CONFIRM, {"i": {"commitmentId": first}}, graph.admin)

    board = (await graph.ok(BOARD, {"id": area.district}))["orgUnit"]["commitmentBoard"]
    assert lapsed == 1
    assert (board["made"], board["fulfilled"]) == (2, 1)
    assert await graph.count("commitments", {"status": "LAPSED"}) == 1


async def test_only_party_members_publish_commitments_and_only_for_themselves(graph: PeopleGraph):
    area = await graph.area()
    household = await graph.household(area.neighborhood, "Liaoyuan Road No. 26, Room 301")
    member = await graph.person("Long Wei", "13800000031", household=household, party_member=True)
    await graph.person("Shi Kai", "13800000014", household=household)
    token = await graph.token("13800000014")
    due = iso(datetime.now(UTC) + timedelta(days=30))

    not_a_member = await graph.error(MAKE, {"i": {"text": "Promise", "dueBy": due}}, token)
    for_someone_else = await graph.error(
        MAKE, {"i": {"personId": member, "text": "Promise", "dueBy": due}}, token
    )
    in_the_past = await graph.error(
        MAKE,
        {"i": {"personId": member, "text": "Late", "dueBy": iso(datetime.now(UTC))}},
        graph.admin,
    )

    assert not_a_member["extensions"] == {"code": "BAD_USER_INPUT", "field": "personId"}
    assert for_someone_else["extensions"]["code"] == "FORBIDDEN"
    assert in_the_past["extensions"] == {"code": "BAD_USER_INPUT", "field": "dueBy"}
    assert await graph.count("commitments") == 0


async def test_organizations_have_members_staff_and_paired_communities(graph: PeopleGraph):
    area = await graph.area()
    create = """mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { organization { id } } }"""
    department = (
        await graph.ok(
            create,
            {
                "i": {
                    "kind": "DEPARTMENT",
                    "name": "Sewage Management Office",
                    "orgUnitId": area.district,
                }
            },
            graph.admin,
        )
    )["createOrganization"]["organization"]["id"]
    partner = (
        await graph.ok(
            create,
            {"i": {"kind": "RED_PARTNER", "name": "Haier Group", "orgUnitId": area.street}},
            graph.admin,
        )
    )["createOrganization"]["organization"]["id"]
    staff = await graph.person("Water Staff", "13800000091", unit=area.district)
    await graph.assign(staff, "DEPARTMENT_STAFF", area.district, organization=department)
    await graph.ok(
        "mutation($i: AddOrganizationMemberInput!) { addOrganizationMember(input: $i) { organization { id } } }",
        {"i": {"organizationId": department, "personId": staff, "title": "Engineer"}},
        graph.admin,
    )
    await graph.ok(
        "mutation($i: PairOrganizationInput!) { pairOrganization(input: $i) { organization { id } } }",
        {"i": {"organizationId": partner, "orgUnitId": area.community}},
        graph.admin,
    )

    paired = await graph.ok(
        """query($c: ID!) { organizations(filter: {pairedWith: $c}) { edges { node { name kind pairedOrgUnits { name } } } } }""",
        {"c": area.community},
    )
    office = await graph.ok(
        """query($id: ID!) { organization(id: $id) { members { title person { name } } staff { role person { name } } } }""",
        {"id": department},
    )
    duplicate = await graph.error(
        create,
        {
            "i": {
                "kind": "DEPARTMENT",
                "name": "Sewage Management Office",
                "orgUnitId": area.district,
            }
        },
        graph.admin,
    )

    assert paired["organizations"]["edges"] == [
        {
            "node": {
                "name": "Haier Group",
                "kind": "RED_PARTNER",
                "pairedOrgUnits": [{"name": "Taohuajing Community"}],
            }
        }
    ]
    assert office["organization"] == {
        "members": [{"title": "Engineer", "person": {"name": "Water Staff"}}],
        "staff": [{"role": "DEPARTMENT_STAFF", "person": {"name": "Water Staff"}}],
    }
    assert duplicate["extensions"]["code"] == "CONFLICT"


PLACED_VISIT = """mutation($i: LogVisitInput!) { logVisit(input: $i) {
  visit { id location { lat lng accuracyMeters } } } }"""


async def test_a_visit_keeps_its_point_as_geojson_under_a_2dsphere_index(graph: PeopleGraph):
    area = await graph.area()
    household = await graph.household(area.neighborhood, "Harbin Road No. 3, Room 201")
    chief = await graph.staff("Group Chief", "13800000093", "GROUP_CHIEF", area.group)
    door = {"lat": 36.0869, "lng": 120.364, "accuracyMeters": 6.0}  # Harbin Road, Qingdao

    logged = await graph.ok(
        PLACED_VISIT, {"i": {"householdId": household, "location": door}}, chief
    )

    visit = logged["logVisit"]["visit"]
    assert visit["location"] == door
    db = graph.service.host.db
    doc = await db["visits"].find_one({"_id": visit["id"]})
    assert doc["location"] == {"type": "Point", "coordinates": [120.364, 36.0869]}
    keys = [dict(i["key"]) async for i in await db["visits"].list_indexes()]
    assert {"location": "2dsphere"} in keys
    refused = await graph.error(
        PLACED_VISIT, {"i": {"householdId": household, "location": {"lat": 0, "lng": 181}}}, chief
    )
    assert refused["extensions"]["code"] == "BAD_USER_INPUT"
