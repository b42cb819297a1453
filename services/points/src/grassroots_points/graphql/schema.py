"""The points subgraph's schema, exported to services/points/schema.graphql."""

from __future__ import annotations

import strawberry
from grassroots_kit.graphql.schema import SubgraphSchema

from grassroots_points.graphql.catalog_types import Reward
from grassroots_points.graphql.mutations.events_reprocess import (
    ReprocessEventsPayload,
    resolve_reprocess_events,
)
from grassroots_points.graphql.mutations.point_rule_delete import (
    DeletePointRulePayload,
    resolve_delete_point_rule,
)
from grassroots_points.graphql.mutations.point_rule_set import (
    SetPointRulePayload,
    resolve_set_point_rule,
)
from grassroots_points.graphql.mutations.points_adjust import (
    AdjustPointsPayload,
    resolve_adjust_points,
)
from grassroots_points.graphql.mutations.redemption_cancel import (
    CancelRedemptionPayload,
    resolve_cancel_redemption,
)
from grassroots_points.graphql.mutations.redemption_fulfill import (
    FulfillRedemptionPayload,
    resolve_fulfill_redemption,
)
from grassroots_points.graphql.mutations.reward_create import (
    CreateRewardPayload,
    resolve_create_reward,
)
from grassroots_points.graphql.mutations.reward_redeem import (
    RedeemRewardPayload,
    resolve_redeem_reward,
)
from grassroots_points.graphql.mutations.reward_restock import (
    RestockRewardPayload,
    resolve_restock_reward,
)
from grassroots_points.graphql.mutations.reward_update import (
    UpdateRewardPayload,
    resolve_update_reward,
)
from grassroots_points.graphql.org_unit import OrgUnit
from grassroots_points.graphql.queries import Query
from grassroots_points.graphql.types import Person


@strawberry.type
class Mutation:
    set_point_rule: SetPointRulePayload = strawberry.mutation(
        resolver=resolve_set_point_rule, description="Set a point rule (platform admins)."
    )
    delete_point_rule: DeletePointRulePayload = strawberry.mutation(
        resolver=resolve_delete_point_rule, description="Delete a point rule (platform admins)."
    )
    create_reward: CreateRewardPayload = strawberry.mutation(
        resolver=resolve_create_reward, description="Add a reward to a community's catalog."
    )
    update_reward: UpdateRewardPayload = strawberry.mutation(
        resolver=resolve_update_reward, description="Rename, re-price, offer or withdraw a reward."
    )
    restock_reward: RestockRewardPayload = strawberry.mutation(
        resolver=resolve_restock_reward, description="Add items to a reward's stock."
    )
    redeem_reward: RedeemRewardPayload = strawberry.mutation(
        resolver=resolve_redeem_reward,
        description="Exchange your points for a reward: stock and points change together.",
    )
    fulfill_redemption: FulfillRedemptionPayload = strawberry.mutation(
        resolver=resolve_fulfill_redemption, description="Record that the items were handed over."
    )
    cancel_redemption: CancelRedemptionPayload = strawberry.mutation(
        resolver=resolve_cancel_redemption,
        description="Cancel a redemption not yet handed over: refund the points, restore stock.",
    )
    adjust_points: AdjustPointsPayload = strawberry.mutation(
        resolver=resolve_adjust_points,
        description="Correct a balance within your scope, with a reason (community staff).",
    )
    reprocess_events: ReprocessEventsPayload = strawberry.mutation(
        resolver=resolve_reprocess_events,
        description="Apply today's rules to awarding events consumed earlier (platform admins).",
    )


schema = SubgraphSchema(
    service="points",
    query=Query,
    mutation=Mutation,
    types=[OrgUnit, Person, Reward],
)
