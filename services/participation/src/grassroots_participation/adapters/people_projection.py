"""The local copy of people's residents and roles, kept from people's events.

No names or phone numbers: participation needs only which household a person belongs to, where
they live (to check a representative and who may read a unit's meetings) and which role
assignments were revoked (to refuse a revoked grant while its token lives).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from grassroots_contracts.people_events import PersonSnapshot, RoleAssignment
from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, IndexModel

from grassroots_participation.domain.residents import Resident

PEOPLE = "people"
ROLES = "roles"
INDEXES = (
    Indexes(PEOPLE, (IndexModel([("householdId", ASCENDING)]),)),
    Indexes(ROLES, (IndexModel([("personId", ASCENDING), ("active", ASCENDING)]),)),
)


def person_projection(person: PersonSnapshot) -> tuple[str, int, Document]:
    """person.registered / person.moved / person.updated → id, version and what is stored."""
    fields = {
        "householdId": person.household_id,
        "orgUnitId": person.org_unit_id,
        "orgUnitPath": list(person.org_unit_path),
    }
    return person.id, person.version, fields


def role_projection(role: RoleAssignment, active: bool) -> tuple[str, Document]:
    """role.assigned / role.revoked → the assignment id and what is stored."""
    fields = {"personId": role.person_id, "role": role.role, "active": active}
    return role.id, fields


def _resident(doc: dict[str, Any]) -> Resident:
    return Resident(
        person_id=str(doc["_id"]),
        household_id=doc.get("householdId"),
        home_path=tuple(str(p) for p in doc.get("orgUnitPath") or ()),
    )


class PeopleProjection:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        self._session = session
        self._people = db[PEOPLE]
        self._roles = db[ROLES]

    async def get(self, person_id: str) -> Resident | None:
        doc = await self._people.find_one({"_id": person_id}, session=self._session)
        return _resident(doc) if doc else None

    async def get_many(self, person_ids: Sequence[str]) -> dict[str, Resident]:
        query = {"_id": {"$in": list(set(person_ids))}}
        return {
            d["_id"]: _resident(d) async for d in self._people.find(query, session=self._session)
        }

    async def record_role(self, assignment_id: str, fields: Document) -> None:
        # A revocation is final, whatever order the two events arrive in.
        update = {"$setOnInsert": fields} if fields["active"] else {"$set": fields}
        await self._roles.update_one(
            {"_id": assignment_id}, update, upsert=True, session=self._session
        )

    async def revoked_among(self, assignment_ids: Sequence[str]) -> set[str]:
        """The given assignments that have been revoked (one indexed query by `_id`)."""
        query = {"_id": {"$in": list(assignment_ids)}, "active": False}
        return {d["_id"] async for d in self._roles.find(query, {"_id": 1})}
