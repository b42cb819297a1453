from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_points.graphql.context import Context
from grassroots_points.graphql.types import PointRule
from grassroots_points.handlers.rules import delete_point_rule


@strawberry.input(description="The rule to delete; events processed afterwards ignore it.")
class DeletePointRuleInput:
    id: strawberry.ID = strawberry.field(description="The rule's id.")


@strawberry.type(description="The result of deletePointRule.")
class DeletePointRulePayload:
    point_rule: PointRule = strawberry.field(description="The rule as it was before deletion.")


async def resolve_delete_point_rule(
    info: Info[Context, None], input: DeletePointRuleInput
) -> DeletePointRulePayload:
    rule = await delete_point_rule(info.context.ports, info.context.require_caller(), str(input.id))
    return DeletePointRulePayload(point_rule=PointRule.from_domain(rule))
