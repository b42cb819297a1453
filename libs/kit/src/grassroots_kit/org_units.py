"""A service's local copy of people's org units, kept from `orgunit.*` events, for subtree
questions (whose grant covers this case, which community a person lives in).

One meaning of `path` everywhere: the unit's ancestors, root first, WITHOUT the unit itself,
as people's events carry it (`grassroots_contracts.org_units.OrgUnitSnapshot.path`) and as it
is stored. `path_with_self` (ancestors, then the unit) is what subtree checks take: a grant at
unit U covers a thing whose `path_with_self` contains U.

Stored one document per unit in `org_units`: `{_id, kind, name, parentId, path, version}`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pymongo import ASCENDING, IndexModel

from grassroots_kit.messaging.projection import Check, Parse, VersionedProjection
from grassroots_kit.mongo import Database, Document, Indexes, Session, upsert_if_newer

COLLECTION = "org_units"
# Subtree queries ask for every unit whose path runs through a given unit.
INDEXES = Indexes(COLLECTION, (IndexModel([("path", ASCENDING)]),))
# For a service that lists a unit's children (`children`): cases' public board.
CHILDREN_INDEXES = Indexes(COLLECTION, (IndexModel([("parentId", ASCENDING)]),))


@dataclass(frozen=True)
class ProjectedOrgUnit:
    id: str
    kind: str
    name: str
    path: tuple[str, ...]  # ancestors, root first, without the unit itself
    parent_id: str | None = None

    @property
    def path_with_self(self) -> tuple[str, ...]:
        return (*self.path, self.id)


class OrgUnitProjection:
    """Reads and writes the projection; the events reach it through `org_unit_handler`."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._units = db[COLLECTION]

    async def get(self, unit_id: str, session: Session | None = None) -> ProjectedOrgUnit | None:
        doc = await self._units.find_one({"_id": unit_id}, session=session)
        return _unit(doc) if doc else None

    async def get_many(self, ids: Iterable[str]) -> dict[str, ProjectedOrgUnit]:
        return {
            doc["_id"]: _unit(doc)
            async for doc in self._units.find({"_id": {"$in": list(set(ids))}})
        }

    async def children(self, unit_id: str, limit: int) -> list[ProjectedOrgUnit]:
        """At most `limit` units whose parent is `unit_id`, by name (`CHILDREN_INDEXES`)."""
        found = self._units.find({"parentId": unit_id}).sort(
            [("name", ASCENDING), ("_id", ASCENDING)]
        )
        return [_unit(doc) async for doc in found.limit(limit)]

    async def first_of_kind(self, path: Sequence[str], kind: str) -> ProjectedOrgUnit | None:
        """The unit of this kind (a community, say) that a path runs through, if known."""
        doc = await self._units.find_one({"_id": {"$in": list(path)}, "kind": kind})
        return _unit(doc) if doc else None

    async def apply(self, unit_id: str, version: int, fields: Document, session: Session) -> bool:
        """Store a snapshot unless a newer one is there; says whether it did (a handler that
        re-places what lies in a moved unit does so only then)."""
        return await upsert_if_newer(self._db, COLLECTION, session, unit_id, version, fields)


def org_unit_handler(db: Database, parse: Parse, check: Check | None = None) -> VersionedProjection:
    """The handler of `orgunit.created/moved/renamed`: keeps the newest snapshot of each unit,
    a run of events in one bulk write. `parse` is the contract's reading of a snapshot
    (`OrgUnitSnapshot.projection`), `check` refuses what the service cannot read."""
    return VersionedProjection(db, COLLECTION, parse, check)


def _unit(doc: dict[str, Any]) -> ProjectedOrgUnit:
    return ProjectedOrgUnit(
        id=str(doc["_id"]),
        kind=str(doc["kind"]),
        name=str(doc["name"]),
        path=tuple(str(p) for p in doc.get("path") or ()),
        parent_id=doc.get("parentId"),
    )
