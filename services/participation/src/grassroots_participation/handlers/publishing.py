"""The published form of what meetings record: CloudEvents with the contract payloads, built by
keyword so a field the contract renames fails here, at once."""

from __future__ import annotations

from grassroots_contracts import participation_events as contract
from grassroots_contracts.event_types import DECISION_MADE, MEETING_SCHEDULED, SOURCE_PARTICIPATION
from grassroots_kit.messaging.envelope import CloudEvent, new_event

from grassroots_participation.domain.meetings import Decision, Meeting


def meeting_scheduled(meeting: Meeting) -> CloudEvent:
    recurrence = meeting.recurrence
    data = contract.MeetingScheduled(
        meeting_id=meeting.id,
        org_unit_id=meeting.org_unit_id,
        org_unit_path=meeting.org_unit_path,
        kind=meeting.kind.value,
        title=meeting.title,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        repeats_weekly_on=recurrence.weekday.value if recurrence else None,
        repeats_until=recurrence.until.isoformat() if recurrence and recurrence.until else None,
        convener_id=meeting.convener_id,
        household_ids=tuple(h.household_id for h in meeting.households),
        representative_ids=tuple(h.representative_id for h in meeting.households),
        organization_ids=meeting.organization_ids,
        scheduled_at=meeting.created_at,
    ).to_data()
    return new_event(
        MEETING_SCHEDULED,
        source=SOURCE_PARTICIPATION,
        subject=meeting.id,
        data=data,
        time=meeting.created_at,
    )


def decision_made(meeting: Meeting, decision: Decision) -> CloudEvent:
    item = meeting.item(decision.item_id)
    tally = decision.tally
    data = contract.DecisionMade(
        decision_id=decision.id,
        meeting_id=meeting.id,
        agenda_item_id=item.id,
        agenda_item_title=item.title,
        org_unit_id=meeting.org_unit_id,
        org_unit_path=meeting.org_unit_path,
        method=decision.method.value,
        outcome=decision.outcome.value,
        text=decision.text,
        votes_for=tally.votes_for if tally else 0,
        votes_against=tally.votes_against if tally else 0,
        abstentions=tally.abstentions if tally else 0,
        households_invited=tally.invited if tally else 0,
        decided_by=decision.decided_by,
        decided_at=decision.decided_at,
        case_id=item.case_id,
        proposal_id=item.proposal_id,
    ).to_data()
    return new_event(
        DECISION_MADE,
        source=SOURCE_PARTICIPATION,
        subject=meeting.id,
        data=data,
        time=decision.decided_at,
    )
