"""What the service keeps of other services' entities: cases (number, place, reporter, assignee,
from cases' events) and role holders (from people's `role.assigned` / `role.revoked`). No names,
phones or texts: only ids and places."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from grassroots_contracts.people_events import RoleAssignment
from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, IndexModel

from grassroots_notifications.domain.recipients import CaseFacts, Holder

CASES = "cases"
ROLES = "roles"
INDEXES = (
    Indexes(
        ROLES,
        (IndexModel([("orgUnitId", ASCENDING), ("role", ASCENDING), ("active", ASCENDING)]),),
    ),
)


def role_projection(role: RoleAssignment, active: bool) -> tuple[str, Document]:
    """role.assigned / role.revoked → the assignment id and what is stored."""
    fields = {
        "personId": role.person_id,
        "role": role.role,
        "orgUnitId": role.org_unit_id,
        "active": active,
    }
    return role.id, fields


def _facts(doc: dict[str, Any]) -> CaseFacts:
    return CaseFacts(
        case_id=doc["_id"],
        # A follow can arrive before the case's own events: the number comes with those.
        number=doc.get("number", ""),
        org_unit_path=tuple(doc.get("orgUnitPath") or ()),
        reporter_id=doc.get("reporterId"),
        assignee_id=doc.get("assigneeId"),
        followers=frozenset(doc.get("followers") or ()),
    )


class DirectoryStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        self._cases = db[CASES]
        self._roles = db[ROLES]
        self._session = session

    async def case(self, case_id: str) -> CaseFacts | None:
        doc = await self._cases.find_one({"_id": case_id}, session=self._session)
        return _facts(doc) if doc else None

    async def save_case(self, facts: CaseFacts) -> None:
        fields = {
            "number": facts.number,
            "orgUnitPath": list(facts.org_unit_path),
            "reporterId": facts.reporter_id,
            "assigneeId": facts.assignee_id,
        }
        await self._cases.update_one(
            {"_id": facts.case_id}, {"$set": fields}, upsert=True, session=self._session
        )

    async def set_follower(self, case_id: str, person_id: str, following: bool) -> None:
        change = {"$addToSet" if following else "$pull": {"followers": person_id}}
        await self._cases.update_one({"_id": case_id}, change, upsert=True, session=self._session)

    async def holders(self, path: Sequence[str], roles: frozenset[str]) -> list[Holder]:
        query = {"orgUnitId": {"$in": list(path)}, "role": {"$in": sorted(roles)}, "active": True}
        return [
            Holder(d["personId"], d["role"], d["orgUnitId"])
            async for d in self._roles.find(query, session=self._session)
        ]

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
