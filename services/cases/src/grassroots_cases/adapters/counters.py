"""Sequences for case numbers, incremented inside the reporting transaction."""

from __future__ import annotations

from grassroots_kit.mongo import Database, Session
from pymongo import ReturnDocument

COLLECTION = "counters"


async def next_value(db: Database, key: str, session: Session, count: int = 1) -> int:
    """Reserve `count` values; returns the last (the first is the result - count + 1)."""
    doc = await db[COLLECTION].find_one_and_update(
        {"_id": key},
        {"$inc": {"value": count}},
        upsert=True,
        return_document=ReturnDocument.AFTER,
        session=session,
    )
    assert doc is not None
    return int(doc["value"])
