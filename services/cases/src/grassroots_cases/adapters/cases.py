"""MongoDB storage of cases: the repository the handlers write through, with optimistic locking."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from grassroots_kit.errors import Conflict
from grassroots_kit.i18n import msg
from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, DESCENDING, GEOSPHERE, IndexModel, ReturnDocument

from grassroots_cases.adapters import rollups
from grassroots_cases.adapters.case_documents import from_doc, to_doc
from grassroots_cases.domain.ids import OrgUnitId
from grassroots_cases.domain.model import Case
from grassroots_cases.domain.statistics import Facts
from grassroots_cases.domain.vocabulary import OPEN_STATUSES, Category, Status

COLLECTION = "cases"
_BY_STATUS_DUE = [("status", ASCENDING), ("dueAt", ASCENDING)]
_BY_STATUS_RESOLVED = [("status", ASCENDING), ("resolvedAt", ASCENDING)]
INDEXES = Indexes(
    COLLECTION,
    (
        IndexModel([("number", ASCENDING)], unique=True),
        # `orgUnitPath` holds the case's org unit and all its ancestors: one index answers
        # "every case in this subtree", newest first; statistics use it too.
        IndexModel([("orgUnitPath", ASCENDING), ("createdAt", DESCENDING), ("_id", DESCENDING)]),
        IndexModel([("orgUnitPath", ASCENDING), ("status", ASCENDING), ("dueAt", ASCENDING)]),
        # The SLA sweeper and auto-close read only what is due, never the whole collection.
        IndexModel(_BY_STATUS_DUE),
        IndexModel(_BY_STATUS_RESOLVED),
        # Photo retention: closed cases that still keep photos (adapters/photo_retention.py).
        IndexModel(
            [("closedAt", ASCENDING)],
            name="photos_to_retain",
            partialFilterExpression={"status": Status.CLOSED.value, "photosKept": True},
        ),
        IndexModel([("reporterId", ASCENDING), ("createdAt", DESCENDING), ("_id", DESCENDING)]),
        IndexModel([("assigneeId", ASCENDING), ("createdAt", DESCENDING), ("_id", DESCENDING)]),
        IndexModel([("organizationId", ASCENDING), ("createdAt", DESCENDING), ("_id", DESCENDING)]),
        IndexModel([("orgUnitId", ASCENDING), ("category", ASCENDING), ("createdAt", DESCENDING)]),
        # Text search: every term of a case's title and description (multikey), newest first.
        IndexModel([("searchTerms", ASCENDING), ("createdAt", DESCENDING), ("_id", DESCENDING)]),
        # Imported cases carry the importer's key: importing the same one twice is refused.
        IndexModel([("importRef", ASCENDING)], unique=True, sparse=True),
        # `near` and map-box filters, and counts per map cell (docs/places.md)
        IndexModel([("location", GEOSPHERE)]),
    ),
)

# What a move of the case's org unit may change under a workflow write: never overwritten.
_NOT_WRITTEN_BY_WORKFLOW = {"_id", "orgUnitPath", "orgUnitId", "version"}


class CaseRepository:
    """Every write of a case also moves the statistics rollups, in the same session."""

    def __init__(self, db: Database, tz: ZoneInfo) -> None:
        self._cases = db[COLLECTION]
        self._tz = tz  # the business time zone: the rollups' days and months are its

    async def get(self, case_id: str, session: Session | None = None) -> Case | None:
        doc = await self._cases.find_one({"_id": case_id}, session=session)
        return from_doc(doc) if doc else None

    async def get_many(self, ids: Iterable[str]) -> dict[str, Case]:
        return {
            doc["_id"]: from_doc(doc)
            async for doc in self._cases.find({"_id": {"$in": list(set(ids))}})
        }

    async def by_number(self, number: str) -> Case | None:
        doc = await self._cases.find_one({"number": number})
        return from_doc(doc) if doc else None

    async def insert(self, case: Case, session: Session) -> None:
        await self.insert_many([to_doc(case)], session)

    async def insert_many(self, docs: Sequence[Document], session: Session | None) -> None:
        """New cases, as `to_doc` stores them (imports add their `importRef`)."""
        await self._cases.insert_many(list(docs), session=session)
        await rollups.apply(
            self._cases.database, ((None, rollups.facts_of_doc(d)) for d in docs), session, self._tz
        )

    async def _write(self, query: Document, case: Case, session: Session) -> Case | None:
        doc = to_doc(case)
        fields = {k: v for k, v in doc.items() if k not in _NOT_WRITTEN_BY_WORKFLOW}
        prior = await self._cases.find_one_and_update(
            query,
            {"$set": fields, "$inc": {"version": 1}},
            projection=rollups.FACT_FIELDS,
            return_document=ReturnDocument.BEFORE,
            session=session,
        )
        if prior is None:
            return None
        # The stored path wins: a move of the org unit may have re-placed the case meanwhile.
        before = rollups.facts_of_doc(prior)
        after = replace(Facts.of(case), org_unit_path=before.org_unit_path)
        await rollups.apply(self._cases.database, [(before, after)], session, self._tz)
        return replace(case, version=case.version + 1)

    async def save(self, case: Case, session: Session) -> Case:
        """Write a changed case if nobody changed it since it was read; else CONFLICT."""
        saved = await self._write({"_id": case.id, "version": case.version}, case, session)
        if saved is None:
            raise Conflict(
                msg(
                    "case {number} was changed by someone else meanwhile; reload and retry",
                    number=case.number,
                ),
                caseId=case.id,
            )
        return saved

    async def save_if_still_due(
        self, case: Case, due_at: datetime, session: Session
    ) -> Case | None:
        """The sweeper's claim: write only if the case is unchanged and still due as read."""
        query = {"_id": case.id, "version": case.version, "dueAt": due_at}
        return await self._write(query, case, session)

    async def recent_open(
        self, org_unit_id: OrgUnitId, category: Category, since: datetime, limit: int = 50
    ) -> list[Case]:
        query: Document = {
            "orgUnitId": org_unit_id,
            "category": category.value,
            "createdAt": {"$gte": since},
            "status": {"$in": [s.value for s in OPEN_STATUSES]},
        }
        cursor = self._cases.find(query).sort("createdAt", -1).limit(limit)
        return [from_doc(doc) async for doc in cursor]

    async def overdue(self, now: datetime, limit: int) -> list[Case]:
        """Open cases past their deadline, most overdue first (index `status, dueAt`)."""
        query = {
            "status": {"$in": [s.value for s in OPEN_STATUSES]},
            "dueAt": {"$lte": now},
        }
        cursor = self._cases.find(query).sort("dueAt", 1).limit(limit).hint(_BY_STATUS_DUE)
        return [from_doc(doc) async for doc in cursor]

    async def resolved_before(self, before: datetime, limit: int) -> list[Case]:
        query = {"status": Status.RESOLVED.value, "resolvedAt": {"$lte": before}}
        cursor = (
            self._cases.find(query).sort("resolvedAt", 1).limit(limit).hint(_BY_STATUS_RESOLVED)
        )
        return [from_doc(doc) async for doc in cursor]

    async def move_org_unit(
        self, org_unit_id: str, path_with_self: list[str], session: Session
    ) -> None:
        await rollups.move(self._cases.database, org_unit_id, path_with_self, session, self._tz)
        await self._cases.update_many(
            {"orgUnitId": org_unit_id},
            {"$set": {"orgUnitPath": path_with_self}},
            session=session,
        )
