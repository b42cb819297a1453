from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_points.graphql.context import Context
from grassroots_points.handlers.reprocess import reprocess_events


@strawberry.input(description="Apply the rules in force to every awarding event consumed so far.")
class ReprocessEventsInput:
    confirm: bool = strawberry.field(description="Must be true.")


@strawberry.type(description="The result of reprocessEvents.")
class ReprocessEventsPayload:
    events: int = strawberry.field(description="Events looked at.")
    entries: int = strawberry.field(description="Ledger entries they newly produced.")


async def resolve_reprocess_events(
    info: Info[Context, None], input: ReprocessEventsInput
) -> ReprocessEventsPayload:
    done = await reprocess_events(info.context.ports, info.context.require_caller(), input.confirm)
    return ReprocessEventsPayload(events=done.events, entries=done.entries)
