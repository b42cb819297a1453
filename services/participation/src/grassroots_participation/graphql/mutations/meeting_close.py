from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_participation.graphql.context import Context
from grassroots_participation.graphql.types import Meeting
from grassroots_participation.handlers.meetings import close_meeting


@strawberry.input(description="Close a meeting: it takes no more votes, decisions or agenda.")
class CloseMeetingInput:
    meeting_id: strawberry.ID = strawberry.field(description="The meeting.")
    minutes: str | None = strawberry.field(
        default=None, description="Its minutes, if not recorded yet."
    )


@strawberry.type(description="The result of closeMeeting.")
class CloseMeetingPayload:
    meeting: Meeting = strawberry.field(description="The closed meeting.")


async def resolve_close_meeting(
    info: Info[Context, None], input: CloseMeetingInput
) -> CloseMeetingPayload:
    meeting = await close_meeting(
        info.context.ports, info.context.require_caller(), str(input.meeting_id), input.minutes
    )
    return CloseMeetingPayload(meeting=Meeting.from_domain(meeting))
