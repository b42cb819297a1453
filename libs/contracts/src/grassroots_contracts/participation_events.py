"""Payloads of the events `participation` publishes: meeting.scheduled, decision.made and
costshare.funded.

Each places its meeting in the ladder with `orgUnitId` and `orgUnitPath` (ancestors and the unit
itself, root first), so consumers never call back.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from grassroots_contracts.payload import Id, Ids, OneOf, Payload, Timestamp

MEETING_KINDS = ("COUNCIL", "DISCUSSION_DAY", "MASS_MEETING", "NIGHT_TALK", "SIX_PARTY_NEGOTIATION")
WEEKDAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
DECISION_METHODS = ("CONSENSUS", "HOUSEHOLD_VOTE")
OUTCOMES = ("ADOPTED", "REJECTED")

OrgUnitPath = Annotated[
    Ids, Field(min_length=1, description="Ancestor ids and the unit itself, root first.")
]


class MeetingScheduled(Payload):
    """A meeting was scheduled at an org unit; the subject is the meeting."""

    meeting_id: Id
    org_unit_id: Id
    org_unit_path: OrgUnitPath
    kind: Annotated[str, OneOf(MEETING_KINDS)]
    title: str = Field(min_length=1)
    starts_at: Timestamp
    """The first (or only) time it takes place."""
    ends_at: Timestamp | None
    repeats_weekly_on: Annotated[str, OneOf(WEEKDAYS)] | None
    """The weekday (business time zone) it repeats on every week, null when it does not."""
    repeats_until: str | None
    """The last date it repeats on (YYYY-MM-DD, business time zone), null when open-ended."""
    convener_id: Id
    household_ids: Ids
    """The households invited; each votes through one representative."""
    representative_ids: Ids
    """The invited households' representatives, in the order of `householdIds`."""
    organization_ids: Ids
    scheduled_at: Timestamp


class DecisionMade(Payload):
    """An agenda item was decided; the subject is the meeting. One per item: an item is decided
    once."""

    decision_id: Id
    meeting_id: Id
    agenda_item_id: Id
    agenda_item_title: str = Field(min_length=1)
    org_unit_id: Id
    org_unit_path: OrgUnitPath
    method: Annotated[str, OneOf(DECISION_METHODS)]
    """CONSENSUS, or HOUSEHOLD_VOTE (one household, one vote, with a quorum)."""
    outcome: Annotated[str, OneOf(OUTCOMES)]
    text: str
    """What was decided, in the words recorded."""
    votes_for: int = Field(ge=0)
    votes_against: int = Field(ge=0)
    abstentions: int = Field(ge=0)
    households_invited: int = Field(ge=0)
    """Zero counts for a decision by consensus."""
    decided_by: Id
    """Who recorded the decision."""
    decided_at: Timestamp
    case_id: Id | None = None
    """The case the item came from (sent to deliberation), null for any other item."""
    proposal_id: Id | None = None
    """The deliberation-list proposal the item came from, null when added directly."""


SHARE_METHODS = ("EQUAL", "BY_AREA", "PLEDGED")


class OrganizationCover(Payload):
    """What one organization covered of a plan's shortfall, in fen."""

    organization_id: Id
    amount_fen: int = Field(gt=0)


class CostShareFunded(Payload):
    """A cost-sharing plan's pledges and covers reached its total: the repair can go ahead. The
    subject is the plan; published once per plan. Amounts are whole fen (currency CNY). No
    household's own amount is carried, only the sums."""

    plan_id: Id
    case_id: Id | None
    """The case the plan pays for, or null for a meeting's agenda item."""
    meeting_id: Id | None
    agenda_item_id: Id | None
    org_unit_id: Id
    org_unit_path: OrgUnitPath
    title: str = Field(min_length=1)
    method: Annotated[str, OneOf(SHARE_METHODS)]
    currency: Annotated[str, OneOf(("CNY",))]
    total_fen: int = Field(gt=0)
    pledged_fen: int = Field(ge=0)
    """What the households pledged together."""
    covered_fen: int = Field(ge=0)
    """What organizations covered together."""
    households: int = Field(ge=1)
    households_pledged: int = Field(ge=0)
    covers: Annotated[tuple[OrganizationCover, ...], Field(strict=False)]
    """What each organization covered, in the order they first covered."""
    funded_by: Id
    """Whose pledge or cover completed the funding."""
    funded_at: Timestamp
