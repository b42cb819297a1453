"""The notifications subgraph's schema, exported to services/notifications/schema.graphql."""

from __future__ import annotations

import strawberry
from grassroots_kit.graphql.schema import SubgraphSchema

from grassroots_notifications.graphql.mutations.notice_preferences_set import (
    SetNoticePreferencesPayload,
    resolve_set_notice_preferences,
)
from grassroots_notifications.graphql.mutations.notices_mark_read import (
    MarkNoticesReadPayload,
    resolve_mark_notices_read,
)
from grassroots_notifications.graphql.queries import Query
from grassroots_notifications.graphql.subscriptions import Subscription


@strawberry.type
class Mutation:
    mark_notices_read: MarkNoticesReadPayload = strawberry.mutation(
        resolver=resolve_mark_notices_read,
        description="Mark your notices read (listed ones, or all).",
    )
    set_notice_preferences: SetNoticePreferencesPayload = strawberry.mutation(
        resolver=resolve_set_notice_preferences,
        description="Choose which notices you get, on which channels, and your quiet hours.",
    )


schema = SubgraphSchema(
    service="notifications", query=Query, mutation=Mutation, subscription=Subscription
)
