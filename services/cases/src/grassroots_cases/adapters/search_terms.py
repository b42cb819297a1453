"""The search terms of cases stored before text search: written once, at start.

Every write of a case stores its terms (`case_documents.to_doc`); cases written earlier have
none and would never match. `backfill` gives them theirs. It is idempotent and safe with
several replicas starting at once or with writes going on: it reads only cases with no terms
(on the searchTerms index, where a missing field is a null key) and sets them only where
they are still missing, so a case edited meanwhile keeps what its edit stored.
"""

from __future__ import annotations

from grassroots_kit.mongo import Database, Document
from pymongo import UpdateOne

from grassroots_cases.adapters.cases import COLLECTION
from grassroots_cases.domain.search import search_terms

BATCH = 500
MISSING: Document = {"searchTerms": None}


async def backfill(db: Database) -> int:
    """Store the search terms of every case that has none; how many were given theirs."""
    cases = db[COLLECTION]
    done = 0
    while True:
        docs = [
            doc async for doc in cases.find(MISSING, {"title": 1, "description": 1}).limit(BATCH)
        ]
        if not docs:
            return done
        result = await cases.bulk_write(
            [
                UpdateOne(
                    {"_id": doc["_id"], **MISSING},
                    {
                        "$set": {
                            "searchTerms": search_terms(doc["title"], doc.get("description", ""))
                        }
                    },
                )
                for doc in docs
            ],
            ordered=False,
        )
        done += result.modified_count
        if result.modified_count == 0:
            return done  # someone else is writing them: they will finish
