"""careCoverage over the real subgraph and MongoDB: households by care level and how many are
visited on schedule on a business day (Asia/Shanghai), for a unit and its children, read on
indexes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from grassroots_people.adapters.coverage import households_filter, visits_pipeline

from tests.people.integration.graph import PeopleGraph

CARE = """mutation($i: SetCareLevelInput!) { setCareLevel(input: $i) { household { id } } }"""
COVERAGE = """query($u: ID!, $d: Date) { careCoverage(orgUnitId: $u, asOf: $d) {
  asOf
  unit { orgUnit { name } households withoutCareLevel
    levels { careLevel intervalDays households onSchedule overdue shareOnSchedule } }
  children { orgUnit { name } households
    levels { careLevel households onSchedule overdue shareOnSchedule } } } }"""
NEW_YEAR = datetime(2026, 12, 31, 17, tzinfo=UTC)  # 01:00 on 1 January 2027 in Beijing


async def _cared_for(graph: PeopleGraph, unit: str, address: str, level: str | None) -> str:
    household = await graph.household(unit, address)
    if level:
        await graph.ok(CARE, {"i": {"householdId": household, "careLevel": level}}, graph.admin)
    # the level set before the days asked about (care levels are not kept as history)
    await graph.service.host.db["households"].update_one(
        {"_id": household}, {"$set": {"careSince": datetime(2026, 11, 1, tzinfo=UTC)}}
    )
    return household


async def _visited(
    graph: PeopleGraph, household: str, at: datetime, confirmed: bool = True
) -> None:
    # confirmed long ago: logVisit refuses back-dating beyond 72 hours
    doc: dict[str, Any] = {
        "_id": f"v-{household}-{at.timestamp()}",
        "householdId": household,
        "visitorId": "someone",
        "at": at,
        "notes": "",
        "careLevel": "RED",
        "orgUnitId": "x",
        "orgUnitPath": [],
        "confirmedBy": "member" if confirmed else None,
        "confirmedAt": at if confirmed else None,
    }
    await graph.service.host.db["visits"].insert_one(doc)


async def test_coverage_counts_every_household_and_cuts_days_in_beijing(graph: PeopleGraph):
    area = await graph.area()
    on_new_year = await _cared_for(graph, area.neighborhood, "Room 1", "RED")
    await _visited(graph, on_new_year, NEW_YEAR)
    unconfirmed = await _cared_for(graph, area.neighborhood, "Room 2", "RED")
    await _visited(graph, unconfirmed, datetime(2027, 1, 7, 3, tzinfo=UTC), confirmed=False)
    monthly = await _cared_for(graph, area.other_community, "Room 3", "YELLOW")
    await _visited(graph, monthly, datetime(2026, 12, 20, 3, tzinfo=UTC))
    await _cared_for(graph, area.community, "Office", None)
    staff = await graph.staff("Street Staff", "13800000090", "STREET_STAFF", area.street)

    due_day = await graph.ok(COVERAGE, {"u": area.street, "d": "2027-01-08"}, staff)
    day_after = await graph.ok(COVERAGE, {"u": area.street, "d": "2027-01-09"}, staff)

    found = due_day["careCoverage"]
    assert found["asOf"] == "2027-01-08"
    assert found["unit"]["orgUnit"] == {"name": "Gaotangling Street"}
    assert (found["unit"]["households"], found["unit"]["withoutCareLevel"]) == (4, 1)
    assert found["unit"]["levels"] == [
        {"careLevel": "RED", "intervalDays": 7, "households": 2, "onSchedule": 1, "overdue": 1,
         "shareOnSchedule": 0.5},
        {"careLevel": "YELLOW", "intervalDays": 30, "households": 1, "onSchedule": 1,
         "overdue": 0, "shareOnSchedule": 1.0},
        {"careLevel": "GREEN", "intervalDays": 91, "households": 0, "onSchedule": 0,
         "overdue": 0, "shareOnSchedule": None},
    ]  # fmt: skip
    assert [(c["orgUnit"]["name"], c["households"]) for c in found["children"]] == [
        ("Taohuajing Community", 3),
        ("Wangfu Road Community", 1),
    ]
    # visited on 1 January in Beijing: due on the 8th, overdue on the 9th
    red_after = day_after["careCoverage"]["unit"]["levels"][0]
    assert (red_after["onSchedule"], red_after["overdue"]) == (0, 2)


async def test_coverage_is_for_staff_over_the_unit(graph: PeopleGraph):
    area = await graph.area()
    await _cared_for(graph, area.neighborhood, "Room 1", "RED")
    resident = await graph.person("Resident", "13800000091")
    chief = await graph.staff("Group Chief", "13800000092", "GROUP_CHIEF", area.group)
    grid = await graph.staff("Grid Member", "13800000093", "GRID_MEMBER", area.grid)

    refused = [
        await graph.error(COVERAGE, {"u": area.street}, token)
        for token in (None, await graph.token("13800000091"), chief, grid)
    ]
    mine = await graph.ok(COVERAGE, {"u": area.grid}, grid)

    assert resident
    assert [e["extensions"]["code"] for e in refused] == [
        "UNAUTHENTICATED",
        "FORBIDDEN",
        "FORBIDDEN",
        "FORBIDDEN",
    ]
    assert mine["careCoverage"]["unit"]["households"] == 1


async def test_coverage_reads_on_indexes(graph: PeopleGraph):
    db = graph.service.host.db
    area = await graph.area()
    await _cared_for(graph, area.neighborhood, "Room 1", "RED")

    households = await db.command(
        "explain", {"find": "households", "filter": households_filter(area.street)},
        verbosity="queryPlanner",
    )  # fmt: skip
    visits = await db.command(
        "explain",
        {"aggregate": "visits", "cursor": {},
         "pipeline": visits_pipeline(["h1", "h2"], NEW_YEAR, datetime(2027, 1, 9, tzinfo=UTC))},
        verbosity="queryPlanner",
    )  # fmt: skip
    children = await db.command(
        "explain", {"find": "org_units", "filter": {"parentId": area.street}, "sort": {"name": 1}},
        verbosity="queryPlanner",
    )  # fmt: skip

    for plan in (households, visits, children):
        assert "IXSCAN" in str(plan), plan
        assert "COLLSCAN" not in str(plan), plan
    assert "householdId_1_at_-1" in str(visits)
