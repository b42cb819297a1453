"""What every case mutation's input shares: which case, and optionally which version of it."""

from __future__ import annotations

import strawberry

from grassroots_cases.handlers.transitions import Transition


@strawberry.input(description="Which case to act on.")
class CaseRef:
    case_id: strawberry.ID = strawberry.field(description="The case.")
    expected_version: int | None = strawberry.field(
        default=None,
        description="The version you saw; if the case changed since, you get CONFLICT.",
    )


def transition(input: CaseRef) -> Transition:
    return Transition(case_id=str(input.case_id), expected_version=input.expected_version)
