"""The cases subgraph's subscriptions: live cases and the live order board.

Served to the gateway as Server-Sent Events (grassroots_kit.graphql.app); docs/graph.md,
"Live updates", shows a client. A resolver maps its arguments to `handlers.watching` and each
change to its payload.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry
from strawberry.types import Info

from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.types import Case
from grassroots_cases.handlers import watching


@strawberry.type(description="Something happened to a case you may read.")
class CaseChange:
    event_id: strawberry.ID = strawberry.field(
        description="The event's id; a resumed stream may repeat one you already have: skip it."
    )
    event_type: str = strawberry.field(
        description="What happened, as the event type: case.reported, case.assigned, "
        "case.escalated, case.resolved, case.closed, case.reopened, case.sent_to_deliberation, "
        "order.posted or order.taken."
    )
    cursor: str = strawberry.field(
        description="Pass it as `after` when you subscribe again to receive what you missed."
    )
    case_id: strawberry.ID = strawberry.field(description="The case it happened to.")
    case: Case | None = strawberry.field(
        description="The case as it is now; null when you may no longer read it."
    )

    @classmethod
    def from_handler(cls, change: watching.CaseChange) -> CaseChange:
        return cls(
            event_id=strawberry.ID(change.event_id),
            event_type=change.event_type,
            cursor=change.cursor,
            case_id=strawberry.ID(change.case_id),
            case=Case.from_domain(change.case) if change.case is not None else None,
        )


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="What happens to the cases of an org unit's subtree that you may read "
        "(staff of the area: all of them; a resident: their own). `after`: the cursor of the "
        "last change you received, to catch up first (events of the last 7 days)."
    )
    async def case_changed(
        self, info: Info[Context, None], org_unit_id: strawberry.ID, after: str | None = None
    ) -> AsyncGenerator[CaseChange, None]:
        context = info.context
        async for change in watching.watch_cases(
            context.ports, context.caller, str(org_unit_id), after, context.recheck_caller
        ):
            yield CaseChange.from_handler(change)

    @strawberry.subscription(
        description="Orders posted to and taken from the order board of an org unit's subtree "
        "(for those who may open the board). `after` as in caseChanged."
    )
    async def order_board_changed(
        self, info: Info[Context, None], org_unit_id: strawberry.ID, after: str | None = None
    ) -> AsyncGenerator[CaseChange, None]:
        context = info.context
        async for change in watching.watch_board(
            context.ports, context.caller, str(org_unit_id), after, context.recheck_caller
        ):
            yield CaseChange.from_handler(change)
