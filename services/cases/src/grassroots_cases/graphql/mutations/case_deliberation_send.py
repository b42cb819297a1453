"""`sendCaseToDeliberation`: a handler asks a meeting to decide the case; it waits meanwhile."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.mutations._common import CaseRef, transition
from grassroots_cases.graphql.types import Case
from grassroots_cases.handlers.deliberation import send_case_to_deliberation


@strawberry.input(description="Send a case to deliberation.")
class SendCaseToDeliberationInput(CaseRef):
    reason: str = strawberry.field(description="Why a meeting must decide it.")


@strawberry.type(description="The result of sendCaseToDeliberation.")
class SendCaseToDeliberationPayload:
    case: Case = strawberry.field(description="The case as it is now: IN_DELIBERATION.")


async def resolve_case_deliberation_send(
    info: Info[Context, None], input: SendCaseToDeliberationInput
) -> SendCaseToDeliberationPayload:
    case = await send_case_to_deliberation(
        info.context.ports, info.context.caller, transition(input), input.reason
    )
    return SendCaseToDeliberationPayload(case=Case.from_domain(case))
