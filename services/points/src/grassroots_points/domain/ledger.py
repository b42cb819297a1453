"""The ledger: every change of a balance is an immutable entry; a balance never goes below zero."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import Text, msg

from grassroots_points.domain.ids import EntryId, PersonId, RedemptionId, RuleId

MAX_ADJUSTMENT = 100_000
MAX_REASON_LENGTH = 500


class EntryKind(StrEnum):
    AWARD = "AWARD"
    REVERSAL = "REVERSAL"
    REDEMPTION = "REDEMPTION"
    REFUND = "REFUND"
    ADJUSTMENT = "ADJUSTMENT"


# What counts as *earning* (leaderboards, earnedTotal): spending and refunds do not.
EARNING_KINDS = frozenset({EntryKind.AWARD, EntryKind.REVERSAL, EntryKind.ADJUSTMENT})


def written(text: Text) -> dict[str, Any]:
    """The reason fields of an entry whose reason points writes: `Entry(..., **written(text))`."""
    return {"reason": str(text)[:MAX_REASON_LENGTH], "reason_text": text}


class InsufficientPoints(BadUserInput):
    """The balance cannot pay for this; nothing was changed."""

    @classmethod
    def paying(cls, entry: Entry, balance: int) -> InsufficientPoints:
        """The refusal of debit `entry` by an account holding `balance`: on `delta` for a manual
        adjustment, else on the `quantity` redeemed."""
        return cls(
            msg(
                "the balance is {balance} points; {needed} are needed",
                balance=balance,
                needed=-entry.delta,
            ),
            field="delta" if entry.kind is EntryKind.ADJUSTMENT else "quantity",
            balance=balance,
        )


@dataclass(frozen=True)
class Entry:
    id: EntryId
    person_id: PersonId
    delta: int
    kind: EntryKind
    reason: str
    at: datetime
    earned_at: datetime | None = None  # when the service was done (leaderboard periods)
    org_unit_path: tuple[str, ...] = ()
    rule_id: RuleId | None = None
    source_event_id: str | None = None
    source_event_type: str | None = None
    actor_id: PersonId | None = None
    case_id: str | None = None
    closure: int | None = None
    reverses: EntryId | None = None
    redemption_id: RedemptionId | None = None
    balance_after: int | None = None  # set once the entry is posted
    confirmed_by: PersonId | None = None  # who confirmed the visit or commitment it rewards
    # What points itself wrote as the reason, to be read in each reader's language; `reason` is
    # then its English sentence. None when a person typed the reason (an adjustment).
    reason_text: Text | None = None

    @property
    def earned(self) -> int:
        """How much this entry adds to what the person has earned (not what they hold)."""
        return self.delta if self.kind in EARNING_KINDS else 0

    def reason_read(self) -> str:
        """The reason in the request's language when points wrote it, else as it was typed."""
        return self.reason_text.render() if self.reason_text is not None else self.reason


@dataclass(frozen=True)
class Account:
    person_id: PersonId
    balance: int
    earned_total: int
    version: int
    org_unit_path: tuple[str, ...]
    created_at: datetime


def clean_reason(reason: str) -> str:
    cleaned = " ".join(reason.split())
    if not cleaned:
        raise BadUserInput(msg("a reason is required"), field="reason")
    if len(cleaned) > MAX_REASON_LENGTH:
        raise BadUserInput(
            msg(
                "the reason must be at most {max_reason_length} characters",
                max_reason_length=MAX_REASON_LENGTH,
            ),
            field="reason",
        )
    return cleaned


def check_adjustment(delta: int) -> None:
    if delta == 0:
        raise BadUserInput(msg("an adjustment must change the balance"), field="delta")
    if abs(delta) > MAX_ADJUSTMENT:
        raise BadUserInput(
            msg(
                "an adjustment must be at most {max_adjustment} points either way",
                max_adjustment=MAX_ADJUSTMENT,
            ),
            field="delta",
        )


def reversal_amount(awarded: int, balance: int) -> tuple[int, int]:
    """What a reversal can take back of an award, and what stays unrecovered.

    The balance never goes below zero, so points already spent cannot be taken back.
    """
    taken = max(0, min(awarded, balance))
    return taken, awarded - taken
