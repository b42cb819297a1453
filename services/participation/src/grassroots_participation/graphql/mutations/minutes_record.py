from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_participation.graphql.context import Context
from grassroots_participation.graphql.types import Meeting
from grassroots_participation.handlers.meetings import record_minutes


@strawberry.input(description="A meeting's minutes (replacing any recorded before).")
class RecordMinutesInput:
    meeting_id: strawberry.ID = strawberry.field(description="The meeting.")
    minutes: str = strawberry.field(description="The minutes, at most 20,000 characters.")


@strawberry.type(description="The result of recordMinutes.")
class RecordMinutesPayload:
    meeting: Meeting = strawberry.field(description="The meeting with its minutes.")


async def resolve_record_minutes(
    info: Info[Context, None], input: RecordMinutesInput
) -> RecordMinutesPayload:
    meeting = await record_minutes(
        info.context.ports, info.context.require_caller(), str(input.meeting_id), input.minutes
    )
    return RecordMinutesPayload(meeting=Meeting.from_domain(meeting))
