"""Activities, attendances and volunteer teams in MongoDB.

An activity is one document with its sign-ups inside (bounded by its capacity); each confirmed
attendance is a document of its own whose `_id` names the activity, date and person, so the
same attendance cannot be stored twice; a team is one document with its members (bounded)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from grassroots_kit import cursors
from grassroots_kit.cursors import Page
from grassroots_kit.geo import GeoPoint
from grassroots_kit.mongo import Database, Document, Indexes, Session
from pymongo import ASCENDING, GEOSPHERE, IndexModel

from grassroots_participation.domain.activities import (
    Activity,
    ActivityKind,
    Attendance,
    VolunteerTeam,
)
from grassroots_participation.domain.activity_listing import ActivityQuery, StaleActivity
from grassroots_participation.domain.meetings import Recurrence, Weekday

ACTIVITIES = "activities"
ATTENDANCES = "attendances"
TEAMS = "volunteer_teams"
INDEXES = (
    Indexes(
        ACTIVITIES,
        # A unit's subtree, by first start: OrgUnit.activities.
        (
            IndexModel([("orgUnitPath", ASCENDING), ("startsAt", ASCENDING), ("_id", ASCENDING)]),
            # activities on the map (docs/places.md)
            IndexModel([("point", GEOSPHERE)]),
        ),
    ),
    Indexes(
        ATTENDANCES,
        # A person's service record, by date.
        (IndexModel([("personId", ASCENDING), ("occurredOn", ASCENDING)]),),
    ),
    Indexes(TEAMS, (IndexModel([("orgUnitPath", ASCENDING)]),)),
)


def activity_document(activity: Activity) -> Document:
    rec = activity.recurrence
    return {
        "_id": activity.id,
        "orgUnitId": activity.org_unit_id,
        "orgUnitPath": list(activity.org_unit_path),
        "kind": activity.kind.value,
        "title": activity.title,
        "startsAt": activity.starts_at,
        "endsAt": activity.ends_at,
        "lastStartsAt": activity.last_starts_at,
        "location": activity.location,
        "description": activity.description,
        "recurrence": None
        if rec is None
        else {"weekday": rec.weekday.value, "until": rec.until.isoformat() if rec.until else None},
        "organizerId": activity.organizer_id,
        "capacity": activity.capacity,
        "teamId": activity.team_id,
        "signedUp": list(activity.signed_up),
        "photoIds": list(activity.photo_ids),
        "createdAt": activity.created_at,
        "version": activity.version,
        # a GeoJSON Point ([lng, lat]) under the 2dsphere index; absent when not placed
        **(
            {"point": activity.point.to_geojson(), "pointAccuracy": activity.point.accuracy_m}
            if activity.point
            else {}
        ),
    }


def activity_from(doc: Document) -> Activity:
    rec = doc.get("recurrence")
    return Activity(
        id=doc["_id"],
        org_unit_id=doc["orgUnitId"],
        org_unit_path=tuple(doc["orgUnitPath"]),
        kind=ActivityKind(doc["kind"]),
        title=doc["title"],
        starts_at=doc["startsAt"],
        ends_at=doc.get("endsAt"),
        last_starts_at=doc.get("lastStartsAt"),
        location=doc.get("location", ""),
        description=doc.get("description", ""),
        recurrence=None
        if rec is None
        else Recurrence(
            weekday=Weekday(rec["weekday"]),
            until=date.fromisoformat(rec["until"]) if rec.get("until") else None,
        ),
        organizer_id=doc["organizerId"],
        capacity=doc["capacity"],
        team_id=doc.get("teamId"),
        signed_up=list(doc.get("signedUp", ())),
        photo_ids=list(doc.get("photoIds", ())),
        created_at=doc["createdAt"],
        version=doc["version"],
        point=(
            GeoPoint.from_geojson(doc["point"], doc.get("pointAccuracy"))
            if doc.get("point")
            else None
        ),
    )


def attendance_document(a: Attendance) -> Document:
    return {
        "_id": a.id,
        "activityId": a.activity_id,
        "orgUnitId": a.org_unit_id,
        "orgUnitPath": list(a.org_unit_path),
        "personId": a.person_id,
        "occurredOn": a.occurred_on.isoformat(),
        "minutesServed": a.minutes_served,
        "confirmedBy": a.confirmed_by,
        "confirmedAt": a.confirmed_at,
    }


def attendance_from(doc: Document) -> Attendance:
    return Attendance(
        id=doc["_id"],
        activity_id=doc["activityId"],
        org_unit_id=doc["orgUnitId"],
        org_unit_path=tuple(doc["orgUnitPath"]),
        person_id=doc["personId"],
        occurred_on=date.fromisoformat(doc["occurredOn"]),
        minutes_served=doc["minutesServed"],
        confirmed_by=doc["confirmedBy"],
        confirmed_at=doc["confirmedAt"],
    )


def team_document(team: VolunteerTeam) -> Document:
    return {
        "_id": team.id,
        "orgUnitId": team.org_unit_id,
        "orgUnitPath": list(team.org_unit_path),
        "name": team.name,
        "leaderId": team.leader_id,
        "members": list(team.members),
        "createdAt": team.created_at,
        "version": team.version,
    }


def team_from(doc: Document) -> VolunteerTeam:
    return VolunteerTeam(
        id=doc["_id"],
        org_unit_id=doc["orgUnitId"],
        org_unit_path=tuple(doc["orgUnitPath"]),
        name=doc["name"],
        leader_id=doc["leaderId"],
        members=list(doc.get("members", ())),
        created_at=doc["createdAt"],
        version=doc["version"],
    )


def to_mongo(query: ActivityQuery) -> Document:
    found: Document = {"orgUnitPath": query.within}
    if query.kinds:
        found["kind"] = {"$in": [k.value for k in query.kinds]}
    if query.held_at is not None:
        found["orgUnitId"] = {"$in": sorted(query.held_at)}
    if query.occurs_before is not None:
        found["startsAt"] = {"$lt": query.occurs_before}
    if query.occurs_from is not None:
        found["$or"] = [
            {"lastStartsAt": None},
            {"lastStartsAt": {"$gte": query.occurs_from}},
        ]
    return found


class ActivityStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        self._session = session
        self._activities = db[ACTIVITIES]

    async def insert(self, activity: Activity) -> None:
        await self._activities.insert_one(activity_document(activity), session=self._session)

    async def get(self, activity_id: str) -> Activity | None:
        doc = await self._activities.find_one({"_id": activity_id}, session=self._session)
        return activity_from(doc) if doc else None

    async def save(self, activity: Activity) -> Activity:
        saved = replace(activity, version=activity.version + 1)
        result = await self._activities.replace_one(
            {"_id": activity.id, "version": activity.version},
            activity_document(saved),
            session=self._session,
        )
        if result.matched_count != 1:
            raise StaleActivity(activity.id)
        return saved

    async def page(
        self, query: ActivityQuery, first: int, after: Sequence[Any] | None
    ) -> Page[Activity]:
        base = to_mongo(query)
        paged: Document = {"$and": [base]}
        if after is not None:
            at, last = cursors.keyset(after, datetime, str)
            paged["$and"].append(
                {"$or": [{"startsAt": {"$gt": at}}, {"startsAt": at, "_id": {"$gt": last}}]}
            )
        docs = [
            d
            async for d in self._activities.find(paged, session=self._session)
            .sort([("startsAt", ASCENDING), ("_id", ASCENDING)])
            .limit(first + 1)
        ]
        return Page(
            items=[activity_from(d) for d in docs[:first]],
            has_next=len(docs) > first,
            has_previous=after is not None,
            total_count=await self._activities.count_documents(base, session=self._session),
        )


class AttendanceStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        self._session = session
        self._attendances = db[ATTENDANCES]

    async def get(self, attendance_id: str) -> Attendance | None:
        doc = await self._attendances.find_one({"_id": attendance_id}, session=self._session)
        return attendance_from(doc) if doc else None

    async def insert(self, attendance: Attendance) -> None:
        await self._attendances.insert_one(attendance_document(attendance), session=self._session)

    async def of_person(
        self, person_id: str, since: date | None, until: date | None
    ) -> list[Attendance]:
        query: Document = {"personId": person_id}
        on: Document = {}
        if since is not None:
            on["$gte"] = since.isoformat()
        if until is not None:
            on["$lt"] = until.isoformat()
        if on:
            query["occurredOn"] = on
        cursor = self._attendances.find(query, session=self._session).sort(
            [("occurredOn", ASCENDING)]
        )
        return [attendance_from(d) async for d in cursor]


class TeamStore:
    def __init__(self, db: Database, session: Session | None = None) -> None:
        self._session = session
        self._teams = db[TEAMS]

    async def insert(self, team: VolunteerTeam) -> None:
        await self._teams.insert_one(team_document(team), session=self._session)

    async def get(self, team_id: str) -> VolunteerTeam | None:
        doc = await self._teams.find_one({"_id": team_id}, session=self._session)
        return team_from(doc) if doc else None

    async def save(self, team: VolunteerTeam) -> VolunteerTeam:
        saved = replace(team, version=team.version + 1)
        result = await self._teams.replace_one(
            {"_id": team.id, "version": team.version}, team_document(saved), session=self._session
        )
        if result.matched_count != 1:
            raise StaleActivity(team.id)
        return saved
