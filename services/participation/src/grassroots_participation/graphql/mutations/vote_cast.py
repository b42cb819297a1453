from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_participation.domain import meetings as domain
from grassroots_participation.graphql.context import Context
from grassroots_participation.graphql.types import AgendaItem
from grassroots_participation.handlers.meetings import cast_vote


@strawberry.input(description="Your household's vote on an agenda item.")
class CastVoteInput:
    meeting_id: strawberry.ID = strawberry.field(description="The meeting.")
    item_id: strawberry.ID = strawberry.field(description="The agenda item.")
    choice: domain.Choice = strawberry.field(description="For, against, or abstain.")


@strawberry.type(description="The result of castVote.")
class CastVotePayload:
    item: AgendaItem = strawberry.field(description="The item with the votes so far.")
    choice: domain.Choice = strawberry.field(description="The vote recorded.")


async def resolve_cast_vote(info: Info[Context, None], input: CastVoteInput) -> CastVotePayload:
    meeting, vote = await cast_vote(
        info.context.ports,
        info.context.require_caller(),
        str(input.meeting_id),
        str(input.item_id),
        input.choice,
    )
    item = meeting.item(str(input.item_id))
    return CastVotePayload(item=AgendaItem.from_domain(meeting, item), choice=vote.choice)
