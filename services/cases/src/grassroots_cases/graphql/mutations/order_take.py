"""`takeOrder`: Take an order from the board; exactly one taker wins."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.mutations._common import CaseRef, transition
from grassroots_cases.graphql.types import Case
from grassroots_cases.handlers.case_commands import take_order


@strawberry.input(description="Take an order from the board; exactly one taker wins.")
class TakeOrderInput(CaseRef):
    pass


@strawberry.type(description="The result of takeOrder.")
class TakeOrderPayload:
    case: Case = strawberry.field(description="The case as it is now.")


async def resolve_order_take(info: Info[Context, None], input: TakeOrderInput) -> TakeOrderPayload:
    case = await take_order(info.context.ports, info.context.caller, transition(input))
    return TakeOrderPayload(case=Case.from_domain(case))
