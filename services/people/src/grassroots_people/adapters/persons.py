"""MongoDB storage of people."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from grassroots_kit.cursors import Page
from grassroots_kit.errors import Conflict
from grassroots_kit.i18n import msg
from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, IndexModel, UpdateOne
from pymongo.errors import BulkWriteError, DuplicateKeyError

from grassroots_people.adapters._paging import keyset_page
from grassroots_people.domain.ids import HouseholdId, OrgUnitId, PersonId
from grassroots_people.domain.listing import PersonQuery
from grassroots_people.domain.names import key_prefix, search_keys
from grassroots_people.domain.people import Person

COLLECTION = "persons"
# Names sort in pinyin order (ICU's Chinese collation), in lists and in their keyset cursors.
NAME_ORDER: Document = {"locale": "zh"}
INDEXES = Indexes(
    COLLECTION,
    (
        IndexModel(
            [("phone", ASCENDING)],
            unique=True,
            partialFilterExpression={"phone": {"$type": "string"}},
        ),
        IndexModel([("orgUnitPath", ASCENDING), ("name", ASCENDING), ("_id", ASCENDING)]),
        # The same keys in pinyin order: what the people list sorts and pages by.
        IndexModel(
            [("orgUnitPath", ASCENDING), ("name", ASCENDING), ("_id", ASCENDING)],
            collation=NAME_ORDER,
            name="orgUnitPath_name_id_zh",
        ),
        IndexModel([("householdId", ASCENDING)]),
        # nameStartsWith by pinyin or initials: an anchored regex on the keys.
        IndexModel([("nameKeys", ASCENDING)]),
    ),
)


def _filter(query: PersonQuery) -> Document:
    conditions: list[Document] = []
    if query.within is not None:
        conditions.append({"orgUnitPath": query.within})
    if query.scope is not None:
        conditions.append({"orgUnitPath": {"$in": list(query.scope)}})
    if query.name_prefix:
        by_name: Document = {"name": {"$regex": f"^{re.escape(query.name_prefix)}"}}
        prefix = key_prefix(query.name_prefix)
        if prefix is None:
            conditions.append(by_name)
        else:
            # The name as written, or its pinyin ("zhangsan") or initials ("zs").
            by_keys = {"nameKeys": {"$regex": f"^{re.escape(prefix)}"}}
            conditions.append({"$or": [by_name, by_keys]})
    if query.phone_prefix:
        conditions.append({"phone": {"$regex": f"^{re.escape(query.phone_prefix)}"}})
    if query.household_id is not None:
        conditions.append({"householdId": query.household_id})
    if query.party_member is not None:
        conditions.append({"partyMember": query.party_member})
    return {"$and": conditions} if conditions else {}


class PersonStore:
    def __init__(self, db: Database) -> None:
        self._persons = db[COLLECTION]

    async def get(self, person_id: str, session: Session | None = None) -> Person | None:
        doc = await self._persons.find_one({"_id": person_id}, session=session)
        return from_doc(doc) if doc else None

    async def by_phone(self, phone: str, session: Session | None = None) -> Person | None:
        doc = await self._persons.find_one({"phone": phone}, session=session)
        return from_doc(doc) if doc else None

    async def get_many(self, ids: Iterable[str]) -> dict[str, Person]:
        return {
            doc["_id"]: from_doc(doc)
            async for doc in self._persons.find({"_id": {"$in": list(set(ids))}})
        }

    async def in_households(self, household_ids: Iterable[str]) -> dict[str, list[Person]]:
        members: dict[str, list[Person]] = {}
        cursor = self._persons.find({"householdId": {"$in": list(set(household_ids))}})
        async for doc in cursor.sort([("name", 1), ("_id", 1)]).collation(NAME_ORDER):
            members.setdefault(doc["householdId"], []).append(from_doc(doc))
        return members

    async def insert_many(self, people: Sequence[Person], session: Session) -> None:
        try:
            await self._persons.insert_many([to_doc(p) for p in people], session=session)
        except (DuplicateKeyError, BulkWriteError):
            raise Conflict(
                msg("a person with this phone number is already registered"), field="phone"
            ) from None

    async def save(self, person: Person, session: Session) -> None:
        try:
            await self._persons.replace_one({"_id": person.id}, to_doc(person), session=session)
        except DuplicateKeyError:
            raise Conflict(
                msg("a person with this phone number is already registered"), field="phone"
            ) from None

    async def page(
        self, query: PersonQuery, first: int, after: Sequence[Any] | None
    ) -> Page[Person]:
        return await keyset_page(
            self._persons,
            _filter(query),
            field="name",
            first=first,
            after=after,
            from_doc=from_doc,
            collation=NAME_ORDER,
        )

    async def backfill_search_keys(self, batch: int = 500) -> int:
        """Give the name search keys to documents written before they existed; returns how many.

        Idempotent and cheap once done (the filter finds nothing), so it runs at every start.
        """
        done = 0
        while True:
            docs = await self._persons.find({"nameKeys": {"$exists": False}}, {"name": 1}).to_list(
                batch
            )
            if not docs:
                return done
            await self._persons.bulk_write(
                [
                    UpdateOne(
                        {"_id": d["_id"], "nameKeys": {"$exists": False}},
                        {"$set": {"nameKeys": search_keys(d["name"])}},
                    )
                    for d in docs
                ]
            )
            done += len(docs)


def to_doc(person: Person) -> Document:
    return {
        "_id": person.id,
        "name": person.name,
        "nameKeys": search_keys(person.name),
        "phone": person.phone,
        "householdId": person.household_id,
        "orgUnitId": person.org_unit_id,
        "orgUnitPath": list(person.org_unit_path),
        "partyMember": person.party_member,
        "version": person.version,
        "createdAt": person.created_at,
    }


def from_doc(doc: Document) -> Person:
    return Person(
        id=PersonId(doc["_id"]),
        name=doc["name"],
        phone=doc.get("phone"),
        household_id=HouseholdId(doc["householdId"]) if doc.get("householdId") else None,
        org_unit_id=OrgUnitId(doc["orgUnitId"]) if doc.get("orgUnitId") else None,
        org_unit_path=tuple(OrgUnitId(p) for p in doc.get("orgUnitPath", [])),
        party_member=bool(doc["partyMember"]),
        version=int(doc["version"]),
        created_at=doc["createdAt"],
    )
