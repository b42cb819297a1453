"""Party members' public promises, tracked until fulfilled or lapsed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from grassroots_kit.errors import BadUserInput, InvalidTransition

from grassroots_people.domain.ids import CommitmentId, OrgUnitId, PersonId
from grassroots_people.domain.text import require_encodable

MAX_TEXT_LENGTH = 500


class CommitmentStatus(StrEnum):
    PROMISED = "PROMISED"
    FULFILLED = "FULFILLED"
    LAPSED = "LAPSED"


@dataclass(frozen=True)
class Commitment:
    id: CommitmentId
    person_id: PersonId
    text: str
    due_by: datetime
    status: CommitmentStatus
    fulfilled_at: datetime | None
    evidence: str | None
    org_unit_id: OrgUnitId
    org_unit_path: tuple[OrgUnitId, ...]
    created_at: datetime

    def status_at(self, now: datetime) -> CommitmentStatus:
        """A promise past its due date is lapsed even before the sweeper has recorded it."""
        if self.status is CommitmentStatus.PROMISED and self.due_by < now:
            return CommitmentStatus.LAPSED
        return self.status

    @property
    def on_time(self) -> bool:
        return self.fulfilled_at is not None and self.fulfilled_at <= self.due_by


@dataclass(frozen=True)
class Board:
    """An org unit's commitment figures."""

    made: int
    fulfilled: int
    lapsed: int

    @property
    def promised(self) -> int:
        return self.made - self.fulfilled - self.lapsed

    @property
    def rate(self) -> float:
        """Fulfilled over those decided (fulfilled or lapsed); 0 when none is decided yet."""
        decided = self.fulfilled + self.lapsed
        return round(self.fulfilled / decided, 4) if decided else 0.0


def clean_text(text: str, field: str, limit: int = MAX_TEXT_LENGTH) -> str:
    cleaned = " ".join(require_encodable(text, field).split())
    if not cleaned:
        raise BadUserInput(f"{field} must not be empty", field=field)
    if len(cleaned) > limit:
        raise BadUserInput(f"{field} must be at most {limit} characters", field=field)
    return cleaned


def new_commitment(
    *,
    id: CommitmentId,
    person_id: PersonId,
    party_member: bool,
    text: str,
    due_by: datetime,
    org_unit_id: OrgUnitId,
    org_unit_path: tuple[OrgUnitId, ...],
    now: datetime,
) -> Commitment:
    if not party_member:
        raise BadUserInput("only party members publish commitments", field="personId")
    if due_by <= now:
        raise BadUserInput("a commitment is due in the future", field="dueBy")
    return Commitment(
        id=id,
        person_id=person_id,
        text=clean_text(text, "text"),
        due_by=due_by,
        status=CommitmentStatus.PROMISED,
        fulfilled_at=None,
        evidence=None,
        org_unit_id=org_unit_id,
        org_unit_path=org_unit_path,
        created_at=now,
    )


def fulfilled(commitment: Commitment, evidence: str, now: datetime) -> Commitment:
    """Fulfilment is accepted late too (then it is not on time), but only once."""
    if commitment.status is CommitmentStatus.FULFILLED:
        raise InvalidTransition("this commitment is already fulfilled", field="commitmentId")
    return replace(
        commitment,
        status=CommitmentStatus.FULFILLED,
        fulfilled_at=now,
        evidence=clean_text(evidence, "evidence", 2000),
    )
