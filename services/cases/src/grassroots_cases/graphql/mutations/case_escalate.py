"""`escalateCase`: move a case up the ladder ("blow the whistle"), with a reason."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.enums import CaseLevel, EscalationReason
from grassroots_cases.graphql.mutations._common import CaseRef, transition
from grassroots_cases.graphql.types import Case
from grassroots_cases.handlers.case_commands import escalate_case


@strawberry.input(description="Escalate a case.")
class EscalateCaseInput(CaseRef):
    reason: EscalationReason = strawberry.field(
        default=EscalationReason.MANUAL, description="MANUAL or BEYOND_AUTHORITY."
    )
    to_level: CaseLevel | None = strawberry.field(
        default=None, description="The rung to go to; the next one up when omitted."
    )
    note: str | None = strawberry.field(default=None, description="Why, for the next rung.")


@strawberry.type(description="The result of escalateCase.")
class EscalateCasePayload:
    case: Case = strawberry.field(description="The case as it is now.")


async def resolve_case_escalate(
    info: Info[Context, None], input: EscalateCaseInput
) -> EscalateCasePayload:
    case = await escalate_case(
        info.context.ports,
        info.context.caller,
        transition(input),
        input.reason,
        input.to_level,
        input.note,
    )
    return EscalateCasePayload(case=Case.from_domain(case))
