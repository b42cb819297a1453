"""The local copy of people's whereabouts and roles, kept from people's events.

No names or phone numbers: points needs only where a person belongs and what roles they hold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

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


def person_projection(data: Mapping[str, Any]) -> tuple[str, int, Document]:
    """person.registered / person.moved → what points stores (raises ValueError if malformed)."""
    try:
        person_id, version = data["id"], data["version"]
        unit_id, path = data["orgUnitId"], data["orgUnitPath"]
    except KeyError as exc:
        raise ValueError(f"missing field {exc.args[0]!r}") from None
    if not isinstance(person_id, str) or not person_id:
        raise ValueError("id must be a non-empty string")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError("version must be a positive integer")
    if not isinstance(path, list) or not all(isinstance(p, str) for p in path):
        raise ValueError("orgUnitPath must be a list of ids")
    return person_id, version, {"orgUnitId": unit_id, "orgUnitPath": path}


def role_projection(data: Mapping[str, Any], active: bool) -> tuple[str, Document]:
    """role.assigned / role.revoked → the assignment id and what points stores."""
    try:
        assignment_id, person_id, role = data["id"], data["personId"], data["role"]
        path = data["orgUnitPath"]
    except KeyError as exc:
        raise ValueError(f"missing field {exc.args[0]!r}") from None
    if not all(isinstance(x, str) and x for x in (assignment_id, person_id, role)):
        raise ValueError("id, personId and role must be non-empty strings")
    if not isinstance(path, list) or not all(isinstance(p, str) for p in path):
        raise ValueError("orgUnitPath must be a list of ids")
    fields = {"personId": person_id, "role": role, "orgUnitPath": path, "active": active}
    return assignment_id, fields


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
