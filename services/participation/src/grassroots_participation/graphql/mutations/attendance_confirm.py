from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from grassroots_participation.graphql.activity_types import Activity, ActivityAttendance
from grassroots_participation.graphql.context import Context
from grassroots_participation.handlers.activities import ConfirmAttendance, confirm_attendance


@strawberry.input(
    description="The organizer's confirmation that a volunteer served (never one's own)."
)
class ConfirmAttendanceInput:
    activity_id: strawberry.ID = strawberry.field(description="The activity.")
    person_id: strawberry.ID = strawberry.field(description="The volunteer, who signed up.")
    on: date = strawberry.field(
        description="The date served: one the activity takes place on, today or earlier."
    )
    minutes_served: int = strawberry.field(description="Minutes served (1 to 720).")


@strawberry.type(description="The result of confirmAttendance.")
class ConfirmAttendancePayload:
    activity: Activity = strawberry.field(description="The activity.")
    attendance: ActivityAttendance = strawberry.field(description="The attendance recorded.")


async def resolve_confirm_attendance(
    info: Info[Context, None], input: ConfirmAttendanceInput
) -> ConfirmAttendancePayload:
    ctx = info.context
    activity, attendance = await confirm_attendance(
        ctx.activities,
        ctx.require_caller(),
        ConfirmAttendance(
            activity_id=str(input.activity_id),
            person_id=str(input.person_id),
            on=input.on,
            minutes_served=input.minutes_served,
        ),
    )
    return ConfirmAttendancePayload(
        activity=Activity.from_domain(activity),
        attendance=ActivityAttendance.from_domain(attendance),
    )
