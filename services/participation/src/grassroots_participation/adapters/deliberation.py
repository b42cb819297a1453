"""The deliberation list and the published lists in MongoDB.

`proposals`: one document per proposal. A case sent to deliberation again (after a decision
came back) makes a new proposal; the consumer's event id keeps one sending one proposal.
`published_lists`: one document per version, unique by unit, kind and version, so two editors
publishing at once cannot both become version n (the loser gets a duplicate key, a CONFLICT).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from grassroots_kit import cursors
from grassroots_kit.cursors import Page
from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.errors import DuplicateKeyError

from grassroots_participation.domain.deliberation import Proposal, ProposalSource, ProposalStatus
from grassroots_participation.domain.listing import StaleMeeting
from grassroots_participation.domain.published_lists import ListKind, PublishedList, VersionTaken

PROPOSALS = "proposals"
LISTS = "published_lists"
INDEXES = (
    Indexes(
        PROPOSALS,
        (
            # A unit's deliberation list, oldest first: OrgUnit.deliberationList.
            IndexModel([("orgUnitPath", ASCENDING), ("proposedAt", ASCENDING), ("_id", ASCENDING)]),
            # A resident's proposals waiting for an agenda (the cap on them).
            IndexModel([("proposedBy", ASCENDING), ("status", ASCENDING)]),
            # A case's proposals, newest first: Case.deliberation.
            IndexModel([("caseId", ASCENDING), ("proposedAt", DESCENDING)], sparse=True),
        ),
    ),
    Indexes(
        LISTS,
        (
            IndexModel(
                [("orgUnitId", ASCENDING), ("kind", ASCENDING), ("version", DESCENDING)],
                unique=True,
            ),
        ),
    ),
)


def proposal_document(p: Proposal) -> Document:
    return {
        "_id": p.id,
        "orgUnitId": p.org_unit_id,
        "orgUnitPath": list(p.org_unit_path),
        "source": p.source.value,
        "title": p.title,
        "description": p.description,
        "proposedBy": p.proposed_by,
        "proposedAt": p.proposed_at,
        "caseId": p.case_id,
        "caseNumber": p.case_number,
        "status": p.status.value,
        "meetingId": p.meeting_id,
        "agendaItemId": p.agenda_item_id,
        "version": p.version,
    }


def proposal_from(doc: Document) -> Proposal:
    return Proposal(
        id=doc["_id"],
        org_unit_id=doc["orgUnitId"],
        org_unit_path=tuple(doc["orgUnitPath"]),
        source=ProposalSource(doc["source"]),
        title=doc["title"],
        description=doc.get("description", ""),
        proposed_by=doc["proposedBy"],
        proposed_at=doc["proposedAt"],
        case_id=doc.get("caseId"),
        case_number=doc.get("caseNumber"),
        status=ProposalStatus(doc["status"]),
        meeting_id=doc.get("meetingId"),
        agenda_item_id=doc.get("agendaItemId"),
        version=doc["version"],
    )


class ProposalStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        self._session = session
        self._proposals = db[PROPOSALS]

    async def insert(self, proposal: Proposal) -> None:
        await self._proposals.insert_one(proposal_document(proposal), session=self._session)

    async def get(self, proposal_id: str) -> Proposal | None:
        doc = await self._proposals.find_one({"_id": proposal_id}, session=self._session)
        return proposal_from(doc) if doc else None

    async def latest_for_case(self, case_id: str) -> Proposal | None:
        doc = await self._proposals.find_one(
            {"caseId": case_id}, sort=[("proposedAt", DESCENDING)], session=self._session
        )
        return proposal_from(doc) if doc else None

    async def waiting_from(self, person_id: str) -> int:
        """A resident's own proposals not yet on an agenda."""
        return await self._proposals.count_documents(
            {
                "proposedBy": person_id,
                "source": ProposalSource.RESIDENT.value,
                "status": ProposalStatus.PROPOSED.value,
            },
            session=self._session,
        )

    async def mark_decided(self, proposal_id: str) -> bool:
        """ON_AGENDA -> DECIDED; False when it is not on an agenda (already decided, or unknown)."""
        result = await self._proposals.update_one(
            {"_id": proposal_id, "status": ProposalStatus.ON_AGENDA.value},
            {"$set": {"status": ProposalStatus.DECIDED.value}, "$inc": {"version": 1}},
            session=self._session,
        )
        return result.modified_count == 1

    async def save(self, proposal: Proposal) -> Proposal:
        """Store it if the stored version is still `proposal.version`; StaleMeeting otherwise
        (the same refusal as a meeting changed under the writer)."""
        saved = replace(proposal, version=proposal.version + 1)
        result = await self._proposals.replace_one(
            {"_id": proposal.id, "version": proposal.version},
            proposal_document(saved),
            session=self._session,
        )
        if result.matched_count != 1:
            raise StaleMeeting(proposal.id)
        return saved

    async def page(
        self,
        within: str,
        statuses: Sequence[ProposalStatus],
        held_at: frozenset[str] | None,
        first: int,
        after: Sequence[Any] | None,
    ) -> Page[Proposal]:
        """By time proposed, then id; `after` is the key of the last one seen."""
        base: Document = {"orgUnitPath": within}
        if statuses:
            base["status"] = {"$in": [s.value for s in statuses]}
        if held_at is not None:
            base["orgUnitId"] = {"$in": sorted(held_at)}
        paged = dict(base)
        if after is not None:
            at, last = cursors.keyset(after, datetime, str)
            paged["$or"] = [{"proposedAt": {"$gt": at}}, {"proposedAt": at, "_id": {"$gt": last}}]
        docs = [
            d
            async for d in self._proposals.find(paged, session=self._session)
            .sort([("proposedAt", ASCENDING), ("_id", ASCENDING)])
            .limit(first + 1)
        ]
        return Page(
            items=[proposal_from(d) for d in docs[:first]],
            has_next=len(docs) > first,
            has_previous=after is not None,
            total_count=await self._proposals.count_documents(base, session=self._session),
        )


