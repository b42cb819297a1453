"""Statistics read from the rollups agree with one aggregation over the cases, after a mixed
history of reports, transitions, closings, ratings, imports and SLA breaches; a rebuild
reproduces what the writes maintained, however often it runs."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from grassroots_cases.adapters import rollups
from grassroots_cases.adapters.statistics import (
    aggregate_statistics,
    case_statistics,
    edge_query,
    overdue_query,
)
from grassroots_cases.domain.statistics import CaseStatistics, Percentiles, bucket, cover
from grassroots_cases.handlers.composition import cases_ports
from grassroots_cases.handlers.sweeper import Sweeper
from grassroots_cases.handlers.unit_of_work import utc_now
from grassroots_kit.business_time import DEFAULT_ZONE

from tests.cases.integration.conftest import Cases
from tests.cases.integration.test_importing import CLOSED, IMPORT, _item
from tests.cases.integration.test_reads import _profiled

TZ = DEFAULT_ZONE  # the service under test runs with the default BUSINESS_TIME_ZONE


async def _history(cases: Cases) -> None:
    items = [
        _item("h1", **CLOSED),
        _item("h2"),
        _item("h3", respondedAt="2026-02-11T09:00:00Z", rejectedReason="duplicate"),
        _item("h4", **{**CLOSED, "reportedAt": "2026-01-31T23:30:00Z", "rating": None}),
        _item("h5", **{**CLOSED, "reportedAt": "2026-03-01T00:00:00Z", "rating": 2}),
        _item("h6", **{**CLOSED, "category": "ENVIRONMENT", "resolvedAt": "2026-02-10T17:07:13Z"}),
    ]
    body = await cases.gql("admin", IMPORT, {"i": {"cases": items}})
    assert "errors" not in body, body

    closed, low, rejected, board, open_, _breached = [
        {"caseId": (await cases.report(title=f"Case number {n}"))["id"]} for n in range(6)
    ]
    await cases.act("chief", "acceptCase", closed)
    await cases.act("chief", "assignCase", {**closed, "assigneeId": "gridder"})
    await cases.act("gridder", "startCase", closed)
    await cases.act("gridder", "resolveCase", {**closed, "resolution": "Pipe replaced"})
    await cases.act("res-1", "rateCase", {**closed, "score": 5})
    await cases.act("gridder", "assignCase", {**low, "assigneeId": "gridder"})
    await cases.act("gridder", "resolveCase", {**low, "resolution": "Done"})
    await cases.act("res-1", "rateCase", {**low, "score": 1})  # closes and reopens
    await cases.act("cstaff", "rejectCase", {**rejected, "reason": "duplicate"})
    await cases.act("cstaff", "postOrder", board)
    await cases.act("partner", "takeOrder", board)
    await cases.act("partner", "resolveCase", {**board, "resolution": "Rack welded"})
    await cases.act("cstaff", "closeCase", board)
    await cases.act("chief", "acceptCase", open_)
    # the last two stay open; the sweeper breaches what is overdue

    def later() -> datetime:
        return utc_now() + timedelta(days=8)

    assert (await Sweeper(cases_ports(cases.svc.host), clock=later).sweep_once()).escalated >= 2


def _rounded(p: Percentiles) -> Percentiles:
    def down(value: float | None) -> float | None:
        return None if value is None else float(bucket(value))

    return Percentiles(down(p.median_seconds), down(p.p90_seconds))


def _as_rollups_read(s: CaseStatistics) -> CaseStatistics:
    """The aggregation's figures with durations in the rollups' buckets."""
    return replace(s, first_response=_rounded(s.first_response), resolution=_rounded(s.resolution))


async def _stored(cases: Cases) -> dict[str, dict[str, int]]:
    """Every rollup's non-zero counters (a maintained counter may have come back to zero)."""
    out = {}
    async for doc in cases.db[rollups.COLLECTION].find({"unit": {"$exists": True}}):
        counters = {k: v for k, v in rollups._flatten(doc["c"]).items() if v}
        if counters:
            out[doc["_id"]] = counters
    return out


async def test_statistics_from_rollups_equal_the_aggregation_over_the_cases(cases: Cases):
    await _history(cases)
    now = utc_now() + timedelta(days=60)  # every open case overdue again
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    periods = [
        (datetime(2026, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC)),
        (datetime(2026, 1, 31, 12, tzinfo=UTC), datetime(2026, 3, 1, 0, 0, 1, tzinfo=UTC)),
        (datetime(2026, 2, 10, 9, tzinfo=UTC), datetime(2026, 2, 10, 9, 0, 1, tzinfo=UTC)),
        (today - timedelta(days=40), now),
    ]

    compared: list[Any] = []
    for unit, depth in (("d1", 0), ("c1", 2), ("g1", 3), ("b1", 5)):
        for since, until in periods:
            from_rollups = await case_statistics(
                cases.db, unit, since, until, now, depth=depth, tz=TZ
            )
            direct = await aggregate_statistics(cases.db, unit, since, until, now, TZ)
            assert from_rollups == _as_rollups_read(direct), (unit, since, until)
            compared.append(from_rollups.collected)

    assert max(compared) == 12  # six imported, six reported live
    year = await case_statistics(cases.db, "d1", *periods[0], now, depth=0, tz=TZ)
    assert (year.rejected, year.open, year.overdue_now, year.ratings) == (
        2,
        5,
        5,
        5,
    )  # h2, h5 (rated 2), low (rated 1), two live
    assert year.sla_breaches >= 2


