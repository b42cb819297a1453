"""`assignCase`: Assign a case to someone who serves its area."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.mutations._common import CaseRef, transition
from grassroots_cases.graphql.types import Case
from grassroots_cases.handlers.case_commands import assign_case


@strawberry.input(description="Assign a case to someone who serves its area.")
class AssignCaseInput(CaseRef):
    assignee_id: strawberry.ID = strawberry.field(description="Who will work it.")


@strawberry.type(description="The result of assignCase.")
class AssignCasePayload:
    case: Case = strawberry.field(description="The case as it is now.")


async def resolve_case_assign(
    info: Info[Context, None], input: AssignCaseInput
) -> AssignCasePayload:
    case = await assign_case(
        info.context.ports, info.context.caller, transition(input), str(input.assignee_id)
    )
    return AssignCasePayload(case=Case.from_domain(case))
