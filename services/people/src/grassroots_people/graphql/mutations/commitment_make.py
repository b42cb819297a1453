from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from grassroots_people.domain.ids import PersonId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.commitment import Commitment
from grassroots_people.handlers.commitments import MakeCommitment, make_commitment


@strawberry.input(description="A party member publishes a commitment.")
class MakeCommitmentInput:
    text: str = strawberry.field(description="What is promised.")
    due_by: datetime = strawberry.field(description="When it is due.")
    person_id: strawberry.ID | None = strawberry.field(
        default=None, description="The party member; default the caller."
    )


@strawberry.type(description="The result of makeCommitment.")
class MakeCommitmentPayload:
    commitment: Commitment = strawberry.field(description="The commitment published.")


async def resolve_make_commitment(
    info: Info[Context, None], input: MakeCommitmentInput
) -> MakeCommitmentPayload:
    commitment = await make_commitment(
        info.context.runtime.ports,
        info.context.caller,
        MakeCommitment(
            person_id=PersonId(str(input.person_id)) if input.person_id else None,
            text=input.text,
            due_by=input.due_by,
        ),
    )
    return MakeCommitmentPayload(commitment=Commitment.from_domain(commitment, info.context.now))
