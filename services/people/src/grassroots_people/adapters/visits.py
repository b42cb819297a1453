"""MongoDB storage of visits."""

from __future__ import annotations

from grassroots_kit.mongo import Database, Indexes, Session
from pymongo import ASCENDING, DESCENDING, IndexModel

from grassroots_people.domain.visits import Visit

COLLECTION = "visits"
INDEXES = Indexes(
    COLLECTION,
    (
        IndexModel([("householdId", ASCENDING), ("at", DESCENDING)]),
        IndexModel([("visitorId", ASCENDING), ("at", DESCENDING)]),
    ),
)


class VisitStore:
    def __init__(self, db: Database) -> None:
        self._visits = db[COLLECTION]

    async def insert(self, visit: Visit, session: Session) -> None:
        await self._visits.insert_one(
            {
                "_id": visit.id,
                "householdId": visit.household_id,
                "visitorId": visit.visitor_id,
                "at": visit.at,
                "notes": visit.notes,
                "careLevel": visit.care_level.value,
                "orgUnitId": visit.org_unit_id,
                "orgUnitPath": list(visit.org_unit_path),
            },
            session=session,
        )
