"""`acceptCase`: Take up a reported case, or report for duty on a dispatched one."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.mutations._common import CaseRef, transition
from grassroots_cases.graphql.types import Case
from grassroots_cases.handlers.case_commands import accept_case


@strawberry.input(description="Take up a reported case, or report for duty on a dispatched one.")
class AcceptCaseInput(CaseRef):
    pass


@strawberry.type(description="The result of acceptCase.")
class AcceptCasePayload:
    case: Case = strawberry.field(description="The case as it is now.")


async def resolve_case_accept(
    info: Info[Context, None], input: AcceptCaseInput
) -> AcceptCasePayload:
    case = await accept_case(info.context.ports, info.context.caller, transition(input))
    return AcceptCasePayload(case=Case.from_domain(case))
