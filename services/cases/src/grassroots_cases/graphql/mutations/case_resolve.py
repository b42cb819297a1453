"""`resolveCase`: Record what was done; the reporter is asked to rate it."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.mutations._common import CaseRef, transition
from grassroots_cases.graphql.types import Case
from grassroots_cases.handlers.case_commands import resolve_case


@strawberry.input(description="Record what was done; the reporter is asked to rate it.")
class ResolveCaseInput(CaseRef):
    resolution: str = strawberry.field(description="What was done.")
    media_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Photos of the result (after): ids from requestPhotoUpload that you uploaded.",
    )


@strawberry.type(description="The result of resolveCase.")
class ResolveCasePayload:
    case: Case = strawberry.field(description="The case as it is now.")


async def resolve_case_resolve(
    info: Info[Context, None], input: ResolveCaseInput
) -> ResolveCasePayload:
    case = await resolve_case(
        info.context.ports,
        info.context.caller,
        transition(input),
        input.resolution,
        [str(m) for m in input.media_ids or ()],
    )
    return ResolveCasePayload(case=Case.from_domain(case))