async def test_a_rebuild_reproduces_the_maintained_rollups_and_is_idempotent(cases: Cases):
    await _history(cases)
    maintained = await _stored(cases)

    counted = await rollups.rebuild(cases.db, TZ)
    once = await _stored(cases)
    await rollups.rebuild(cases.db, TZ)
    twice = await _stored(cases)

    assert counted == 12
    assert once == maintained
    assert twice == once
    assert await rollups.is_built(cases.db, TZ)


async def test_a_service_started_on_existing_cases_builds_its_rollups(cases: Cases):
    await _history(cases)
    maintained = await _stored(cases)
    await cases.db[rollups.COLLECTION].delete_many({})

    await rollups.build_if_missing(cases.db, TZ)
    await rollups.build_if_missing(cases.db, TZ)

    assert await _stored(cases) == maintained


async def test_rollups_built_in_another_zone_are_rebuilt_in_the_configured_one(cases: Cases):
    await _history(cases)
    maintained = await _stored(cases)
    utc = ZoneInfo("UTC")
    await rollups.rebuild(cases.db, utc)  # as they were before business time, cut at UTC
    assert await rollups.built_in(cases.db) == "UTC"
    assert not await rollups.is_built(cases.db, TZ)
    assert await _stored(cases) != maintained  # h4 (23:30 UTC on 31 January) moved a day

    await rollups.build_if_missing(cases.db, TZ)

    assert await rollups.built_in(cases.db) == TZ.key
    assert await _stored(cases) == maintained


async def test_a_marker_without_a_zone_is_read_as_built_in_utc_and_rebuilt(cases: Cases):
    await _history(cases)
    maintained = await _stored(cases)
    await cases.db[rollups.COLLECTION].update_one({"_id": "__built__"}, {"$unset": {"zone": ""}})
    assert await rollups.built_in(cases.db) == "UTC"

    await rollups.build_if_missing(cases.db, TZ)

    assert await rollups.built_in(cases.db) == TZ.key
    assert await _stored(cases) == maintained


async def test_the_statistics_read_only_index_scans(cases: Cases):
    await _history(cases)
    now = utc_now()
    since, until = datetime(2026, 1, 31, 12, tzinfo=UTC), datetime(2026, 3, 2, 6, tzinfo=UTC)

    finds = [
        (rollups.COLLECTION, rollups.read_query("d1", cover(since, until, TZ).periods), None),
        ("cases", edge_query("d1", since, until), "orgUnitPath_1_createdAt_-1__id_-1"),
        ("cases", overdue_query("d1", since, until, now), "orgUnitPath_1_status_1_dueAt_1"),
    ]
    for collection, query, hint in finds:
        command: dict[str, Any] = {"find": collection, "filter": query}
        if hint:
            command["hint"] = hint
        plan = str(await cases.db.command("explain", command, verbosity="queryPlanner"))
        assert "IXSCAN" in plan, (collection, plan)
        assert "COLLSCAN" not in plan, (collection, plan)


async def test_staff_listing_a_unit_get_its_total_from_the_rollups(cases: Cases):
    await _history(cases)
    listing = """query($f: CaseFilter) { cases(filter: $f, first: 5) {
      totalCount edges { node { id } } } }"""

    for who, unit in (("admin", "d1"), ("sstaff", "s1"), ("cstaff", "c1"), ("cstaff", "b1")):
        # when staff over the unit list it with no other filter, no count of cases runs,
        body, ops = await _profiled(cases, who, listing, {"f": {"orgUnitId": unit}})
        page = body["data"]["cases"]
        # and the total is what counting the unit's cases says.
        assert page["totalCount"] == await cases.db["cases"].count_documents({"orgUnitPath": unit})
        assert page["totalCount"] > 0
        assert [op["op"] for op in ops] == ["query"], (who, unit, ops)

    # Any other filter, or someone who is not staff over the unit, still counts.
    narrowed = {"f": {"orgUnitId": "c1", "status": ["CLOSED"]}}
    body, ops = await _profiled(cases, "cstaff", listing, narrowed)
    closed = await cases.db["cases"].count_documents({"orgUnitPath": "c1", "status": "CLOSED"})
    assert body["data"]["cases"]["totalCount"] == closed
    assert "command" in [op["op"] for op in ops]
    own = await cases.gql("res-1", listing, {"f": {"orgUnitId": "b1"}})
    theirs = {"orgUnitPath": "b1", "$or": [{"reporterId": "res-1"}, {"assigneeId": "res-1"}]}
    mine = await cases.db["cases"].count_documents(theirs)
    assert own["data"]["cases"]["totalCount"] == mine


async def test_before_the_rollups_are_built_a_units_total_is_counted(cases: Cases):
    await _history(cases)
    await cases.db[rollups.COLLECTION].delete_many({})  # as on a first start, before the boot step
    listing = """query($f: CaseFilter) { cases(filter: $f, first: 5) { totalCount } }"""

    body, ops = await _profiled(cases, "admin", listing, {"f": {"orgUnitId": "d1"}})

    expected = await cases.db["cases"].count_documents({"orgUnitPath": "d1"})
    assert body["data"]["cases"]["totalCount"] == expected > 0
    assert "command" in [op["op"] for op in ops]
