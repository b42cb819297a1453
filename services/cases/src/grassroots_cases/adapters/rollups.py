"""Statistics rollups in MongoDB: counters per org unit and report day or month, kept in step
with every write of a case (by `CaseRepository`, in the same transaction), and rebuilt from
the cases when they were never built or were built in another business time zone (a boot
step), or on demand (`rebuild`).

One document per `RollupKey`: `{_id: "<unit>|<period>|<shard>", unit, period, shard, c: {...}}`
where `c` holds the counters of `domain.statistics.contribution`, nested by their dotted names.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, IndexModel, UpdateOne

from grassroots_cases.domain.statistics import (
    Counters,
    Facts,
    RollupKey,
    add,
    changes,
    contribution,
    day_of,
    rollup_keys,
)
from grassroots_cases.domain.vocabulary import Status

log = logging.getLogger(__name__)

COLLECTION = "case_rollups"
INDEXES = Indexes(
    COLLECTION,
    # A statistics read: one unit, a list of whole months and days (both in `period`).
    (IndexModel([("unit", ASCENDING), ("period", ASCENDING)]),),
)
_BUILT = "__built__"  # the marker document: the rollups hold every case, cut in zone `zone`

# What a case document must hold for `facts_of_doc`; writes project their prior state to it.
FACT_FIELDS: Document = {
    "orgUnitPath": 1,
    "createdAt": 1,
    "category": 1,
    "status": 1,
    "breachCount": 1,
    "rating.score": 1,
    "firstResponseAt": 1,
    "resolvedAt": 1,
}


def facts_of_doc(doc: Document) -> Facts:
    rating = doc.get("rating")
    return Facts(
        case_id=str(doc["_id"]),
        org_unit_path=tuple(doc["orgUnitPath"]),
        created_at=doc["createdAt"],
        category=doc["category"],
        status=Status(doc["status"]),
        breaches=doc.get("breachCount", 0),
        rating=rating["score"] if rating else None,
        first_response_at=doc.get("firstResponseAt"),
        resolved_at=doc.get("resolvedAt"),
    )


async def apply(
    db: Database,
    pairs: Iterable[tuple[Facts | None, Facts | None]],
    session: Session | None,
    tz: ZoneInfo,
) -> None:
    """Move the counters from each case's before to its after, in the caller's transaction."""
    increments = changes(pairs, tz)
    if not increments:
        return
    ops = [
        UpdateOne(
            {"_id": key.id},
            {
                "$inc": {f"c.{name}": value for name, value in counters.items()},
                "$setOnInsert": {"unit": key.unit, "period": key.period, "shard": key.shard},
            },
            upsert=True,
        )
        for key, counters in sorted(increments.items())  # one order: fewer deadlocked retries
    ]
    await db[COLLECTION].bulk_write(ops, session=session)


async def move(
    db: Database, org_unit_id: str, path: Sequence[str], session: Session, tz: ZoneInfo
) -> None:
    """The cases of a unit that moved leave their old ancestors' counters for the new ones'."""
    cursor = db["cases"].find(
        {"orgUnitId": org_unit_id, "orgUnitPath": {"$ne": list(path)}}, FACT_FIELDS, session=session
    )
    pairs = []
    async for doc in cursor:
        before = facts_of_doc(doc)
        pairs.append((before, replace(before, org_unit_path=tuple(path))))
    await apply(db, pairs, session, tz)


def _flatten(nested: Document, prefix: str = "") -> Counters:
    flat: Counters = {}
    for name, value in nested.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{name}."))
        else:
            flat[f"{prefix}{name}"] = int(value)
    return flat


def _nest(flat: Counters) -> Document:
    nested: Document = {}
    for name, value in flat.items():
        if not value:
            continue
        *parents, leaf = name.split(".")
        node = nested
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return nested


def read_query(unit: str, periods: Sequence[str]) -> Document:
    return {"unit": unit, "period": {"$in": list(periods)}}


def _add_nested(total: Document, part: Document) -> None:
    for name, value in part.items():
        if isinstance(value, dict):
            _add_nested(total.setdefault(name, {}), value)
        else:
            total[name] = total.get(name, 0) + value


async def read(db: Database, unit: str, periods: Sequence[str]) -> Counters:
    """The summed counters of a unit's subtree over whole days and months."""
    if not periods:
        return {}
    # Summed as stored (nested), named once at the end: a district-year is tens of documents
    # of a few hundred histogram buckets each.
    total: Document = {}
    async for doc in db[COLLECTION].find(read_query(unit, periods), {"_id": 0, "c": 1}):
        _add_nested(total, doc.get("c", {}))
    return _flatten(total)


