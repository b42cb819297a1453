"""Payloads of the events `points` publishes: points.awarded, points.reversed, reward.redeemed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


def _time(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class PointsAwarded:
    """A person earned points because of another service's event (one per person and event)."""

    entry_id: str
    person_id: str
    points: int
    balance_after: int
    rule_id: str
    source_event_id: str
    source_event_type: str
    case_id: str | None
    org_unit_id: str | None
    org_unit_path: tuple[str, ...]
    at: datetime

    def to_data(self) -> dict[str, Any]:
        return {
            "entryId": self.entry_id,
            "personId": self.person_id,
            "points": self.points,
            "balanceAfter": self.balance_after,
            "ruleId": self.rule_id,
            "sourceEventId": self.source_event_id,
            "sourceEventType": self.source_event_type,
            "caseId": self.case_id,
            "orgUnitId": self.org_unit_id,
            "orgUnitPath": list(self.org_unit_path),
            "at": _time(self.at),
        }


@dataclass(frozen=True)
class PointsReversed:
    """An award was taken back because the case it rewarded was reopened."""

    entry_id: str
    person_id: str
    points: int  # how many points were taken back (positive)
    unrecovered: int  # what could not be taken back because the balance was already spent
    balance_after: int
    reverses_entry_id: str
    source_event_id: str
    case_id: str
    closure: int
    org_unit_id: str | None
    org_unit_path: tuple[str, ...]
    at: datetime

    def to_data(self) -> dict[str, Any]:
        return {
            "entryId": self.entry_id,
            "personId": self.person_id,
            "points": self.points,
            "unrecovered": self.unrecovered,
            "balanceAfter": self.balance_after,
            "reversesEntryId": self.reverses_entry_id,
            "sourceEventId": self.source_event_id,
            "caseId": self.case_id,
            "closure": self.closure,
            "orgUnitId": self.org_unit_id,
            "orgUnitPath": list(self.org_unit_path),
            "at": _time(self.at),
        }


@dataclass(frozen=True)
class RewardRedeemed:
    """A person exchanged points for a reward; the stock is reserved until staff hand it over."""

    redemption_id: str
    reward_id: str
    reward_name: str
    person_id: str
    quantity: int
    cost: int
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    at: datetime

    def to_data(self) -> dict[str, Any]:
        return {
            "redemptionId": self.redemption_id,
            "rewardId": self.reward_id,
            "rewardName": self.reward_name,
            "personId": self.person_id,
            "quantity": self.quantity,
            "cost": self.cost,
            "orgUnitId": self.org_unit_id,
            "orgUnitPath": list(self.org_unit_path),
            "at": _time(self.at),
        }
