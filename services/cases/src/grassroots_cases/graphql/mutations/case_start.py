"""`startCase`: The assignee starts work."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.mutations._common import CaseRef, transition
from grassroots_cases.graphql.types import Case
from grassroots_cases.handlers.case_commands import start_case


@strawberry.input(description="The assignee starts work.")
class StartCaseInput(CaseRef):
    pass


@strawberry.type(description="The result of startCase.")
class StartCasePayload:
    case: Case = strawberry.field(description="The case as it is now.")


async def resolve_case_start(info: Info[Context, None], input: StartCaseInput) -> StartCasePayload:
    case = await start_case(info.context.ports, info.context.caller, transition(input))
    return StartCasePayload(case=Case.from_domain(case))