def cases_in_pipeline(unit: str) -> list[Document]:
    """The unit's monthly rollups (`YYYY-MM`; the days, `YYYY-MM-DD`, count the same cases
    again), their `collected` counters summed."""
    return [
        {"$match": {"unit": unit, "period": {"$regex": r"^\d{4}-\d{2}$"}}},
        {"$group": {"_id": None, "n": {"$sum": "$c.collected"}}},
    ]


async def cases_in(db: Database, unit: str) -> int:
    """How many cases the unit's subtree holds, from its rollups."""
    async for doc in await db[COLLECTION].aggregate(cases_in_pipeline(unit)):
        return int(doc["n"])
    return 0


async def built_in(db: Database) -> str | None:
    """The zone the rollups were built in; "UTC" for those built before zones were recorded."""
    marker = await db[COLLECTION].find_one({"_id": _BUILT})
    return None if marker is None else str(marker.get("zone", "UTC"))


async def is_built(db: Database, tz: ZoneInfo) -> bool:
    return await built_in(db) == tz.key


# Databases whose rollups were seen built: a read path asks once, not on every request (the
# boot step builds them once; after that every case write keeps them current).
_SEEN_BUILT: set[tuple[int, str]] = set()


async def serve_reads(db: Database, tz: ZoneInfo) -> bool:
    """Whether reads may come from the rollups yet (false only until the boot step built them
    in this zone: rollups cut at another zone's midnights would put cases in the wrong days)."""
    key = (id(db.client), db.name)
    if key in _SEEN_BUILT:
        return True
    if await is_built(db, tz):
        _SEEN_BUILT.add(key)
        return True
    return False


async def rebuild(db: Database, tz: ZoneInfo, batch: int = 1000) -> int:
    """Recompute every rollup from the cases; returns the cases counted. Idempotent.

    Exact when no case changes while it runs (it is not one transaction: at a million cases
    it takes minutes); the boot step runs it only when the rollups were never built.
    """
    by_leaf: dict[tuple[tuple[str, ...], str, int], Counters] = {}
    counted = 0
    async for doc in db["cases"].find({}, FACT_FIELDS).batch_size(5000):
        facts = facts_of_doc(doc)
        day = day_of(facts.created_at, tz)
        leaf = by_leaf.setdefault((facts.org_unit_path, day, facts.shard), {})
        add(leaf, contribution(facts, tz))
        counted += 1
    rollups: dict[RollupKey, Counters] = {}
    for (path, day, shard), counters in by_leaf.items():
        for key in rollup_keys(path, day, shard):
            add(rollups.setdefault(key, {}), counters)
    collection = db[COLLECTION]
    await collection.delete_many({})
    docs: list[dict[str, Any]] = [
        {"_id": k.id, "unit": k.unit, "period": k.period, "shard": k.shard, "c": _nest(c)}
        for k, c in rollups.items()
    ]
    for start in range(0, len(docs), batch):
        await collection.insert_many(docs[start : start + batch], ordered=False)
    marker = {"_id": _BUILT, "at": datetime.now(UTC), "cases": counted, "zone": tz.key}
    await collection.insert_one(marker)
    log.info("case rollups rebuilt", extra={"cases": counted, "rollups": len(docs), "zone": tz.key})
    return counted


async def build_if_missing(db: Database, tz: ZoneInfo) -> None:
    """Boot step: the first start after rollups were introduced counts the existing cases, and
    so does the first start after BUSINESS_TIME_ZONE changed (days and months move)."""
    if not await is_built(db, tz):
        await rebuild(db, tz)
