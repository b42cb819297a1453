"""Payloads of the events `points` publishes: points.awarded, points.reversed, reward.redeemed."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from grassroots_contracts.payload import Id, Ids, OneOf, Payload, Timestamp

OrgUnitPath = Annotated[Ids, Field(description="Ancestor ids and the unit itself, root first.")]


class PointsAwarded(Payload):
    """One award; the subject is the person. Idempotent per (sourceEventId, personId)."""

    entry_id: Id
    person_id: Id
    points: int = Field(ge=1)
    balance_after: int = Field(ge=0)
    rule_id: Id
    """The point rule that produced the award."""
    source_event_id: Id
    """The CloudEvent id of the event rewarded."""
    source_event_type: Annotated[
        str,
        OneOf(("case.closed", "visit.logged", "commitment.fulfilled", "activity.attended")),
    ]
    """The type of the event rewarded (taking an order is rewarded on its case.closed)."""
    case_id: Id | None
    org_unit_id: Id | None
    org_unit_path: OrgUnitPath
    at: Timestamp


class PointsReversed(Payload):
    """An award taken back after `case.reopened`; the subject is the person. `points` were
    taken back, `unrecovered` could not be because the balance was already spent (a balance
    never goes below zero)."""

    entry_id: Id
    person_id: Id
    points: int = Field(ge=0)
    unrecovered: int = Field(ge=0)
    balance_after: int = Field(ge=0)
    reverses_entry_id: Id
    source_event_id: Id
    """The CloudEvent id of the case.reopened event."""
    case_id: Id
    closure: int = Field(ge=1)
    org_unit_id: Id | None
    org_unit_path: OrgUnitPath
    at: Timestamp


class RewardRedeemed(Payload):
    """A redemption was requested; the subject is the redemption. The stock is reserved until
    staff hand it over."""

    redemption_id: Id
    reward_id: Id
    reward_name: str = Field(min_length=1)
    person_id: Id
    quantity: int = Field(ge=1)
    cost: int = Field(ge=1)
    org_unit_id: Id
    """The community whose catalog it is."""
    org_unit_path: OrgUnitPath
    at: Timestamp
