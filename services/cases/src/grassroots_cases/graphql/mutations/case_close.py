"""`closeCase`: Close a resolved case."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.mutations._common import CaseRef, transition
from grassroots_cases.graphql.types import Case
from grassroots_cases.handlers.case_commands import close_case


@strawberry.input(description="Close a resolved case.")
class CloseCaseInput(CaseRef):
    note: str | None = strawberry.field(default=None, description="Why, if not rated.")


@strawberry.type(description="The result of closeCase.")
class CloseCasePayload:
    case: Case = strawberry.field(description="The case as it is now.")


async def resolve_case_close(info: Info[Context, None], input: CloseCaseInput) -> CloseCasePayload:
    case = await close_case(info.context.ports, info.context.caller, transition(input), input.note)
    return CloseCasePayload(case=Case.from_domain(case))
