"""`rejectCase`: Reject a case as duplicate or out of scope."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.mutations._common import CaseRef, transition
from grassroots_cases.graphql.types import Case
from grassroots_cases.handlers.case_commands import reject_case


@strawberry.input(description="Reject a case as duplicate or out of scope.")
class RejectCaseInput(CaseRef):
    reason: str = strawberry.field(description="Why it is rejected.")


@strawberry.type(description="The result of rejectCase.")
class RejectCasePayload:
    case: Case = strawberry.field(description="The case as it is now.")


async def resolve_case_reject(
    info: Info[Context, None], input: RejectCaseInput
) -> RejectCasePayload:
    case = await reject_case(
        info.context.ports, info.context.caller, transition(input), input.reason
    )
    return RejectCasePayload(case=Case.from_domain(case))
