"""Case statistics of an org-unit subtree and period.

`case_statistics` sums the rollups of the whole months and days of the period (a district-year
reads 12 months x SHARDS small documents, however many cases it had), adds the cases of the
partial days (partial months, for a grid or below) at its ends (index `orgUnitPath, createdAt`),
and counts what is overdue now from
the open cases (index `orgUnitPath, status, dueAt`): its cost follows the period and the open
cases, not the cases reported.

`aggregate_statistics` is the reference it must agree with: one aggregation over the cases
(exact percentiles, computed in the pipeline with sort, push and pick by index, as MongoDB 6.0
has no `$percentile`: the value at position ceil(p * n) of the n sorted values).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from grassroots_kit.mongo import Database, Document

from grassroots_cases.adapters import rollups
from grassroots_cases.adapters.cases import COLLECTION
from grassroots_cases.domain.statistics import (
    Breakdown,
    CaseStatistics,
    Counters,
    Percentiles,
    add,
    contribution,
    cover,
    has_days,
    summarize,
)
from grassroots_cases.domain.vocabulary import HANDLED_STATUSES, OPEN_STATUSES, Status

__all__ = ["Breakdown", "CaseStatistics", "Percentiles", "aggregate_statistics", "case_statistics"]

BY_PATH_CREATED = "orgUnitPath_1_createdAt_-1__id_-1"
BY_PATH_STATUS_DUE = "orgUnitPath_1_status_1_dueAt_1"


def edge_query(org_unit_id: str, since: datetime, until: datetime) -> Document:
    return {"orgUnitPath": org_unit_id, "createdAt": {"$gte": since, "$lt": until}}


def overdue_query(org_unit_id: str, since: datetime, until: datetime, now: datetime) -> Document:
    return {
        "orgUnitPath": org_unit_id,
        "status": {"$in": sorted(s.value for s in OPEN_STATUSES)},
        "dueAt": {"$lte": now},
        "createdAt": {"$gte": since, "$lt": until},
    }


async def case_statistics(
    db: Database,
    org_unit_id: str,
    since: datetime,
    until: datetime,
    now: datetime,
    *,
    depth: int,
    tz: ZoneInfo,
) -> CaseStatistics:
    """`depth`: the unit's rung from the top (the district is 0); it says which rollups exist."""
    period = cover(since, until, tz, days=has_days(depth))
    total: Counters = await rollups.read(db, org_unit_id, period.periods)
    cases = db[COLLECTION]
    for start, end in period.edges:
        query = edge_query(org_unit_id, start, end)
        async for doc in cases.find(query, rollups.FACT_FIELDS).hint(BY_PATH_CREATED):
            add(total, contribution(rollups.facts_of_doc(doc), tz))
    overdue = await cases.count_documents(
        overdue_query(org_unit_id, since, until, now), hint=BY_PATH_STATUS_DUE
    )
    return summarize(total, overdue)


def _in(field: str, statuses: frozenset[Status]) -> Document:
    return {"$in": [field, [s.value for s in statuses]]}


def _count_if(condition: Document) -> Document:
    return {"$sum": {"$cond": [condition, 1, 0]}}


def _percentiles(since_field: str, until_field: str) -> list[Document]:
    def pick(p: float) -> Document:
        index = {"$max": [{"$subtract": [{"$ceil": {"$multiply": [p, "$n"]}}, 1]}, 0]}
        return {"$arrayElemAt": ["$values", index]}

    return [
        {"$match": {until_field: {"$ne": None}}},
        {"$project": {"d": {"$subtract": [f"${until_field}", f"${since_field}"]}}},
        {"$sort": {"d": 1}},
        {"$group": {"_id": None, "values": {"$push": "$d"}, "n": {"$sum": 1}}},
        {"$project": {"_id": 0, "median": pick(0.5), "p90": pick(0.9)}},
    ]


def _breakdown(key: Document | str) -> list[Document]:
    return [
        {
            "$group": {
                "_id": key,
                "collected": {"$sum": 1},
                "handled": _count_if(_in("$status", HANDLED_STATUSES)),
            }
        },
        {"$sort": {"_id": 1}},
    ]


def pipeline(
    org_unit_id: str, since: datetime, until: datetime, now: datetime, tz: ZoneInfo
) -> list[Document]:
    is_open = _in("$status", OPEN_STATUSES)
    return [
        {"$match": {"orgUnitPath": org_unit_id, "createdAt": {"$gte": since, "$lt": until}}},
        {
            "$facet": {
                "totals": [
                    {
                        "$group": {
                            "_id": None,
                            "collected": {"$sum": 1},
                            "handled": _count_if(_in("$status", HANDLED_STATUSES)),
                            "rejected": _count_if({"$eq": ["$status", Status.REJECTED.value]}),
                            "open": _count_if(is_open),
                            "overdueNow": _count_if({"$and": [is_open, {"$lte": ["$dueAt", now]}]}),
                            "breaches": {"$sum": {"$ifNull": ["$breachCount", 0]}},
                            "averageRating": {"$avg": "$rating.score"},
                            "ratings": _count_if({"$gt": ["$rating.score", None]}),
                        }
                    }
                ],
                "firstResponse": _percentiles("createdAt", "firstResponseAt"),
                "resolution": _percentiles("createdAt", "resolvedAt"),
                "byCategory": _breakdown("$category"),
                "byMonth": _breakdown(
                    {"$dateToString": {"format": "%Y-%m", "date": "$createdAt", "timezone": tz.key}}
                ),
            }
        },
    ]


def _seconds(value: Any) -> float | None:
    return None if value is None else float(value) / 1000.0


def _percentile_result(rows: list[Document]) -> Percentiles:
    if not rows:
        return Percentiles(None, None)
    return Percentiles(_seconds(rows[0].get("median")), _seconds(rows[0].get("p90")))


async def aggregate_statistics(
    db: Database, org_unit_id: str, since: datetime, until: datetime, now: datetime, tz: ZoneInfo
) -> CaseStatistics:
    """The same figures from one aggregation over the cases (exact percentiles)."""
    cursor = await db[COLLECTION].aggregate(pipeline(org_unit_id, since, until, now, tz))
    result = (await cursor.to_list(1))[0]
    totals = result["totals"][0] if result["totals"] else {}
    return CaseStatistics(
        collected=totals.get("collected", 0),
        handled=totals.get("handled", 0),
        rejected=totals.get("rejected", 0),
        open=totals.get("open", 0),
        overdue_now=totals.get("overdueNow", 0),
        sla_breaches=totals.get("breaches", 0),
        average_rating=totals.get("averageRating"),
        ratings=totals.get("ratings", 0),
        first_response=_percentile_result(result["firstResponse"]),
        resolution=_percentile_result(result["resolution"]),
        by_category=[
            Breakdown(r["_id"], r["collected"], r["handled"]) for r in result["byCategory"]
        ],
        by_month=[Breakdown(r["_id"], r["collected"], r["handled"]) for r in result["byMonth"]],
    )
