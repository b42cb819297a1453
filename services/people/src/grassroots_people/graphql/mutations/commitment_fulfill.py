from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.domain.ids import CommitmentId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.commitment import Commitment
from grassroots_people.handlers.commitments import FulfillCommitment, fulfill_commitment


@strawberry.input(
    description="Claim a commitment fulfilled, with evidence; it is FULFILLED (and earns) once "
    "someone else serving its unit confirms it (confirmCommitment)."
)
class FulfillCommitmentInput:
    commitment_id: strawberry.ID = strawberry.field(description="The commitment.")
    evidence: str = strawberry.field(description="What shows it was kept.")


@strawberry.type(description="The result of fulfillCommitment.")
class FulfillCommitmentPayload:
    commitment: Commitment = strawberry.field(
        description="The commitment, claimed and waiting for confirmation."
    )


async def resolve_fulfill_commitment(
    info: Info[Context, None], input: FulfillCommitmentInput
) -> FulfillCommitmentPayload:
    commitment = await fulfill_commitment(
        info.context.runtime.ports,
        info.context.caller,
        FulfillCommitment(
            commitment_id=CommitmentId(str(input.commitment_id)), evidence=input.evidence
        ),
    )
    return FulfillCommitmentPayload(commitment=Commitment.from_domain(commitment, info.context.now))
