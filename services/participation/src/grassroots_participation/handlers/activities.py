"""Activity use cases: create, sign up, cancel, confirm attendance; form a volunteer team and
add its members; read activities and service records.

Each authorizes first, then loads, calls the domain and commits the change with its events
through the unit of work; a refusal changes nothing. Confirming an attendance stores it under an
id naming the activity, date and person and publishes `activity.attended` in the same
transaction (the outbox), once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from grassroots_contracts import activity_events as contract
from grassroots_contracts.event_types import ACTIVITY_ATTENDED, SOURCE_PARTICIPATION
from grassroots_kit.auth import Principal
from grassroots_kit.cursors import Page
from grassroots_kit.errors import BadUserInput, Conflict, Forbidden, NotFound
from grassroots_kit.geo import GeoPoint
from grassroots_kit.i18n import msg
from grassroots_kit.media.library import UploadTicket
from grassroots_kit.media.ports import PhotoView, no_photos, photo_views, wanted_ids
from grassroots_kit.messaging.envelope import CloudEvent, new_event

from grassroots_participation.domain import activity_access as access
from grassroots_participation.domain.activities import (
    Activity,
    ActivityKind,
    AlreadyAttended,
    Attendance,
    ServiceRecord,
    VolunteerTeam,
    new_activity,
    new_team,
    service_record,
)
from grassroots_participation.domain.activity_listing import ActivityQuery, StaleActivity
from grassroots_participation.domain.ids import new_id
from grassroots_participation.domain.meetings import Recurrence
from grassroots_participation.handlers.activity_ports import ActivityPorts, ActivityTx

MAX_MEMBERS_PER_CALL = 100


@dataclass(frozen=True)
class CreateActivity:
    org_unit_id: str
    kind: ActivityKind
    title: str
    starts_at: datetime
    capacity: int
    ends_at: datetime | None = None
    location: str = ""
    description: str = ""
    recurrence: Recurrence | None = None
    team_id: str | None = None
    point: GeoPoint | None = None


@dataclass(frozen=True)
class ConfirmAttendance:
    activity_id: str
    person_id: str
    on: date
    minutes_served: int


def activity_attended(activity: Activity, attendance: Attendance) -> CloudEvent:
    data = contract.ActivityAttended(
        attendance_id=attendance.id,
        activity_id=activity.id,
        activity_title=activity.title,
        kind=activity.kind.value,
        org_unit_id=activity.org_unit_id,
        org_unit_path=activity.org_unit_path,
        team_id=activity.team_id,
        person_id=attendance.person_id,
        occurred_on=attendance.occurred_on.isoformat(),
        minutes_served=attendance.minutes_served,
        confirmed_by=attendance.confirmed_by,
        confirmed_at=attendance.confirmed_at,
    ).to_data()
    return new_event(
        ACTIVITY_ATTENDED,
        source=SOURCE_PARTICIPATION,
        subject=activity.id,
        data=data,
        time=attendance.confirmed_at,
    )


async def _unit(ports: ActivityPorts, unit_id: str) -> tuple[str, ...]:
    unit = await ports.org_units.get(unit_id)
    if unit is None:
        raise NotFound(
            msg("no org unit with id {org_unit_id}", org_unit_id=unit_id), field="orgUnitId"
        )
    return unit.path_with_self


async def home_of(ports: ActivityPorts, caller: Principal | None) -> tuple[str, ...]:
    if caller is None:
        return ()
    resident = await ports.residents.get(caller.person_id)
    return resident.home_path if resident else ()


async def create_activity(
    ports: ActivityPorts, caller: Principal, command: CreateActivity
) -> Activity:
    path = await _unit(ports, command.org_unit_id)
    team: VolunteerTeam | None = None
    if command.team_id is not None:
        team = await ports.teams.get(command.team_id)
        if team is None or command.org_unit_id not in team.org_unit_path:
            # A team runs activities at its own unit or below it.
            raise access.hidden_team(command.team_id)
    access.require_organizer_at(caller, path, team)
    activity = new_activity(
        activity_id=new_id(),
        org_unit_id=path[-1],
        org_unit_path=path,
        kind=command.kind,
        title=command.title,
        starts_at=command.starts_at,
        ends_at=command.ends_at,
        location=command.location,
        description=command.description,
        recurrence=command.recurrence,
        capacity=command.capacity,
        organizer_id=caller.person_id,
        team_id=command.team_id,
        at=ports.clock(),
        tz=ports.business_zone,
        point=command.point,
    )

    async def work(tx: ActivityTx) -> Activity:
        await tx.activities.insert(activity)
        return activity

    return await ports.uow.run(work)


async def _team_of(tx: ActivityTx, activity: Activity) -> VolunteerTeam | None:
    return await tx.teams.get(activity.team_id) if activity.team_id else None


async def _change(
    ports: ActivityPorts,
    caller: Principal,
    activity_id: str,
    change: Callable[[ActivityTx, Activity, VolunteerTeam | None], Awaitable[None]],
) -> Activity:
    """Load the activity in a transaction, hide it from who may not see it, apply `change`
    (which authorizes) and store the result."""
    home = await home_of(ports, caller)

    async def work(tx: ActivityTx) -> Activity:
        activity = await tx.activities.get(activity_id)
        team = await _team_of(tx, activity) if activity else None
        if activity is None or not access.may_read(caller, home, activity, team):
            raise access.hidden_activity(activity_id)
        await change(tx, activity, team)
        try:
            return await tx.activities.save(activity)
        except StaleActivity:
            raise Conflict(
                msg("the activity changed while you were changing it: try again"), field="id"
            ) from None

    return await ports.uow.run(work)


async def sign_up(ports: ActivityPorts, caller: Principal, activity_id: str) -> Activity:
    """The caller signs themselves up (nobody signs up someone else)."""
    home = await home_of(ports, caller)

    async def change(tx: ActivityTx, activity: Activity, team: VolunteerTeam | None) -> None:
        access.require_joiner(caller, home, activity, team)
        activity.sign_up(caller.person_id)

    return await _change(ports, caller, activity_id, change)


async def cancel_sign_up(ports: ActivityPorts, caller: Principal, activity_id: str) -> Activity:
    async def change(tx: ActivityTx, activity: Activity, team: VolunteerTeam | None) -> None:
        activity.cancel_sign_up(caller.person_id)

    return await _change(ports, caller, activity_id, change)


async def confirm_attendance(
    ports: ActivityPorts, caller: Principal, command: ConfirmAttendance
) -> tuple[Activity, Attendance]:
    """The organizer confirms that a volunteer served; `activity.attended` goes out with it."""
    confirmed: list[Attendance] = []

    async def change(tx: ActivityTx, activity: Activity, team: VolunteerTeam | None) -> None:
        access.require_organizer(caller, activity, team)
        attendance = activity.confirm(
            command.person_id,
            command.on,
            command.minutes_served,
            caller.person_id,
            ports.clock(),
            ports.business_zone,
        )
        if await tx.attendances.get(attendance.id) is not None:
            raise AlreadyAttended()
        await tx.attendances.insert(attendance)
        tx.publish([activity_attended(activity, attendance)])
        confirmed.append(attendance)

    activity = await _change(ports, caller, command.activity_id, change)
    return activity, confirmed[-1]


async def create_team(
    ports: ActivityPorts, caller: Principal, org_unit_id: str, name: str, leader_id: str
) -> VolunteerTeam:
    path = await _unit(ports, org_unit_id)
    access.require_team_founder(caller, path)
    team = new_team(
        team_id=new_id(),
        org_unit_id=path[-1],
        org_unit_path=path,
        name=name,
        leader_id=leader_id,
        at=ports.clock(),
    )

    async def work(tx: ActivityTx) -> VolunteerTeam:
        await tx.teams.insert(team)
        return team

    return await ports.uow.run(work)


async def add_team_members(
    ports: ActivityPorts, caller: Principal, team_id: str, person_ids: Sequence[str]
) -> VolunteerTeam:
    if len(person_ids) > MAX_MEMBERS_PER_CALL:
        raise BadUserInput(
            msg("add at most {max} members at a time", max=MAX_MEMBERS_PER_CALL),
            field="personIds",
        )
    home = await home_of(ports, caller)

    async def work(tx: ActivityTx) -> VolunteerTeam:
        team = await tx.teams.get(team_id)
        if team is None or not access.may_read_team(caller, home, team):
            raise access.hidden_team(team_id)
        access.require_team_manager(caller, team)
        team.add_members(person_ids)
        try:
            return await tx.teams.save(team)
        except StaleActivity:
            raise Conflict(
                msg("the team changed while you were changing it: try again"), field="teamId"
            ) from None

    return await ports.uow.run(work)


async def activity(ports: ActivityPorts, caller: Principal, activity_id: str) -> Activity:
    found = await ports.activities.get(activity_id)
    team = await ports.teams.get(found.team_id) if found and found.team_id else None
    if found is None or not access.may_read(caller, await home_of(ports, caller), found, team):
        raise access.hidden_activity(activity_id)
    return found


async def team(ports: ActivityPorts, caller: Principal, team_id: str) -> VolunteerTeam:
    found = await ports.teams.get(team_id)
    if found is None or not access.may_read_team(caller, await home_of(ports, caller), found):
        raise access.hidden_team(team_id)
    return found


async def activities_of_unit(
    ports: ActivityPorts,
    caller: Principal,
    query: ActivityQuery,
    first: int,
    after: Sequence[Any] | None,
) -> Page[Activity]:
    path = await _unit(ports, query.within)
    held_at = access.listable_units(caller, await home_of(ports, caller), path)
    return await ports.activities.page(replace(query, held_at=held_at), first, after)


async def service_record_of(
    ports: ActivityPorts,
    caller: Principal,
    person_id: str,
    since: date | None,
    until: date | None,
) -> ServiceRecord:
    """A person's confirmed service, for themselves and the staff over where they live."""
    resident = await ports.residents.get(person_id)
    if not access.may_read_service_record(
        caller, person_id, resident.home_path if resident else ()
    ):
        raise Forbidden(
            msg("only the person and the staff where they live may see their service record")
        )
    return service_record(person_id, await ports.attendances.of_person(person_id, since, until))


