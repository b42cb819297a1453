"""MongoDB storage of role assignments."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, IndexModel

from grassroots_people.domain.ids import OrganizationId, OrgUnitId, PersonId, RoleAssignmentId
from grassroots_people.domain.roles import Election, Role, RoleAssignment

COLLECTION = "role_assignments"
INDEXES = Indexes(
    COLLECTION,
    (
        IndexModel([("personId", ASCENDING), ("revokedAt", ASCENDING)]),
        IndexModel([("orgUnitId", ASCENDING), ("revokedAt", ASCENDING)]),
        IndexModel([("orgUnitPath", ASCENDING)]),
        IndexModel([("organizationId", ASCENDING)], sparse=True),
    ),
)


def _active(now: datetime) -> Document:
    return {
        "revokedAt": None,
        "since": {"$lte": now},
        "$or": [{"until": None}, {"until": {"$gt": now}}],
    }


class RoleStore:
    def __init__(self, db: Database) -> None:
        self._roles = db[COLLECTION]

    async def get(
        self, assignment_id: str, session: Session | None = None
    ) -> RoleAssignment | None:
        doc = await self._roles.find_one({"_id": assignment_id}, session=session)
        return from_doc(doc) if doc else None

    async def insert(self, assignment: RoleAssignment, session: Session) -> None:
        await self._roles.insert_one(to_doc(assignment), session=session)

    async def save(self, assignment: RoleAssignment, session: Session) -> None:
        await self._roles.replace_one({"_id": assignment.id}, to_doc(assignment), session=session)

    async def active_for(
        self, person_id: str, now: datetime, session: Session | None = None
    ) -> list[RoleAssignment]:
        docs = self._roles.find({"personId": person_id, **_active(now)}, session=session)
        return [from_doc(d) async for d in docs.sort([("since", 1), ("_id", 1)])]

    async def active_for_many(
        self, person_ids: Iterable[str], now: datetime
    ) -> dict[str, list[RoleAssignment]]:
        found: dict[str, list[RoleAssignment]] = {}
        docs = self._roles.find({"personId": {"$in": list(set(person_ids))}, **_active(now)})
        async for doc in docs.sort([("since", 1), ("_id", 1)]):
            found.setdefault(doc["personId"], []).append(from_doc(doc))
        return found

    async def revoked_among(self, assignment_ids: Sequence[str]) -> set[str]:
        """The given assignments that have been revoked (one indexed query by `_id`)."""
        query: Document = {"_id": {"$in": list(assignment_ids)}, "revokedAt": {"$ne": None}}
        return {d["_id"] async for d in self._roles.find(query, {"_id": 1})}

    async def holding(
        self,
        role: Role,
        org_unit_id: str,
        now: datetime,
        session: Session | None,
        *,
        person_id: str | None = None,
        organization_id: str | None = None,
    ) -> list[RoleAssignment]:
        query: Document = {"role": role.value, "orgUnitId": org_unit_id, **_active(now)}
        if person_id is not None:
            query["personId"] = person_id
            query["organizationId"] = organization_id
        return [from_doc(d) async for d in self._roles.find(query, session=session)]

    async def serving(
        self, path_with_self: Sequence[str], roles: Sequence[Role], now: datetime
    ) -> list[RoleAssignment]:
        query = {
            "orgUnitId": {"$in": list(path_with_self)},
            "role": {"$in": [r.value for r in roles]},
            **_active(now),
        }
        return [from_doc(d) async for d in self._roles.find(query)]

    async def in_organizations(
        self, organization_ids: Iterable[str], now: datetime
    ) -> dict[str, list[RoleAssignment]]:
        found: dict[str, list[RoleAssignment]] = {}
        query = {"organizationId": {"$in": list(set(organization_ids))}, **_active(now)}
        async for doc in self._roles.find(query).sort([("since", 1), ("_id", 1)]):
            found.setdefault(doc["organizationId"], []).append(from_doc(doc))
        return found


def to_doc(assignment: RoleAssignment) -> Document:
    election = assignment.election
    return {
        "_id": assignment.id,
        "personId": assignment.person_id,
        "role": assignment.role.value,
        "orgUnitId": assignment.org_unit_id,
        "orgUnitPath": list(assignment.org_unit_path),
        "organizationId": assignment.organization_id,
        "since": assignment.since,
        "until": assignment.until,
        "revokedAt": assignment.revoked_at,
        "election": {
            "heldOn": election.held_on.isoformat(),
            "householdsVoting": election.households_voting,
            "householdsTotal": election.households_total,
        }
        if election
        else None,
        "grantedBy": assignment.granted_by,
        "revokedBy": assignment.revoked_by,
    }


def from_doc(doc: Document) -> RoleAssignment:
    raw_election = doc.get("election")
    return RoleAssignment(
        id=RoleAssignmentId(doc["_id"]),
        person_id=PersonId(doc["personId"]),
        role=Role(doc["role"]),
        org_unit_id=OrgUnitId(doc["orgUnitId"]),
        org_unit_path=tuple(OrgUnitId(p) for p in doc["orgUnitPath"]),
        organization_id=OrganizationId(doc["organizationId"]) if doc["organizationId"] else None,
        since=doc["since"],
        until=doc["until"],
        revoked_at=doc["revokedAt"],
        election=Election(
            held_on=date.fromisoformat(raw_election["heldOn"]),
            households_voting=raw_election["householdsVoting"],
            households_total=raw_election["householdsTotal"],
        )
        if raw_election
        else None,
        granted_by=PersonId(doc["grantedBy"]) if doc.get("grantedBy") else None,
        revoked_by=PersonId(doc["revokedBy"]) if doc.get("revokedBy") else None,
    )
