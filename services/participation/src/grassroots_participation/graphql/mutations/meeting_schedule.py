from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.types import Info

from grassroots_participation.domain import meetings as domain
from grassroots_participation.graphql.context import Context
from grassroots_participation.graphql.types import Meeting
from grassroots_participation.handlers.meetings import ScheduleMeeting, schedule_meeting


@strawberry.input(description="A meeting that repeats every week, e.g. every Friday.")
class RecurrenceInput:
    weekday: domain.Weekday = strawberry.field(
        description="The day it repeats on; the first meeting must fall on it (business time)."
    )
    until: date | None = strawberry.field(
        default=None, description="The last date it may take place on; none for no end."
    )


@strawberry.input(description="A household invited to vote, through its representative.")
class InvitedHouseholdInput:
    household_id: strawberry.ID = strawberry.field(description="The household.")
    representative_id: strawberry.ID = strawberry.field(
        description="A member of the household who votes for it."
    )


@strawberry.input(description="A meeting to schedule at an org unit.")
class ScheduleMeetingInput:
    org_unit_id: strawberry.ID = strawberry.field(description="Where it is held.")
    kind: domain.MeetingKind = strawberry.field(description="What kind of meeting.")
    title: str = strawberry.field(description="What it is called, e.g. `Friday discussion day`.")
    starts_at: datetime = strawberry.field(description="When it (first) takes place.")
    ends_at: datetime | None = strawberry.field(default=None, description="When it should end.")
    location: str = strawberry.field(default="", description="Where people gather.")
    recurrence: RecurrenceInput | None = strawberry.field(
        default=None, description="Weekly repetition; none for a single meeting."
    )
    households: list[InvitedHouseholdInput] = strawberry.field(
        default_factory=list, description="Households invited (at most 300)."
    )
    organization_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Organizations invited (at most 30)."
    )


@strawberry.type(description="The result of scheduleMeeting.")
class ScheduleMeetingPayload:
    meeting: Meeting = strawberry.field(description="The meeting just scheduled.")


async def resolve_schedule_meeting(
    info: Info[Context, None], input: ScheduleMeetingInput
) -> ScheduleMeetingPayload:
    rec = input.recurrence
    meeting = await schedule_meeting(
        info.context.ports,
        info.context.require_caller(),
        ScheduleMeeting(
            org_unit_id=str(input.org_unit_id),
            kind=input.kind,
            title=input.title,
            starts_at=input.starts_at,
            ends_at=input.ends_at,
            location=input.location,
            recurrence=domain.Recurrence(rec.weekday, rec.until) if rec else None,
            households=tuple(
                domain.InvitedHousehold(str(h.household_id), str(h.representative_id))
                for h in input.households
            ),
            organization_ids=tuple(str(o) for o in input.organization_ids),
        ),
    )
    return ScheduleMeetingPayload(meeting=Meeting.from_domain(meeting))