def activity_subject(activity_id: str) -> str:
    """What an activity's photos belong to, in the media records."""
    return f"activity:{activity_id}"


# Photos of one activity in all: the organizers' record of it, not an album.
MAX_ACTIVITY_PHOTOS = 30


async def request_activity_photo_upload(ports: ActivityPorts, caller: Principal) -> UploadTicket:
    """A single-use upload URL for one photo of an activity."""
    if ports.media is None:
        raise no_photos()
    return await ports.media.request_upload(caller.person_id, "ACTIVITY")


async def add_activity_photos(
    ports: ActivityPorts, caller: Principal, activity_id: str, media_ids: Sequence[str]
) -> Activity:
    """The organizer (or the team's leader, or staff of the unit) adds their own uploads."""
    if ports.media is None:
        raise no_photos()
    photos = wanted_ids(media_ids, ports.media.max_per_item)

    async def change(tx: ActivityTx, activity: Activity, team: VolunteerTeam | None) -> None:
        access.require_organizer(caller, activity, team)
        fresh = [p for p in photos if p not in activity.photo_ids]
        if len(activity.photo_ids) + len(fresh) > MAX_ACTIVITY_PHOTOS:
            raise BadUserInput(
                msg("an activity keeps at most {limit} photos", limit=MAX_ACTIVITY_PHOTOS),
                field="mediaIds",
            )
        if tx.media is None:
            raise no_photos()
        await tx.media.attach(fresh, caller.person_id, activity_subject(activity.id), ports.clock())
        activity.photo_ids.extend(fresh)

    return await _change(ports, caller, activity_id, change)


async def activity_photos(ports: ActivityPorts, activity: Activity) -> list[PhotoView]:
    """The activity's photos with fresh URLs, for whoever the activity is shown to (its read
    policy, `activity_access.may_read`, already decided)."""
    if ports.media is None or not activity.photo_ids:
        return []
    return await photo_views(ports.media, activity.photo_ids, activity_subject(activity.id))
