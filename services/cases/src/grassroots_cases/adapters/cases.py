"""MongoDB storage of cases (reads used by the graph)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from grassroots_kit.graphql.connections import Page
from grassroots_kit.mongo import Database, Document, Indexes
from pymongo import ASCENDING, DESCENDING, IndexModel

COLLECTION = "cases"
INDEXES = Indexes(
    COLLECTION,
    (
        # `orgUnitPath` holds the case's org unit and all its ancestors: one index answers
        # "every case in this subtree", newest first.
        IndexModel([("orgUnitPath", ASCENDING), ("createdAt", DESCENDING), ("_id", DESCENDING)]),
    ),
)


class CaseReader:
    def __init__(self, db: Database) -> None:
        self._cases = db[COLLECTION]

    async def page_in_subtree(
        self, org_unit_id: str, first: int, after: Sequence[Any] | None
    ) -> Page[Document]:
        base: Document = {"orgUnitPath": org_unit_id}
        query = dict(base)
        if after is not None:
            created, last_id = after[0], str(after[1])
            query["$or"] = [
                {"createdAt": {"$lt": created}},
                {"createdAt": created, "_id": {"$lt": last_id}},
            ]
        cursor = self._cases.find(query).sort([("createdAt", -1), ("_id", -1)]).limit(first + 1)
        docs = [doc async for doc in cursor]
        return Page(
            items=docs[:first],
            has_next=len(docs) > first,
            has_previous=after is not None,
            total_count=await self._cases.count_documents(base),
        )
