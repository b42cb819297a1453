"""`reopenCase`: Reopen a resolved or closed case (the reporter within 7 days)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.mutations._common import CaseRef, transition
from grassroots_cases.graphql.types import Case
from grassroots_cases.handlers.case_commands import reopen_case


@strawberry.input(description="Reopen a resolved or closed case (the reporter within 7 days).")
class ReopenCaseInput(CaseRef):
    reason: str = strawberry.field(description="What is still wrong.")


@strawberry.type(description="The result of reopenCase.")
class ReopenCasePayload:
    case: Case = strawberry.field(description="The case as it is now.")


async def resolve_case_reopen(
    info: Info[Context, None], input: ReopenCaseInput
) -> ReopenCasePayload:
    case = await reopen_case(
        info.context.ports, info.context.caller, transition(input), input.reason
    )
    return ReopenCasePayload(case=Case.from_domain(case))
