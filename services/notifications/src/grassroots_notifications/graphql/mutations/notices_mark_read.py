from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_notifications.graphql.context import Context
from grassroots_notifications.handlers import inbox


@strawberry.input(description="Mark your notices read: the ones listed, or all of them.")
class MarkNoticesReadInput:
    ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Your notices to mark read (at most 100); others are ignored."
    )
    all: bool = strawberry.field(default=False, description="Mark every notice of yours read.")


@strawberry.type(description="The result of markNoticesRead.")
class MarkNoticesReadPayload:
    marked: int = strawberry.field(description="How many unread notices it marked read.")
    unread_notice_count: int = strawberry.field(description="How many are still unread.")


async def resolve_mark_notices_read(
    info: Info[Context, None], input: MarkNoticesReadInput
) -> MarkNoticesReadPayload:
    ctx = info.context
    caller = ctx.require_caller()
    ids = [str(i) for i in input.ids] if input.ids is not None else None
    marked = await inbox.mark_read(ctx.ports, caller, ids, input.all)
    return MarkNoticesReadPayload(
        marked=marked, unread_notice_count=await inbox.unread_count(ctx.ports, caller)
    )
