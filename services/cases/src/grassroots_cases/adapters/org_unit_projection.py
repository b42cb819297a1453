"""The local copy of people's org units, kept from their events, for subtree questions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from grassroots_kit.mongo import Database, Indexes, Session
from pymongo import ASCENDING, IndexModel

COLLECTION = "org_units"
INDEXES = Indexes(COLLECTION, (IndexModel([("path", ASCENDING)]),))


@dataclass(frozen=True)
class ProjectedOrgUnit:
    id: str
    kind: str
    name: str
    path: tuple[str, ...]  # ancestors, root first, without the unit itself

    @property
    def path_with_self(self) -> tuple[str, ...]:
        return (*self.path, self.id)


class OrgUnitProjection:
    def __init__(self, db: Database) -> None:
        self._units = db[COLLECTION]

    async def get(self, unit_id: str, session: Session | None = None) -> ProjectedOrgUnit | None:
        doc = await self._units.find_one({"_id": unit_id}, session=session)
        return _unit(doc) if doc else None

    async def get_many(self, ids: Iterable[str]) -> dict[str, ProjectedOrgUnit]:
        return {
            doc["_id"]: _unit(doc)
            async for doc in self._units.find({"_id": {"$in": list(set(ids))}})
        }


def _unit(doc: dict[str, object]) -> ProjectedOrgUnit:
    path = doc.get("path") or []
    assert isinstance(path, list)
    return ProjectedOrgUnit(
        id=str(doc["_id"]),
        kind=str(doc["kind"]),
        name=str(doc["name"]),
        path=tuple(str(p) for p in path),
    )
