"""The notifications subgraph's subscription: your new notices, live (`myNotices`).

Served to the gateway as Server-Sent Events like the cases subscriptions; docs/graph.md, "Live
updates", shows a client.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry
from strawberry.types import Info

from grassroots_notifications.graphql.context import Context
from grassroots_notifications.graphql.types import Notice
from grassroots_notifications.handlers import watching


@strawberry.type(description="A notice that was just put in your inbox.")
class NoticeArrived:
    cursor: str = strawberry.field(
        description="Pass it as `after` when you subscribe again to receive what you missed."
    )
    notice: Notice = strawberry.field(description="The notice, as myInbox lists it.")


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Your new notices as they arrive, and only yours (sign in first). `after`: "
        "the cursor of the last one you received, to catch up first (events of the last 7 days)."
    )
    async def my_notices(
        self, info: Info[Context, None], after: str | None = None
    ) -> AsyncGenerator[NoticeArrived, None]:
        context = info.context
        async for arrived in watching.watch_notices(
            context.ports, context.caller, after, context.recheck_caller
        ):
            yield NoticeArrived(cursor=arrived.cursor, notice=Notice.from_domain(arrived.notice))
