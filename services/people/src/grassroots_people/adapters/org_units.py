"""MongoDB storage of org units."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from grassroots_kit import cursors
from grassroots_kit.cursors import Page
from grassroots_kit.errors import Conflict
from grassroots_kit.i18n import msg
from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, IndexModel
from pymongo.errors import DuplicateKeyError

from grassroots_people.domain.ids import OrgUnitId
from grassroots_people.domain.listing import OrgUnitQuery
from grassroots_people.domain.org_units import OrgUnit, OrgUnitKind

COLLECTION = "org_units"
INDEXES = Indexes(
    COLLECTION,
    (
        IndexModel([("parentId", ASCENDING), ("name", ASCENDING)], unique=True),
        IndexModel([("path", ASCENDING), ("name", ASCENDING), ("_id", ASCENDING)]),
        IndexModel([("kind", ASCENDING), ("name", ASCENDING), ("_id", ASCENDING)]),
        IndexModel([("name", ASCENDING), ("_id", ASCENDING)]),
    ),
)


def _filter(wanted: OrgUnitQuery) -> Document:
    query: Document = {}
    if wanted.parent_id is not None:
        query["parentId"] = wanted.parent_id
    if wanted.roots_only:
        query["parentId"] = None
    if wanted.within is not None:
        query["path"] = wanted.within
    if wanted.kind is not None:
        query["kind"] = wanted.kind.value
    if wanted.name is not None:
        query["name"] = wanted.name
    return query


class OrgUnitStore:
    def __init__(self, db: Database) -> None:
        self._units = db[COLLECTION]

    async def get(self, unit_id: str, session: Session | None = None) -> OrgUnit | None:
        doc = await self._units.find_one({"_id": unit_id}, session=session)
        return from_doc(doc) if doc else None

    async def get_many(self, ids: Iterable[str]) -> dict[str, OrgUnit]:
        return {
            doc["_id"]: from_doc(doc)
            async for doc in self._units.find({"_id": {"$in": list(set(ids))}})
        }

    async def insert(self, unit: OrgUnit, session: Session) -> None:
        try:
            await self._units.insert_one(_to_doc(unit), session=session)
        except DuplicateKeyError:
            raise Conflict(
                msg("an org unit named {name!r} already exists there", name=unit.name), field="name"
            ) from None

    async def subtree(self, unit_id: str, session: Session) -> list[OrgUnit]:
        """Every unit below `unit_id`, shallowest first."""
        docs = [doc async for doc in self._units.find({"path": unit_id}, session=session)]
        return sorted((from_doc(d) for d in docs), key=lambda u: (len(u.path), u.id))

    async def replace(self, unit: OrgUnit, session: Session) -> None:
        """Store a changed unit; it must still have the version before the change."""
        try:
            result = await self._units.replace_one(
                {"_id": unit.id, "version": unit.version - 1}, _to_doc(unit), session=session
            )
        except DuplicateKeyError:
            raise Conflict(
                msg("an org unit named {name!r} already exists there", name=unit.name), field="name"
            ) from None
        if result.matched_count != 1:
            raise Conflict(msg("the org unit changed meanwhile; try again"), field="id")

    async def page(
        self, query: OrgUnitQuery, first: int, after: Sequence[Any] | None
    ) -> Page[OrgUnit]:
        base = _filter(query)
        paged = dict(base)
        if after is not None:
            name, last_id = cursors.keyset(after, str, str)
            paged["$or"] = [{"name": {"$gt": name}}, {"name": name, "_id": {"$gt": last_id}}]
        docs = [
            doc
            async for doc in self._units.find(paged)
            .sort([("name", 1), ("_id", 1)])
            .limit(first + 1)
        ]
        total = await self._units.count_documents(base)
        return Page(
            items=[from_doc(d) for d in docs[:first]],
            has_next=len(docs) > first,
            has_previous=after is not None,
            total_count=total,
        )


def _to_doc(unit: OrgUnit) -> Document:
    return {
        "_id": unit.id,
        "kind": unit.kind.value,
        "name": unit.name,
        "parentId": unit.parent_id,
        "path": list(unit.path),
        "version": unit.version,
        "createdAt": unit.created_at,
    }


def from_doc(doc: Document) -> OrgUnit:
    return OrgUnit(
        id=OrgUnitId(doc["_id"]),
        kind=OrgUnitKind(doc["kind"]),
        name=doc["name"],
        parent_id=OrgUnitId(doc["parentId"]) if doc["parentId"] else None,
        path=tuple(OrgUnitId(p) for p in doc["path"]),
        version=doc["version"],
        created_at=doc["createdAt"],
    )
