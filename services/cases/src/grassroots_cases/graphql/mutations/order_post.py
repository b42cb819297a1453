"""`postOrder`: Post a case on the order board."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.mutations._common import CaseRef, transition
from grassroots_cases.graphql.types import Case
from grassroots_cases.handlers.case_commands import post_order


@strawberry.input(description="Post a case on the order board.")
class PostOrderInput(CaseRef):
    pass


@strawberry.type(description="The result of postOrder.")
class PostOrderPayload:
    case: Case = strawberry.field(description="The case as it is now.")


async def resolve_order_post(info: Info[Context, None], input: PostOrderInput) -> PostOrderPayload:
    case = await post_order(info.context.ports, info.context.caller, transition(input))
    return PostOrderPayload(case=Case.from_domain(case))
