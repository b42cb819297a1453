"""Counting cases per map cell in one aggregation over the 2dsphere-indexed `location`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from grassroots_kit import geo
from grassroots_kit.mongo import Database, Document

from grassroots_cases.adapters.cases import COLLECTION
from grassroots_cases.domain.places import CellCount
from grassroots_cases.domain.vocabulary import Status


def _index(coordinate: int, offset_degrees: int, size_micro: int) -> Document:
    """`geo.cell_of`'s binning written as an aggregation expression: whole micro-degrees,
    shifted to start at 0, floor-divided by the cell size (the world's edge folds inwards)."""
    micro: Document = {
        "$round": [{"$multiply": [{"$arrayElemAt": ["$location.coordinates", coordinate]}, 1e6]}]
    }
    shifted: Document = {"$add": [micro, offset_degrees * geo.MICRO]}
    last = 2 * offset_degrees * geo.MICRO // size_micro - 1
    return {"$min": [last, {"$floor": {"$divide": [shifted, size_micro]}}]}


async def cell_counts(
    db: Database,
    org_unit_id: str,
    size_micro: int,
    since: datetime,
    until: datetime,
    statuses: Sequence[Status],
    limit: int,
) -> list[CellCount]:
    """The placed cases of the subtree reported in [since, until), counted per cell; at most
    `limit` cells (the caller asks for one more than it allows, to know it was exceeded)."""
    match: Document = {
        "orgUnitPath": org_unit_id,
        "createdAt": {"$gte": since, "$lt": until},
        "location": {"$exists": True},
    }
    if statuses:
        match["status"] = {"$in": [s.value for s in statuses]}
    pipeline: list[Document] = [
        {"$match": match},
        {
            "$group": {
                "_id": {"row": _index(1, 90, size_micro), "col": _index(0, 180, size_micro)},
                "count": {"$sum": 1},
            }
        },
        {"$limit": limit},
    ]
    cursor = await db[COLLECTION].aggregate(pipeline)
    return [
        CellCount(geo.Cell(size_micro, int(d["_id"]["row"]), int(d["_id"]["col"])), d["count"])
        async for d in cursor
    ]
