from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_participation.domain import meetings as domain
from grassroots_participation.graphql.context import Context
from grassroots_participation.graphql.types import AgendaItem, Decision
from grassroots_participation.handlers.meetings import RecordDecision, record_decision


@strawberry.input(description="The decision on an agenda item.")
class RecordDecisionInput:
    meeting_id: strawberry.ID = strawberry.field(description="The meeting.")
    item_id: strawberry.ID = strawberry.field(description="The agenda item.")
    method: domain.DecisionMethod = strawberry.field(
        description="CONSENSUS: recorded as agreed. HOUSEHOLD_VOTE: the households' votes "
        "decide, and only with a quorum."
    )
    text: str = strawberry.field(description="What was decided.")
    outcome: domain.Outcome = strawberry.field(
        default=domain.Outcome.ADOPTED,
        description="What the meeting agreed (CONSENSUS only; a vote's outcome is its count's).",
    )


@strawberry.type(description="The result of recordDecision.")
class RecordDecisionPayload:
    decision: Decision = strawberry.field(description="The decision just recorded.")
    item: AgendaItem = strawberry.field(description="The item, now decided.")


async def resolve_record_decision(
    info: Info[Context, None], input: RecordDecisionInput
) -> RecordDecisionPayload:
    meeting, decision = await record_decision(
        info.context.ports,
        info.context.require_caller(),
        RecordDecision(
            meeting_id=str(input.meeting_id),
            item_id=str(input.item_id),
            method=input.method,
            text=input.text,
            outcome=input.outcome,
        ),
    )
    item = meeting.item(decision.item_id)
    return RecordDecisionPayload(
        decision=Decision.from_domain(decision), item=AgendaItem.from_domain(meeting, item)
    )
