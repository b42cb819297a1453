"""What points remembers of the cases it rewarded: each closing, and who took each order.

A closing is keyed by (case, closure). A reopening of a closing that has not arrived yet leaves
a REOPENED mark, so the late `case.closed` awards nothing: the outcome does not depend on the
order in which the two events are delivered.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, IndexModel, UpdateOne

from grassroots_points.domain.closures import ClosureState
from grassroots_points.domain.ids import PersonId
from grassroots_points.domain.occasions import CaseClosed

CLOSURES = "closures"
ORDERS = "orders"
INDEXES = (
    Indexes(
        CLOSURES,
        (
            IndexModel(
                [("handlers.personId", ASCENDING), ("closedAt", ASCENDING), ("state", ASCENDING)]
            ),
        ),
    ),
)


class CasesSeen:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        # Bound to a transaction's session when built for one (handlers.ports), else none.
        self._session = session
        self._closures = db[CLOSURES]
        self._orders = db[ORDERS]

    async def closure_state(self, case_id: str, closure: int) -> ClosureState | None:
        doc = await self._closures.find_one({"_id": _key(case_id, closure)}, session=self._session)
        return ClosureState(doc["state"]) if doc else None

    async def closure_states(
        self, closings: Sequence[tuple[str, int]]
    ) -> dict[tuple[str, int], ClosureState]:
        """The state of each (case, closure) points has seen; unseen ones are left out."""
        keys = {_key(case_id, closure): (case_id, closure) for case_id, closure in closings}
        cursor = self._closures.find(
            {"_id": {"$in": list(keys)}}, {"state": 1}, session=self._session
        )
        return {keys[doc["_id"]]: ClosureState(doc["state"]) async for doc in cursor}

    async def record_closed(self, closed: CaseClosed, event_id: str, at: datetime) -> None:
        await self.record_closings([(closed, event_id, at)])

    async def record_closings(self, closings: Sequence[tuple[CaseClosed, str, datetime]]) -> None:
        """Remember each closing (with the event that announced it), in one round trip."""
        if not closings:
            return
        await self._closures.bulk_write(
            [
                UpdateOne(
                    {"_id": _key(closed.case_id, closed.closure)},
                    {
                        "$set": {
                            "caseId": closed.case_id,
                            "closure": closed.closure,
                            "state": ClosureState.CLOSED.value,
                            "eventId": event_id,
                            "handlers": [
                                {"personId": h.person_id, "role": h.role} for h in closed.handlers
                            ],
                            "orgUnitPath": list(closed.org_unit_path),
                            "closedAt": closed.closed_at or at,
                        }
                    },
                    upsert=True,
                )
                for closed, event_id, at in closings
            ],
            session=self._session,
        )

    async def record_reopened(self, case_id: str, closure: int) -> None:
        await self._closures.update_one(
            {"_id": _key(case_id, closure)},
            {
                "$set": {"state": ClosureState.REOPENED.value},
                "$setOnInsert": {"caseId": case_id, "closure": closure, "handlers": []},
            },
            upsert=True,
            session=self._session,
        )

    async def record_taker(self, case_id: str, taker: PersonId) -> None:
        await self._orders.update_one(
            {"_id": case_id}, {"$set": {"takerId": taker}}, upsert=True, session=self._session
        )

    async def taker(self, case_id: str) -> PersonId | None:
        return (await self.takers([case_id])).get(case_id)

    async def takers(self, case_ids: Sequence[str]) -> dict[str, PersonId]:
        """Who took each of these cases' orders, for those that were orders."""
        cursor = self._orders.find({"_id": {"$in": list(case_ids)}}, session=self._session)
        return {doc["_id"]: PersonId(doc["takerId"]) async for doc in cursor if doc.get("takerId")}

    async def handled_counts(
        self, person_ids: Sequence[str], since: datetime, until: datetime
    ) -> dict[str, int]:
        """Closings that stand (not reopened) each person handled in a period."""
        pipeline: list[Document] = [
            {
                "$match": {
                    "handlers.personId": {"$in": list(person_ids)},
                    "closedAt": {"$gte": since, "$lt": until},
                    "state": ClosureState.CLOSED.value,
                }
            },
            {"$unwind": "$handlers"},
            {"$match": {"handlers.personId": {"$in": list(person_ids)}}},
            {"$group": {"_id": "$handlers.personId", "cases": {"$addToSet": "$caseId"}}},
            {"$project": {"count": {"$size": "$cases"}}},
        ]
        cursor = await self._closures.aggregate(pipeline)
        return {row["_id"]: int(row["count"]) async for row in cursor}

    async def chiefs_who_handled(
        self, role: str, within: str, since: datetime, until: datetime
    ) -> set[str]:
        query = {
            "orgUnitPath": within,
            "closedAt": {"$gte": since, "$lt": until},
            "handlers": {"$elemMatch": {"role": role}},
        }
        found: set[str] = set()
        async for doc in self._closures.find(query, {"handlers": 1}):
            found.update(h["personId"] for h in doc["handlers"] if h.get("role") == role)
        return found


def _key(case_id: str, closure: int) -> str:
    return f"{case_id}:{closure}"
