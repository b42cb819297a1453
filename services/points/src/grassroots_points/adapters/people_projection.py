"""The local copy of people's whereabouts and roles, kept from people's events.

No names or phone numbers: points needs only where a person belongs and what roles they hold.
"""

from __future__ import annotations

from collections.abc import Sequence

from grassroots_contracts.people_events import PersonSnapshot, RoleAssignment
from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, IndexModel

PEOPLE = "people"
ROLES = "roles"
INDEXES = (
    Indexes(PEOPLE, (IndexModel([("orgUnitPath", ASCENDING)]),)),
    Indexes(
        ROLES,
        (IndexModel([("role", ASCENDING), ("orgUnitPath", ASCENDING), ("active", ASCENDING)]),),
    ),
)


def person_projection(person: PersonSnapshot) -> tuple[str, int, Document]:
    """person.registered / person.moved → the person id, version and what points stores."""
    fields = {"orgUnitId": person.org_unit_id, "orgUnitPath": list(person.org_unit_path)}
    return person.id, person.version, fields


def role_projection(role: RoleAssignment, active: bool) -> tuple[str, Document]:
    """role.assigned / role.revoked → the assignment id and what points stores."""
    path = list(role.org_unit_path)
    fields = {"personId": role.person_id, "role": role.role, "orgUnitPath": path, "active": active}
    return role.id, fields


class PeopleProjection:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        # Bound to a transaction's session when built for one (handlers.ports), else none.
        self._session = session
        self._people = db[PEOPLE]
        self._roles = db[ROLES]

    async def home(self, person_id: str) -> tuple[str, ...]:
        doc = await self._people.find_one(
            {"_id": person_id}, {"orgUnitPath": 1}, session=self._session
        )
        return tuple(doc["orgUnitPath"]) if doc else ()

    async def record_role(self, assignment_id: str, fields: Document) -> None:
        # A revocation is final: an assignment that was revoked never becomes active again,
        # whatever order the two events arrive in.
        if fields["active"]:
            await self._roles.update_one(
                {"_id": assignment_id},
                {"$setOnInsert": fields},
                upsert=True,
                session=self._session,
            )
        else:
            await self._roles.update_one(
                {"_id": assignment_id}, {"$set": fields}, upsert=True, session=self._session
            )

    async def revoked_among(self, assignment_ids: Sequence[str]) -> set[str]:
        """The given assignments that have been revoked (one indexed query by `_id`)."""
        query = {"_id": {"$in": list(assignment_ids)}, "active": False}
        return {d["_id"] async for d in self._roles.find(query, {"_id": 1})}

    async def holders(self, role: str, within: str) -> set[str]:
        query = {"role": role, "orgUnitPath": within, "active": True}
        return {doc["personId"] async for doc in self._roles.find(query, {"personId": 1})}

    async def homes(self, person_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        query = {"_id": {"$in": list(person_ids)}}
        cursor = self._people.find(query, {"orgUnitPath": 1}, session=self._session)
        return {d["_id"]: tuple(d["orgUnitPath"]) async for d in cursor}
