"""Meeting use cases: schedule, set the agenda, record who came, vote, decide, close.

Each authorizes first (before any expensive work), then loads, calls the domain and commits the
change with its events through the unit of work; a refusal changes nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput, Conflict, NotFound
from grassroots_kit.i18n import msg

from grassroots_participation.domain import access
from grassroots_participation.domain import meetings as domain
from grassroots_participation.domain.ids import new_id
from grassroots_participation.domain.listing import StaleMeeting
from grassroots_participation.domain.meetings import (
    Choice,
    Decision,
    DecisionMethod,
    InvitedHousehold,
    Meeting,
    MeetingKind,
    Outcome,
    Recurrence,
    Vote,
)
from grassroots_participation.handlers.ports import ParticipationPorts, ParticipationTx
from grassroots_participation.handlers.publishing import decision_made, meeting_scheduled

MAX_ATTENDEES_PER_CALL = 200


@dataclass(frozen=True)
class ScheduleMeeting:
    org_unit_id: str
    kind: MeetingKind
    title: str
    starts_at: datetime
    ends_at: datetime | None = None
    location: str = ""
    recurrence: Recurrence | None = None
    households: tuple[InvitedHousehold, ...] = ()
    organization_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordDecision:
    meeting_id: str
    item_id: str
    method: DecisionMethod
    text: str
    outcome: Outcome = Outcome.ADOPTED


async def _check_representatives(
    ports: ParticipationPorts, unit_id: str, households: Sequence[InvitedHousehold]
) -> None:
    """Each representative is a member of the household they represent and lives in the unit."""
    if not households:
        return
    known = await ports.residents.get_many([h.representative_id for h in households])
    for household in households:
        resident = known.get(household.representative_id)
        if (
            resident is None
            or resident.household_id != household.household_id
            or unit_id not in resident.home_path
        ):
            raise BadUserInput(
                msg(
                    "person {person_id} is not a member of household {household_id} "
                    "in this org unit, so cannot represent it",
                    person_id=household.representative_id,
                    household_id=household.household_id,
                ),
                field="households",
            )


async def schedule_meeting(
    ports: ParticipationPorts, caller: Principal, command: ScheduleMeeting
) -> Meeting:
    unit = await ports.org_units.get(command.org_unit_id)
    if unit is None:
        raise NotFound(
            msg("no org unit with id {org_unit_id}", org_unit_id=command.org_unit_id),
            field="orgUnitId",
        )
    access.require_convener(caller, unit.path_with_self)
    domain.check_invitations(command.households, command.organization_ids)
    domain.check_schedule(
        command.starts_at, command.ends_at, command.recurrence, ports.business_zone
    )
    title = domain.clean_title(command.title)
    location = domain.clean_text(command.location, "location", domain.MAX_TITLE)
    await _check_representatives(ports, unit.id, command.households)
    meeting = Meeting(
        id=new_id(),
        org_unit_id=unit.id,
        org_unit_path=unit.path_with_self,
        kind=command.kind,
        title=title,
        starts_at=command.starts_at,
        ends_at=command.ends_at,
        location=location,
        recurrence=command.recurrence,
        convener_id=caller.person_id,
        households=command.households,
        organization_ids=tuple(dict.fromkeys(command.organization_ids)),
        created_at=ports.clock(),
    )

    async def work(tx: ParticipationTx) -> Meeting:
        await tx.meetings.insert(meeting)
        tx.publish([meeting_scheduled(meeting)])
        return meeting

    return await ports.uow.run(work)


async def _home(ports: ParticipationPorts, caller: Principal) -> tuple[str, ...]:
    resident = await ports.residents.get(caller.person_id)
    return resident.home_path if resident else ()


async def _change(
    ports: ParticipationPorts,
    caller: Principal,
    meeting_id: str,
    change: Callable[[ParticipationTx, Meeting], Awaitable[None]],
    *,
    runner_only: bool = True,
) -> Meeting:
    """Load the meeting in a transaction, refuse who may not see or run it, apply `change` and
    store the result (a write conflict retries the whole transaction)."""
    home = await _home(ports, caller)

    async def work(tx: ParticipationTx) -> Meeting:
        meeting = await tx.meetings.get(meeting_id)
        if meeting is None or not access.may_read(caller, home, meeting):
            raise access.hidden(meeting_id)
        if runner_only:
            access.require_runner(caller, meeting)
        await change(tx, meeting)
        try:
            return await tx.meetings.save(meeting)
        except StaleMeeting:
            raise Conflict(
                msg("the meeting changed while you were changing it: try again"), field="id"
            ) from None

    return await ports.uow.run(work)


async def add_agenda_item(
    ports: ParticipationPorts, caller: Principal, meeting_id: str, title: str, description: str
) -> tuple[Meeting, str]:
    item_id = new_id()

    async def change(tx: ParticipationTx, meeting: Meeting) -> None:
        meeting.add_item(item_id, title, description, caller.person_id, ports.clock())

    return await _change(ports, caller, meeting_id, change), item_id


async def record_attendance(
    ports: ParticipationPorts, caller: Principal, meeting_id: str, person_ids: Sequence[str]
) -> Meeting:
    if len(person_ids) > MAX_ATTENDEES_PER_CALL:
        raise BadUserInput(
            msg("record at most {max} attendees at a time", max=MAX_ATTENDEES_PER_CALL),
            field="personIds",
        )

    async def change(tx: ParticipationTx, meeting: Meeting) -> None:
        meeting.record_attendance(person_ids)

    return await _change(ports, caller, meeting_id, change)


async def cast_vote(
    ports: ParticipationPorts, caller: Principal, meeting_id: str, item_id: str, choice: Choice
) -> tuple[Meeting, Vote]:
    cast: list[Vote] = []

    async def change(tx: ParticipationTx, meeting: Meeting) -> None:
        cast.append(meeting.cast_vote(item_id, caller.person_id, choice, ports.clock()))

    meeting = await _change(ports, caller, meeting_id, change, runner_only=False)
    return meeting, cast[-1]


async def record_decision(
    ports: ParticipationPorts, caller: Principal, command: RecordDecision
) -> tuple[Meeting, Decision]:
    made: list[Decision] = []

    async def change(tx: ParticipationTx, meeting: Meeting) -> None:
        decision = meeting.decide(
            command.item_id,
            new_id(),
            command.method,
            command.text,
            caller.person_id,
            ports.clock(),
            command.outcome,
        )
        made.append(decision)
        tx.publish([decision_made(meeting, decision)])

    meeting = await _change(ports, caller, command.meeting_id, change)
    return meeting, made[-1]


async def record_minutes(
    ports: ParticipationPorts, caller: Principal, meeting_id: str, minutes: str
) -> Meeting:
    async def change(tx: ParticipationTx, meeting: Meeting) -> None:
        meeting.record_minutes(minutes)

    return await _change(ports, caller, meeting_id, change)


async def close_meeting(
    ports: ParticipationPorts, caller: Principal, meeting_id: str, minutes: str | None
) -> Meeting:
    async def change(tx: ParticipationTx, meeting: Meeting) -> None:
        meeting.close(ports.clock(), minutes)

    return await _change(ports, caller, meeting_id, change)
