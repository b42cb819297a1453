"""MongoDB storage of households."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from grassroots_kit.cursors import Page
from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, IndexModel

from grassroots_people.adapters._paging import keyset_page
from grassroots_people.domain.care import CareLevel
from grassroots_people.domain.ids import HouseholdId, OrgUnitId
from grassroots_people.domain.listing import HouseholdQuery
from grassroots_people.domain.people import Household

COLLECTION = "households"
INDEXES = Indexes(
    COLLECTION,
    (
        IndexModel([("orgUnitPath", ASCENDING), ("address", ASCENDING), ("_id", ASCENDING)]),
        IndexModel([("orgUnitPath", ASCENDING), ("nextVisitDue", ASCENDING), ("_id", ASCENDING)]),
        IndexModel([("orgUnitId", ASCENDING)]),
    ),
)


def _filter(query: HouseholdQuery) -> Document:
    conditions: list[Document] = []
    if query.within is not None:
        conditions.append({"orgUnitPath": query.within})
    if query.scope is not None:
        conditions.append({"orgUnitPath": {"$in": list(query.scope)}})
    if query.care_level is not None:
        conditions.append({"careLevel": query.care_level.value})
    if query.overdue_at is not None:
        conditions.append({"nextVisitDue": {"$ne": None, "$lte": query.overdue_at}})
    if query.address is not None:
        conditions.append({"address": query.address})
    return {"$and": conditions} if conditions else {}


class HouseholdStore:
    def __init__(self, db: Database) -> None:
        self._households = db[COLLECTION]

    async def get(self, household_id: str, session: Session | None = None) -> Household | None:
        doc = await self._households.find_one({"_id": household_id}, session=session)
        return from_doc(doc) if doc else None

    async def get_many(self, ids: Iterable[str]) -> dict[str, Household]:
        return {
            doc["_id"]: from_doc(doc)
            async for doc in self._households.find({"_id": {"$in": list(set(ids))}})
        }

    async def insert_many(self, households: Sequence[Household], session: Session) -> None:
        await self._households.insert_many([to_doc(h) for h in households], session=session)

    async def count_visit_logged(self, household_id: str, session: Session) -> None:
        """A write on the household in the logging transaction: two visits logged to it at
        once conflict, so the second one's duplicate check sees the first."""
        await self._households.update_one(
            {"_id": household_id}, {"$inc": {"visitsLogged": 1}}, session=session
        )

    async def save(self, household: Household, session: Session) -> None:
        await self._households.replace_one(
            {"_id": household.id}, to_doc(household), session=session
        )

    async def count_in_unit(self, unit_id: str, session: Session) -> int:
        return await self._households.count_documents({"orgUnitId": unit_id}, session=session)

    async def ids_in_unit(self, unit_id: str, session: Session) -> set[str]:
        return {
            doc["_id"]
            async for doc in self._households.find(
                {"orgUnitId": unit_id}, {"_id": 1}, session=session
            )
        }

    async def page(
        self, query: HouseholdQuery, first: int, after: Sequence[Any] | None
    ) -> Page[Household]:
        by_due = query.overdue_at is not None
        return await keyset_page(
            self._households,
            _filter(query),
            field="nextVisitDue" if by_due else "address",
            first=first,
            after=after,
            from_doc=from_doc,
            dated=by_due,
        )


def to_doc(household: Household) -> Document:
    return {
        "_id": household.id,
        "address": household.address,
        "orgUnitId": household.org_unit_id,
        "orgUnitPath": list(household.org_unit_path),
        "careLevel": household.care_level.value,
        "needs": list(household.needs),
        "careSince": household.care_since,
        "lastVisitAt": household.last_visit_at,
        "nextVisitDue": household.next_visit_due,
        "createdAt": household.created_at,
    }


def from_doc(doc: Document) -> Household:
    return Household(
        id=HouseholdId(doc["_id"]),
        address=doc["address"],
        org_unit_id=OrgUnitId(doc["orgUnitId"]),
        org_unit_path=tuple(OrgUnitId(p) for p in doc["orgUnitPath"]),
        care_level=CareLevel(doc["careLevel"]),
        needs=tuple(doc["needs"]),
        care_since=doc["careSince"],
        last_visit_at=doc["lastVisitAt"],
        next_visit_due=doc["nextVisitDue"],
        created_at=doc["createdAt"],
    )
