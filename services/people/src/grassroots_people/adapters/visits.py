"""MongoDB storage of visits."""

from __future__ import annotations

from datetime import datetime, timedelta

from grassroots_kit.geo import GeoPoint
from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, DESCENDING, GEOSPHERE, IndexModel

from grassroots_people.domain.care import CareLevel
from grassroots_people.domain.ids import HouseholdId, OrgUnitId, PersonId, VisitId
from grassroots_people.domain.visits import Visit

COLLECTION = "visits"
INDEXES = Indexes(
    COLLECTION,
    (
        IndexModel([("householdId", ASCENDING), ("at", DESCENDING)]),
        IndexModel([("visitorId", ASCENDING), ("at", DESCENDING)]),
        IndexModel([("visitorId", ASCENDING), ("householdId", ASCENDING), ("at", ASCENDING)]),
        IndexModel([("location", GEOSPHERE)]),  # visits on the map (docs/places.md)
    ),
)


class VisitStore:
    def __init__(self, db: Database) -> None:
        self._visits = db[COLLECTION]

    async def get(self, visit_id: str, session: Session | None = None) -> Visit | None:
        doc = await self._visits.find_one({"_id": visit_id}, session=session)
        return _visit(doc) if doc else None

    async def times_near(
        self, visitor_id: str, household_id: str, at: datetime, window: timedelta, session: Session
    ) -> list[datetime]:
        """When the visitor's other visits to the household within `window` of `at` were."""
        cursor = self._visits.find(
            {
                "visitorId": visitor_id,
                "householdId": household_id,
                "at": {"$gt": at - window, "$lt": at + window},
            },
            {"at": 1},
            session=session,
        )
        return [doc["at"] async for doc in cursor]

    async def insert(self, visit: Visit, session: Session) -> None:
        await self._visits.insert_one(_doc(visit), session=session)

    async def save(self, visit: Visit, session: Session) -> None:
        await self._visits.replace_one({"_id": visit.id}, _doc(visit), session=session)


def _doc(visit: Visit) -> Document:
    return {
        "_id": visit.id,
        "householdId": visit.household_id,
        "visitorId": visit.visitor_id,
        "at": visit.at,
        "notes": visit.notes,
        "careLevel": visit.care_level.value,
        "orgUnitId": visit.org_unit_id,
        "orgUnitPath": list(visit.org_unit_path),
        "confirmedBy": visit.confirmed_by,
        "confirmedAt": visit.confirmed_at,
        # a GeoJSON Point ([lng, lat]) under the 2dsphere index; absent when not placed
        **(
            {"location": visit.location.to_geojson(), "locationAccuracy": visit.location.accuracy_m}
            if visit.location
            else {}
        ),
        **({"photoIds": list(visit.photo_ids)} if visit.photo_ids else {}),
    }


def _visit(doc: Document) -> Visit:
    return Visit(
        id=VisitId(doc["_id"]),
        household_id=HouseholdId(doc["householdId"]),
        visitor_id=PersonId(doc["visitorId"]),
        at=doc["at"],
        notes=doc["notes"],
        care_level=CareLevel(doc["careLevel"]),
        org_unit_id=OrgUnitId(doc["orgUnitId"]),
        org_unit_path=tuple(OrgUnitId(p) for p in doc["orgUnitPath"]),
        confirmed_by=PersonId(doc["confirmedBy"]) if doc.get("confirmedBy") else None,
        confirmed_at=doc.get("confirmedAt"),
        location=(
            GeoPoint.from_geojson(doc["location"], doc.get("locationAccuracy"))
            if doc.get("location")
            else None
        ),
        photo_ids=tuple(doc.get("photoIds", ())),
    )
