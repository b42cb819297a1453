"""Party members' public promises, tracked until fulfilled or lapsed.

Fulfilment is two steps (DESIGN §8, nobody earns from what only they attest): the promiser (or
a manager for them) claims it with evidence, and someone else serving the commitment's unit
confirms it. Only a confirmed commitment is FULFILLED and earns points.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from grassroots_kit.errors import BadUserInput, Forbidden, InvalidTransition
from grassroots_kit.i18n import msg

from grassroots_people.domain.ids import CommitmentId, HouseholdId, OrgUnitId, PersonId
from grassroots_people.domain.text import field_name, require_encodable

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
    claimed_at: datetime | None = None
    confirmed_by: PersonId | None = None
    confirmed_at: datetime | None = None

    def status_at(self, now: datetime) -> CommitmentStatus:
        """A promise past its due date is lapsed even before the sweeper has recorded it;
        one claimed fulfilled (waiting for confirmation) is not."""
        if (
            self.status is CommitmentStatus.PROMISED
            and self.claimed_at is None
            and self.due_by < now
        ):
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
        raise BadUserInput(msg("{field} must not be empty", field=field_name(field)), field=field)
    if len(cleaned) > limit:
        raise BadUserInput(
            msg(
                "{field} must be at most {max_length} characters",
                field=field_name(field),
                max_length=limit,
            ),
            field=field,
        )
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
        raise BadUserInput(msg("only party members publish commitments"), field="personId")
    if due_by <= now:
        raise BadUserInput(msg("a commitment is due in the future"), field="dueBy")
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


def claimed(commitment: Commitment, evidence: str, now: datetime) -> Commitment:
    """The promiser says it is kept. Accepted late too (then it is not on time), but once;
    nothing is earned until someone else confirms it."""
    if commitment.status is CommitmentStatus.FULFILLED:
        raise InvalidTransition(msg("this commitment is already fulfilled"), field="commitmentId")
    if commitment.claimed_at is not None:
        raise InvalidTransition(
            msg("this commitment is already claimed fulfilled and waits for confirmation"),
            field="commitmentId",
        )
    return replace(commitment, claimed_at=now, evidence=clean_text(evidence, "evidence", 2000))


@dataclass(frozen=True)
class Verifier:
    """Who confirms a fulfilment: their household, and whether a role of theirs serves the
    commitment's unit."""

    person_id: PersonId
    household_id: HouseholdId | None
    serves_unit: bool


def confirmed(
    commitment: Commitment,
    *,
    verifier: Verifier,
    promiser_household: HouseholdId | None,
    now: datetime,
) -> Commitment:
    """Fulfilled once confirmed by someone serving the unit who is neither the promiser nor
    of the promiser's household. It is kept when it was claimed, so `onTime` reads the claim."""
    if commitment.status is CommitmentStatus.FULFILLED:
        raise InvalidTransition(msg("this commitment is already fulfilled"), field="commitmentId")
    if commitment.claimed_at is None:
        raise InvalidTransition(
            msg("this commitment has not been claimed fulfilled yet"), field="commitmentId"
        )
    if verifier.person_id == commitment.person_id:
        raise Forbidden(msg("nobody confirms their own commitment"), field="commitmentId")
    if promiser_household is not None and verifier.household_id == promiser_household:
        raise Forbidden(
            msg("a commitment is not confirmed by someone of the promiser's household"),
            field="commitmentId",
        )
    if not verifier.serves_unit:
        raise Forbidden(
            msg("only someone serving this commitment's unit confirms its fulfilment"),
            field="commitmentId",
        )
    return replace(
        commitment,
        status=CommitmentStatus.FULFILLED,
        fulfilled_at=commitment.claimed_at,
        confirmed_by=verifier.person_id,
        confirmed_at=now,
    )
