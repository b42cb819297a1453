"""`rateCase`: the reporter answers a resolution; a low rating reopens the case."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.mutations._common import CaseRef, transition
from grassroots_cases.graphql.types import Case
from grassroots_cases.handlers.case_commands import rate_case


@strawberry.input(description="Rate a resolved case.")
class RateCaseInput(CaseRef):
    score: int = strawberry.field(description="1 (bad) to 5 (excellent); 1-2 reopens the case.")
    comment: str | None = strawberry.field(default=None, description="What you think.")


@strawberry.type(description="The result of rateCase.")
class RateCasePayload:
    case: Case = strawberry.field(description="The case as it is now.")


async def resolve_case_rate(info: Info[Context, None], input: RateCaseInput) -> RateCasePayload:
    case = await rate_case(
        info.context.ports, info.context.caller, transition(input), input.score, input.comment
    )
    return RateCasePayload(case=Case.from_domain(case))
