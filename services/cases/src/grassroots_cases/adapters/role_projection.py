"""The local copy of people's role assignments: who serves which part of the ladder.

Fed by `role.assigned` and `role.revoked`. Either may arrive first or twice: a revocation
is kept even when it overtakes the assignment, and an assignment never clears it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, IndexModel

COLLECTION = "role_assignments"
INDEXES = Indexes(
    COLLECTION,
    (
        IndexModel([("orgUnitId", ASCENDING), ("role", ASCENDING)]),
        IndexModel([("personId", ASCENDING)]),
        IndexModel([("organizationId", ASCENDING)], sparse=True),
    ),
)


@dataclass(frozen=True)
class Assignment:
    id: str
    person_id: str
    role: str
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    organization_id: str | None


class RoleProjection:
    def __init__(self, db: Database) -> None:
        self._roles = db[COLLECTION]

    async def assigned(self, a: Assignment, data: Mapping[str, Any], session: Session) -> None:
        await self._roles.update_one(
            {"_id": a.id},
            {
                "$set": {
                    "personId": a.person_id,
                    "role": a.role,
                    "orgUnitId": a.org_unit_id,
                    "orgUnitPath": list(a.org_unit_path),
                    "organizationId": a.organization_id,
                    "since": data.get("since"),
                    "until": data.get("until"),
                },
                "$setOnInsert": {"revokedAt": None},
            },
            upsert=True,
            session=session,
        )

    async def revoked(self, a: Assignment, data: Mapping[str, Any], session: Session) -> None:
        await self._roles.update_one(
            {"_id": a.id},
            {
                "$set": {
                    "personId": a.person_id,
                    "role": a.role,
                    "orgUnitId": a.org_unit_id,
                    "orgUnitPath": list(a.org_unit_path),
                    "organizationId": a.organization_id,
                    "revokedAt": data.get("revokedAt") or "revoked",
                }
            },
            upsert=True,
            session=session,
        )

    async def move_org_unit(
        self, org_unit_id: str, path_with_self: list[str], session: Session
    ) -> None:
        await self._roles.update_many(
            {"orgUnitId": org_unit_id},
            {"$set": {"orgUnitPath": path_with_self}},
            session=session,
        )

    async def active_over(
        self, path_with_self: Iterable[str], session: Session | None = None
    ) -> list[Assignment]:
        """Active assignments whose unit is the given one or one of its ancestors."""
        query: Document = {"orgUnitId": {"$in": list(path_with_self)}, "revokedAt": None}
        return [_assignment(d) async for d in self._roles.find(query, session=session)]

    async def of_person_over(
        self, person_id: str, path_with_self: Iterable[str], session: Session | None = None
    ) -> list[Assignment]:
        query: Document = {
            "personId": person_id,
            "orgUnitId": {"$in": list(path_with_self)},
            "revokedAt": None,
        }
        return [_assignment(d) async for d in self._roles.find(query, session=session)]

    async def revoked_among(self, assignment_ids: Sequence[str]) -> set[str]:
        """The given assignments that have been revoked (one indexed query by `_id`)."""
        query: Document = {"_id": {"$in": list(assignment_ids)}, "revokedAt": {"$ne": None}}
        return {d["_id"] async for d in self._roles.find(query, {"_id": 1})}

    async def organization_known(self, organization_id: str) -> bool:
        found = await self._roles.find_one({"organizationId": organization_id, "revokedAt": None})
        return found is not None


def _assignment(doc: Document) -> Assignment:
    return Assignment(
        id=doc["_id"],
        person_id=doc["personId"],
        role=doc["role"],
        org_unit_id=doc["orgUnitId"],
        org_unit_path=tuple(doc.get("orgUnitPath", [])),
        organization_id=doc.get("organizationId"),
    )
