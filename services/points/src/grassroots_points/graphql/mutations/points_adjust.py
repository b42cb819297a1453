from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_points.graphql.context import Context
from grassroots_points.graphql.types import LedgerEntry
from grassroots_points.handlers.adjustments import AdjustPoints, adjust_points


@strawberry.input(description="A manual correction of a balance by community staff.")
class AdjustPointsInput:
    person_id: strawberry.ID = strawberry.field(description="Whose balance.")
    delta: int = strawberry.field(
        description="Points to add (positive) or take (negative); never below a zero balance."
    )
    reason: str = strawberry.field(description="Why; required and kept in the ledger.")


@strawberry.type(description="The result of adjustPoints.")
class AdjustPointsPayload:
    entry: LedgerEntry = strawberry.field(description="The ledger entry recording it.")


async def resolve_adjust_points(
    info: Info[Context, None], input: AdjustPointsInput
) -> AdjustPointsPayload:
    entry = await adjust_points(
        info.context.ports,
        info.context.require_caller(),
        AdjustPoints(str(input.person_id), input.delta, input.reason),
    )
    return AdjustPointsPayload(entry=LedgerEntry.from_domain(entry))
