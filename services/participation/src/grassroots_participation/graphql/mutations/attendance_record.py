from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_participation.graphql.context import Context
from grassroots_participation.graphql.types import Meeting
from grassroots_participation.handlers.meetings import record_attendance


@strawberry.input(description="People present at a meeting.")
class RecordAttendanceInput:
    meeting_id: strawberry.ID = strawberry.field(description="The meeting.")
    person_ids: list[strawberry.ID] = strawberry.field(
        description="Who is present (at most 200 at a time; each is recorded once)."
    )


@strawberry.type(description="The result of recordAttendance.")
class RecordAttendancePayload:
    meeting: Meeting = strawberry.field(description="The meeting with its attendance.")


async def resolve_record_attendance(
    info: Info[Context, None], input: RecordAttendanceInput
) -> RecordAttendancePayload:
    meeting = await record_attendance(
        info.context.ports,
        info.context.require_caller(),
        str(input.meeting_id),
        [str(p) for p in input.person_ids],
    )
    return RecordAttendancePayload(meeting=Meeting.from_domain(meeting))
