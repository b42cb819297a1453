"""Root queries of the notifications subgraph: always the caller's own."""

from __future__ import annotations

import strawberry
from grassroots_kit.graphql.connections import Connection, decode_cursor, page_size, to_connection
from strawberry.types import Info

from grassroots_notifications.graphql.context import Context
from grassroots_notifications.graphql.types import Notice, NoticePreferences
from grassroots_notifications.handlers import inbox


@strawberry.type
class Query:
    @strawberry.field(description="Your notices, newest first; only ever your own (sign in first).")
    async def my_inbox(
        self,
        info: Info[Context, None],
        first: int | None = 20,
        after: str | None = None,
        unread_only: bool = False,
    ) -> Connection[Notice]:
        ctx = info.context
        caller = ctx.require_caller()
        size = page_size(first)
        key = decode_cursor(after) if after else None
        page = await inbox.inbox(ctx.ports, caller, unread_only, size, key)
        return to_connection(page, lambda n: (n.created_at.isoformat(), n.id), Notice.from_domain)

    @strawberry.field(description="How many of your notices are unread.")
    async def unread_notice_count(self, info: Info[Context, None]) -> int:
        ctx = info.context
        return await inbox.unread_count(ctx.ports, ctx.require_caller())

    @strawberry.field(description="Your notice preferences (defaults until you set them).")
    async def my_notice_preferences(self, info: Info[Context, None]) -> NoticePreferences:
        ctx = info.context
        prefs = await inbox.preferences(ctx.ports, ctx.require_caller())
        return NoticePreferences.from_domain(prefs, ctx.ports.channels)
