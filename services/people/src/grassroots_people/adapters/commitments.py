"""MongoDB storage of commitments and the board figures of a subtree."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from grassroots_kit.cursors import Page
from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, IndexModel

from grassroots_people.adapters._paging import keyset_page
from grassroots_people.domain.commitments import Board, Commitment, CommitmentStatus
from grassroots_people.domain.ids import CommitmentId, OrgUnitId, PersonId

COLLECTION = "commitments"
INDEXES = Indexes(
    COLLECTION,
    (
        IndexModel([("orgUnitPath", ASCENDING), ("dueBy", ASCENDING), ("_id", ASCENDING)]),
        IndexModel([("status", ASCENDING), ("dueBy", ASCENDING)]),
        IndexModel([("personId", ASCENDING)]),
    ),
)


class CommitmentStore:
    def __init__(self, db: Database) -> None:
        self._commitments = db[COLLECTION]

    async def get(self, commitment_id: str, session: Session | None = None) -> Commitment | None:
        doc = await self._commitments.find_one({"_id": commitment_id}, session=session)
        return from_doc(doc) if doc else None

    async def insert(self, commitment: Commitment, session: Session) -> None:
        await self._commitments.insert_one(to_doc(commitment), session=session)

    async def save(self, commitment: Commitment, session: Session) -> None:
        await self._commitments.replace_one(
            {"_id": commitment.id}, to_doc(commitment), session=session
        )

    async def lapse_overdue(self, now: datetime) -> int:
        result = await self._commitments.update_many(
            # a claimed fulfilment waits for its confirmation instead of lapsing
            {"status": CommitmentStatus.PROMISED.value, "dueBy": {"$lt": now}, "claimedAt": None},
            {"$set": {"status": CommitmentStatus.LAPSED.value}},
        )
        return result.modified_count

    async def board(self, unit_id: str, now: datetime) -> Board:
        """Figures of the subtree; a promise past due counts as lapsed before the sweep."""
        lapsed = {
            "$or": [
                {"$eq": ["$status", CommitmentStatus.LAPSED.value]},
                {
                    "$and": [
                        {"$eq": ["$status", CommitmentStatus.PROMISED.value]},
                        {"$lt": ["$dueBy", now]},
                        {"$eq": [{"$ifNull": ["$claimedAt", None]}, None]},
                    ]
                },
            ]
        }
        fulfilled = {"$eq": ["$status", CommitmentStatus.FULFILLED.value]}
        pipeline: list[Document] = [
            {"$match": {"orgUnitPath": unit_id}},
            {
                "$group": {
                    "_id": None,
                    "made": {"$sum": 1},
                    "fulfilled": {"$sum": {"$cond": [fulfilled, 1, 0]}},
                    "lapsed": {"$sum": {"$cond": [lapsed, 1, 0]}},
                }
            },
        ]
        rows = [row async for row in await self._commitments.aggregate(pipeline)]
        if not rows:
            return Board(0, 0, 0)
        return Board(rows[0]["made"], rows[0]["fulfilled"], rows[0]["lapsed"])

    async def page(self, unit_id: str, first: int, after: Sequence[Any] | None) -> Page[Commitment]:
        return await keyset_page(
            self._commitments,
            {"orgUnitPath": unit_id},
            field="dueBy",
            first=first,
            after=after,
            from_doc=from_doc,
            dated=True,
        )


def to_doc(commitment: Commitment) -> Document:
    return {
        "_id": commitment.id,
        "personId": commitment.person_id,
        "text": commitment.text,
        "dueBy": commitment.due_by,
        "status": commitment.status.value,
        "fulfilledAt": commitment.fulfilled_at,
        "evidence": commitment.evidence,
        "orgUnitId": commitment.org_unit_id,
        "orgUnitPath": list(commitment.org_unit_path),
        "createdAt": commitment.created_at,
        "claimedAt": commitment.claimed_at,
        "confirmedBy": commitment.confirmed_by,
        "confirmedAt": commitment.confirmed_at,
    }


def from_doc(doc: Document) -> Commitment:
    return Commitment(
        id=CommitmentId(doc["_id"]),
        person_id=PersonId(doc["personId"]),
        text=doc["text"],
        due_by=doc["dueBy"],
        status=CommitmentStatus(doc["status"]),
        fulfilled_at=doc["fulfilledAt"],
        evidence=doc["evidence"],
        org_unit_id=OrgUnitId(doc["orgUnitId"]),
        org_unit_path=tuple(OrgUnitId(p) for p in doc["orgUnitPath"]),
        created_at=doc["createdAt"],
        claimed_at=doc.get("claimedAt"),
        confirmed_by=PersonId(doc["confirmedBy"]) if doc.get("confirmedBy") else None,
        confirmed_at=doc.get("confirmedAt"),
    )
