"""`dispatchCase`: From the street up: hand a case to a department or red partner."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.mutations._common import CaseRef, transition
from grassroots_cases.graphql.types import Case
from grassroots_cases.handlers.case_commands import dispatch_case


@strawberry.input(description="From the street up: hand a case to a department or red partner.")
class DispatchCaseInput(CaseRef):
    organization_id: strawberry.ID = strawberry.field(
        description="The organization that must report for duty."
    )


@strawberry.type(description="The result of dispatchCase.")
class DispatchCasePayload:
    case: Case = strawberry.field(description="The case as it is now.")


async def resolve_case_dispatch(
    info: Info[Context, None], input: DispatchCaseInput
) -> DispatchCasePayload:
    case = await dispatch_case(
        info.context.ports, info.context.caller, transition(input), str(input.organization_id)
    )
    return DispatchCasePayload(case=Case.from_domain(case))
