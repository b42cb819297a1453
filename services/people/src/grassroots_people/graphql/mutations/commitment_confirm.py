from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.domain.ids import CommitmentId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.commitment import Commitment
from grassroots_people.handlers.commitments import ConfirmCommitment, confirm_commitment


@strawberry.input(
    description="Confirm that a commitment claimed fulfilled was kept: someone serving its "
    "unit, never the promiser."
)
class ConfirmCommitmentInput:
    commitment_id: strawberry.ID = strawberry.field(description="The commitment.")


@strawberry.type(description="The result of confirmCommitment.")
class ConfirmCommitmentPayload:
    commitment: Commitment = strawberry.field(description="The commitment, now fulfilled.")


async def resolve_confirm_commitment(
    info: Info[Context, None], input: ConfirmCommitmentInput
) -> ConfirmCommitmentPayload:
    commitment = await confirm_commitment(
        info.context.runtime.ports,
        info.context.caller,
        ConfirmCommitment(commitment_id=CommitmentId(str(input.commitment_id))),
    )
    return ConfirmCommitmentPayload(commitment=Commitment.from_domain(commitment, info.context.now))
