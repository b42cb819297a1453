"""Meetings in MongoDB: one document per meeting, its agenda, votes and decisions inside it
(bounded by the domain's limits), so a vote and the check that the household has not voted yet
are one document in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from grassroots_kit import cursors
from grassroots_kit.cursors import Page
from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, IndexModel

from grassroots_participation.domain.listing import MeetingQuery, StaleMeeting
from grassroots_participation.domain.meetings import (
    AgendaItem,
    Choice,
    Decision,
    DecisionMethod,
    InvitedHousehold,
    ItemStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Outcome,
    Recurrence,
    Tally,
    Vote,
    Weekday,
)

COLLECTION = "meetings"
INDEXES = Indexes(
    COLLECTION,
    (
        # A unit's subtree, by start time: OrgUnit.meetings.
        IndexModel([("orgUnitPath", ASCENDING), ("startsAt", ASCENDING), ("_id", ASCENDING)]),
    ),
)


def _tally(tally: Tally | None) -> Document | None:
    if tally is None:
        return None
    return {
        "for": tally.votes_for,
        "against": tally.votes_against,
        "abstain": tally.abstentions,
        "invited": tally.invited,
    }


def _decision(decision: Decision | None) -> Document | None:
    if decision is None:
        return None
    return {
        "id": decision.id,
        "method": decision.method.value,
        "outcome": decision.outcome.value,
        "text": decision.text,
        "decidedBy": decision.decided_by,
        "decidedAt": decision.decided_at,
        "tally": _tally(decision.tally),
    }


def to_document(meeting: Meeting) -> Document:
    recurrence = meeting.recurrence
    return {
        "_id": meeting.id,
        "orgUnitId": meeting.org_unit_id,
        "orgUnitPath": list(meeting.org_unit_path),
        "kind": meeting.kind.value,
        "title": meeting.title,
        "startsAt": meeting.starts_at,
        "endsAt": meeting.ends_at,
        "location": meeting.location,
        "recurrence": None
        if recurrence is None
        else {
            "weekday": recurrence.weekday.value,
            "until": recurrence.until.isoformat() if recurrence.until else None,
        },
        "convenerId": meeting.convener_id,
        "households": [
            {"householdId": h.household_id, "representativeId": h.representative_id}
            for h in meeting.households
        ],
        "organizationIds": list(meeting.organization_ids),
        "agenda": [
            {
                "id": item.id,
                "title": item.title,
                "description": item.description,
                "proposedBy": item.proposed_by,
                "addedAt": item.added_at,
                "status": item.status.value,
                "votes": [
                    {
                        "householdId": v.household_id,
                        "personId": v.person_id,
                        "choice": v.choice.value,
                        "at": v.at,
                    }
                    for v in item.votes
                ],
                "decision": _decision(item.decision),
                "proposalId": item.proposal_id,
                "caseId": item.case_id,
                "surveyId": item.survey_id,
            }
            for item in meeting.agenda
        ],
        "attendance": list(meeting.attendance),
        "minutes": meeting.minutes,
        "status": meeting.status.value,
        "closedAt": meeting.closed_at,
        "createdAt": meeting.created_at,
        "version": meeting.version,
    }


def _read_decision(item_id: str, doc: Document | None) -> Decision | None:
    if doc is None:
        return None
    tally = doc.get("tally")
    return Decision(
        id=doc["id"],
        item_id=item_id,
        method=DecisionMethod(doc["method"]),
        outcome=Outcome(doc["outcome"]),
        text=doc["text"],
        decided_by=doc["decidedBy"],
        decided_at=doc["decidedAt"],
        tally=None
        if tally is None
        else Tally(
            votes_for=tally["for"],
            votes_against=tally["against"],
            abstentions=tally["abstain"],
            invited=tally["invited"],
        ),
    )


def from_document(doc: Document) -> Meeting:
    rec = doc.get("recurrence")
    return Meeting(
        id=doc["_id"],
        org_unit_id=doc["orgUnitId"],
        org_unit_path=tuple(doc["orgUnitPath"]),
        kind=MeetingKind(doc["kind"]),
        title=doc["title"],
        starts_at=doc["startsAt"],
        ends_at=doc.get("endsAt"),
        location=doc.get("location", ""),
        recurrence=None
        if rec is None
        else Recurrence(
            weekday=Weekday(rec["weekday"]),
            until=date.fromisoformat(rec["until"]) if rec.get("until") else None,
        ),
        convener_id=doc["convenerId"],
        households=tuple(
            InvitedHousehold(h["householdId"], h["representativeId"]) for h in doc["households"]
        ),
        organization_ids=tuple(doc.get("organizationIds", ())),
        agenda=[
            AgendaItem(
                id=i["id"],
                title=i["title"],
                description=i.get("description", ""),
                proposed_by=i["proposedBy"],
                added_at=i["addedAt"],
                status=ItemStatus(i["status"]),
                votes=[
                    Vote(v["householdId"], v["personId"], Choice(v["choice"]), v["at"])
                    for v in i.get("votes", ())
                ],
                decision=_read_decision(i["id"], i.get("decision")),
                proposal_id=i.get("proposalId"),
                case_id=i.get("caseId"),
                survey_id=i.get("surveyId"),
            )
            for i in doc.get("agenda", ())
        ],
        attendance=list(doc.get("attendance", ())),
        minutes=doc.get("minutes", ""),
        status=MeetingStatus(doc["status"]),
        closed_at=doc.get("closedAt"),
        created_at=doc["createdAt"],
        version=doc["version"],
    )


def to_mongo(query: MeetingQuery) -> Document:
    found: Document = {"orgUnitPath": query.within}
    if query.kinds:
        found["kind"] = {"$in": [k.value for k in query.kinds]}
    if query.status is not None:
        found["status"] = query.status.value
    if query.held_at is not None:
        found["orgUnitId"] = {"$in": sorted(query.held_at)}
    starts: Document = {}
    if query.starts_from is not None:
        starts["$gte"] = query.starts_from
    if query.starts_before is not None:
        starts["$lt"] = query.starts_before
    if starts:
        found["startsAt"] = starts
    return found


class MeetingStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        self._session = session
        self._meetings = db[COLLECTION]

    async def insert(self, meeting: Meeting) -> None:
        await self._meetings.insert_one(to_document(meeting), session=self._session)

    async def get(self, meeting_id: str) -> Meeting | None:
        doc = await self._meetings.find_one({"_id": meeting_id}, session=self._session)
        return from_document(doc) if doc else None

    async def save(self, meeting: Meeting) -> Meeting:
        saved = replace(meeting, version=meeting.version + 1)
        result = await self._meetings.replace_one(
            {"_id": meeting.id, "version": meeting.version},
            to_document(saved),
            session=self._session,
        )
        if result.matched_count != 1:
            raise StaleMeeting(meeting.id)
        return saved

    async def page(
        self, query: MeetingQuery, first: int, after: Sequence[Any] | None
    ) -> Page[Meeting]:
        base = to_mongo(query)
        paged = dict(base)
        if after is not None:
            at, last = cursors.keyset(after, datetime, str)
            paged["$or"] = [{"startsAt": {"$gt": at}}, {"startsAt": at, "_id": {"$gt": last}}]
        docs = [
            d
            async for d in self._meetings.find(paged, session=self._session)
            .sort([("startsAt", ASCENDING), ("_id", ASCENDING)])
            .limit(first + 1)
        ]
        return Page(
            items=[from_document(d) for d in docs[:first]],
            has_next=len(docs) > first,
            has_previous=after is not None,
            total_count=await self._meetings.count_documents(base, session=self._session),
        )
