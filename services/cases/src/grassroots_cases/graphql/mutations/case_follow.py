"""`followCase`, `unfollowCase` and `addMeToo`: follow a case you may see, or say you have the
same problem instead of reporting it again. The payload carries the counts, not the case: a
neighbour who may follow a case sees only its hint (domain.access), never its details."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_cases.domain.following import FollowCounts
from grassroots_cases.graphql.context import Context
from grassroots_cases.handlers import following


@strawberry.input(description='A case to follow, unfollow or add your "me too" to.')
class FollowCaseInput:
    case_id: strawberry.ID = strawberry.field(description="The case.")


@strawberry.type(description="The result of followCase, unfollowCase or addMeToo.")
class FollowCasePayload:
    case_id: strawberry.ID = strawberry.field(description="The case.")
    follower_count: int = strawberry.field(description="How many people follow it now.")
    me_too_count: int = strawberry.field(description='How many said "me too".')
    followed_by_me: bool = strawberry.field(description="Whether you follow it now.")
    me_too_by_me: bool = strawberry.field(description='Whether you said "me too".')

    @classmethod
    def of(cls, case_id: str, counts: FollowCounts) -> FollowCasePayload:
        return cls(
            case_id=strawberry.ID(case_id),
            follower_count=counts.followers,
            me_too_count=counts.me_too,
            followed_by_me=counts.followed_by_me,
            me_too_by_me=counts.me_too_by_me,
        )


async def resolve_follow_case(
    info: Info[Context, None], input: FollowCaseInput
) -> FollowCasePayload:
    ctx = info.context
    case, counts = await following.follow_case(ctx.ports, ctx.caller, str(input.case_id))
    return FollowCasePayload.of(case.id, counts)


async def resolve_unfollow_case(
    info: Info[Context, None], input: FollowCaseInput
) -> FollowCasePayload:
    ctx = info.context
    case, counts = await following.unfollow_case(ctx.ports, ctx.caller, str(input.case_id))
    return FollowCasePayload.of(case.id, counts)


async def resolve_add_me_too(
    info: Info[Context, None], input: FollowCaseInput
) -> FollowCasePayload:
    ctx = info.context
    case, counts = await following.add_me_too(ctx.ports, ctx.caller, str(input.case_id))
    return FollowCasePayload.of(case.id, counts)
