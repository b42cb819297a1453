"""Reporting a case through the subgraph: numbers, routing, deadlines, duplicates, bad input."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from grassroots_cases.adapters import district_codes
from grassroots_cases.handlers.composition import cases_ports
from grassroots_cases.handlers.report_case import report_case

from tests.cases.integration.conftest import REPORT, Cases, error_code
from tests.cases.integration.test_importing import IMPORT, _item
from tests.cases.unit.fake_area import new_case, who


async def test_a_resident_reports_a_case_that_is_numbered_routed_and_announced(cases: Cases):
    # when a resident reports a problem in their building
    case = await cases.report("res-1")

    # then it gets a district number, waits at the lowest rung serving the place, is due in 72 h
    assert re.fullmatch(r"WC-\d{4}-000001", case["number"])
    assert case["status"] == "REPORTED"
    assert case["level"] == "GROUP"
    assert case["reporter"] == {"id": "res-1"}
    due = datetime.fromisoformat(case["dueAt"])
    doc = await cases.db["cases"].find_one({"_id": case["id"]})
    assert due - doc["createdAt"].replace(tzinfo=due.tzinfo) == timedelta(hours=72)
    assert await cases.outbox_types() == ["case.reported"]


async def test_numbers_count_up_per_district_and_year(cases: Cases):
    first = await cases.report(title="Streetlight out")
    second = await cases.report(title="Parking on the fire lane", category="PARKING_TRAFFIC")

    assert int(first["number"][-6:]) + 1 == int(second["number"][-6:])


async def test_without_chiefs_or_grid_staff_a_case_goes_to_the_community(cases: Cases):
    await cases.db["role_assignments"].delete_many(
        {"role": {"$in": ["GROUP_CHIEF", "GRID_MEMBER"]}}
    )

    case = await cases.report()

    assert case["level"] == "COMMUNITY"


async def test_a_similar_open_case_nearby_is_hinted_at_not_shown_nor_merged(cases: Cases):
    first = await cases.report("res-1", title="Sewage pipe broken behind Harbin Road No. 3")

    body = await cases.gql(
        "res-2",
        REPORT,
        {
            "input": {
                "title": "Broken sewage pipe behind Harbin Road No. 3",
                "category": "SEWAGE_WATER",
                "orgUnitId": "b1",
            }
        },
    )

    result = body["data"]["reportCase"]
    # another resident's case: its number and title as a hint, never the case itself
    assert result["possibleDuplicates"] == []
    assert result["duplicateHints"] == [
        {"number": first["number"], "title": "Sewage pipe broken behind Harbin Road No. 3"}
    ]
    assert result["case"]["id"] != first["id"]


async def test_staff_reporting_see_a_similar_case_of_their_area_in_full(cases: Cases):
    first = await cases.report("res-1", title="Sewage pipe broken behind Harbin Road No. 3")

    body = await cases.gql(
        "cstaff",
        REPORT,
        {
            "input": {
                "title": "Broken sewage pipe behind Harbin Road No. 3",
                "category": "SEWAGE_WATER",
                "orgUnitId": "b1",
            }
        },
    )

    result = body["data"]["reportCase"]
    assert result["possibleDuplicates"] == [{"id": first["id"], "number": first["number"]}]


async def test_staff_report_on_behalf_and_residents_cannot(cases: Cases):
    on_behalf = await cases.report("cstaff", reporterId="res-2", channel="HOTLINE")
    assert on_behalf["reporter"] == {"id": "res-2"}

    body = await cases.gql(
        "res-1",
        REPORT,
        {"input": {"title": "x y", "category": "OTHER", "orgUnitId": "b1", "reporterId": "res-2"}},
    )
    assert error_code(body) == "FORBIDDEN"


async def test_an_anonymous_report_has_no_reporter(cases: Cases):
    case = await cases.report("res-1", anonymous=True)

    assert case["reporter"] is None


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"orgUnitId": "nowhere"}, "NOT_FOUND"),
        ({"title": "   "}, "BAD_USER_INPUT"),
        ({"title": "x" * 500}, "BAD_USER_INPUT"),
        ({"category": "WEATHER"}, "BAD_USER_INPUT"),
        ({"priority": "SOMEDAY"}, "BAD_USER_INPUT"),
    ],
)
async def test_bad_input_is_a_typed_error_and_nothing_is_written(
    cases: Cases, change: dict[str, str], code: str
):
    payload = {"title": "Broken pipe", "category": "SEWAGE_WATER", "orgUnitId": "b1", **change}

    body = await cases.gql("res-1", REPORT, {"input": payload})

    assert error_code(body) == code
    assert await cases.db["cases"].count_documents({}) == 0
    assert await cases.outbox_types() == []


async def test_reporting_needs_a_valid_token(cases: Cases):
    payload = {"title": "Broken pipe", "category": "SEWAGE_WATER", "orgUnitId": "b1"}
    anonymous = await cases.gql(None, REPORT, {"input": payload})
    assert error_code(anonymous) == "UNAUTHENTICATED"

    response = await cases.svc.client.post(
        "/graphql",
        json={"query": REPORT, "variables": {"input": payload}},
        headers={"authorization": "Bearer not-a-token"},
    )
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_case_reported_at_01_00_on_new_years_day_in_beijing_gets_a_2027_number(
    cases: Cases,
):
    # given the service on its default business time zone (Asia/Shanghai) and a clock at
    # 2026-12-31T17:00Z: still 31 December in UTC, 01:00 on 1 January in Beijing
    at = datetime(2026, 12, 31, 17, tzinfo=UTC)
    ports = cases_ports(cases.svc.host, clock=lambda: at)

    # when it is reported in the district
    case = (await report_case(ports, who("res-1"), new_case("Firecracker debris"))).case

    # then its number is of the 2027 series, and so is one imported at the same instant
    assert case.number == "WC-2027-000001"
    body = await cases.gql(
        "admin", IMPORT, {"i": {"cases": [_item("ny", reportedAt="2026-12-31T17:00:00Z")]}}
    )
    assert "errors" not in body, body
    imported = await cases.db["cases"].find_one({"importRef": "ny"})
    assert imported is not None
    assert imported["number"] == "WC-2027-000002"


async def test_two_districts_with_the_same_initials_number_in_two_series(cases: Cases):
    # given 望城区 (the seeded district, renamed) and 望城县, both WC by their pinyin initials
    await cases.db["org_units"].update_one({"_id": "d1"}, {"$set": {"name": "望城区"}})
    await cases.db["org_units"].insert_many(
        [
            {"_id": "d2", "kind": "DISTRICT", "name": "望城县", "parentId": None, "path": []},
            {"_id": "b2", "kind": "BUILDING", "name": "三号楼", "parentId": "d2", "path": ["d2"]},
        ]
    )
    for doc in await cases.db["org_units"].find({"_id": {"$in": ["d2", "b2"]}}).to_list():
        await cases.db["org_units"].update_one({"_id": doc["_id"]}, {"$set": {"version": 1}})

    urban = await cases.report(title="哈尔滨路3号下水道堵塞")
    rural = await cases.report(title="村口路灯不亮", orgUnitId="b2")
    urban_again = await cases.report(title="楼道堆放杂物", category="OTHER")

    # then each district has its own code and series, and keeps it
    assert re.fullmatch(r"WC-\d{4}-000001", urban["number"])
    assert re.fullmatch(r"WCX-\d{4}-000001", rural["number"])
    assert re.fullmatch(r"WC-\d{4}-000002", urban_again["number"])
    codes = await cases.db["district_codes"].find({}).sort("code", 1).to_list()
    assert [(c["_id"], c["code"]) for c in codes] == [("d1", "WC"), ("d2", "WCX")]


async def test_districts_keep_the_codes_their_cases_were_numbered_with(cases: Cases):
    # given cases numbered before codes were stored: an English district's WC, and XX, which
    # every Chinese-named district shared
    await cases.db["district_codes"].delete_many({})
    old = {
        "orgUnitPath": ["d1", "b1"],
        "number": "WC-2025-000007",
        "createdAt": datetime(2025, 1, 1),
    }
    shared = {"orgUnitPath": ["d9"], "number": "XX-2025-000001", "createdAt": datetime(2025, 1, 2)}
    await cases.db["cases"].insert_many([{"_id": "old-1", **old}, {"_id": "old-2", **shared}])

    kept = await district_codes.adopt_existing(cases.db)

    codes = {c["_id"]: c["code"] async for c in cases.db["district_codes"].find({})}
    assert (kept, codes) == (1, {"d1": "WC"})
    assert await district_codes.adopt_existing(cases.db) == 0  # once only