def list_document(p: PublishedList) -> Document:
    return {
        "_id": p.id,
        "orgUnitId": p.org_unit_id,
        "orgUnitPath": list(p.org_unit_path),
        "kind": p.kind.value,
        "version": p.version,
        "title": p.title,
        "entries": list(p.entries),
        "publishedBy": p.published_by,
        "publishedAt": p.published_at,
    }


def list_from(doc: Document) -> PublishedList:
    return PublishedList(
        id=doc["_id"],
        org_unit_id=doc["orgUnitId"],
        org_unit_path=tuple(doc["orgUnitPath"]),
        kind=ListKind(doc["kind"]),
        version=doc["version"],
        title=doc["title"],
        entries=tuple(doc["entries"]),
        published_by=doc["publishedBy"],
        published_at=doc["publishedAt"],
    )


class PublishedListStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        self._session = session
        self._lists = db[LISTS]

    async def insert(self, published: PublishedList) -> None:
        """VersionTaken when that version of the unit's list exists already."""
        try:
            await self._lists.insert_one(list_document(published), session=self._session)
        except DuplicateKeyError:
            raise VersionTaken(published.id) from None

    async def version(
        self, org_unit_id: str, kind: ListKind, version: int | None
    ) -> PublishedList | None:
        """That version, or the current one when `version` is None."""
        query: Document = {"orgUnitId": org_unit_id, "kind": kind.value}
        if version is not None:
            query["version"] = version
        doc = await self._lists.find_one(
            query, sort=[("version", DESCENDING)], session=self._session
        )
        return list_from(doc) if doc else None

    async def versions(self, org_unit_id: str, kind: ListKind, limit: int) -> list[PublishedList]:
        """Newest first."""
        found = self._lists.find(
            {"orgUnitId": org_unit_id, "kind": kind.value}, session=self._session
        ).sort([("version", DESCENDING)])
        return [list_from(d) async for d in found.limit(limit)]
