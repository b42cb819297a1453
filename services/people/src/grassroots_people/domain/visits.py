"""A visit to a household by someone who serves it, and its confirmation by someone else.

A visit earns nothing on the visitor's word alone (DESIGN §8): it counts once a member of the
household visited, or someone else with a role over the household's unit, confirms it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from grassroots_kit.errors import BadUserInput, Conflict, Forbidden, InvalidTransition
from grassroots_kit.geo import GeoPoint
from grassroots_kit.i18n import msg

from grassroots_people.domain.care import CareLevel
from grassroots_people.domain.ids import HouseholdId, OrgUnitId, PersonId, VisitId
from grassroots_people.domain.text import require_encodable

MAX_NOTES_LENGTH = 2000
# A visit is logged the day it is paid or soon after (a weekend, a chief without a phone);
# beyond three days a date is a memory, not a record, and back-dating would let a visitor
# fill past weeks' schedules (and caps) after the fact.
MAX_BACKDATING = timedelta(hours=72)
# One visit by the same visitor to the same household a day: a second one within it is the
# same visit logged twice, not another service.
DUPLICATE_WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class Visit:
    id: VisitId
    household_id: HouseholdId
    visitor_id: PersonId
    at: datetime
    notes: str
    care_level: CareLevel
    org_unit_id: OrgUnitId
    org_unit_path: tuple[OrgUnitId, ...]
    confirmed_by: PersonId | None = None
    confirmed_at: datetime | None = None
    # WGS-84, where the visitor stood; shown only with the visit (its visitor and confirmers)
    location: GeoPoint | None = None
    photo_ids: tuple[str, ...] = ()  # the visitor's photos (media ids of this service)

    @property
    def confirmed(self) -> bool:
        return self.confirmed_by is not None


@dataclass(frozen=True)
class Confirmer:
    """Who confirms, as the rule needs them: their household, and whether a role of theirs
    covers the household visited."""

    person_id: PersonId
    household_id: HouseholdId | None
    serves_household: bool


def check_visit(at: datetime, now: datetime, notes: str) -> str:
    if at > now:
        raise BadUserInput(msg("a visit cannot be logged before it happens"), field="at")
    if at < now - MAX_BACKDATING:
        hours = int(MAX_BACKDATING.total_seconds() // 3600)
        raise BadUserInput(
            msg("a visit is logged within {hours} hours of when it took place", hours=hours),
            field="at",
        )
    cleaned = require_encodable(notes, "notes").strip()
    if len(cleaned) > MAX_NOTES_LENGTH:
        raise BadUserInput(
            msg(
                "notes must be at most {max_notes_length} characters",
                max_notes_length=MAX_NOTES_LENGTH,
            ),
            field="notes",
        )
    return cleaned


def check_visitor(visitor_household: HouseholdId | None, household_id: HouseholdId) -> None:
    """Nobody visits their own home: its members are the ones who would confirm it."""
    if visitor_household == household_id:
        raise Forbidden(msg("you may not log a visit to your own household"), field="householdId")


def check_not_duplicate(at: datetime, earlier: Iterable[datetime]) -> None:
    """`earlier`: when the same visitor's other visits to the same household took place."""
    hours = int(DUPLICATE_WINDOW.total_seconds() // 3600)
    if any(abs(at - other) < DUPLICATE_WINDOW for other in earlier):
        raise Conflict(
            msg(
                "you already logged a visit to this household within {hours} hours of this one",
                hours=hours,
            ),
            field="at",
        )


def confirmed(
    visit: Visit,
    *,
    confirmer: Confirmer,
    visitor_household: HouseholdId | None,
    now: datetime,
) -> Visit:
    """Confirmed once, by a member of the household visited or by someone else serving it;
    never by the visitor, nor by someone of the visitor's own household."""
    if visit.confirmed:
        raise InvalidTransition(msg("this visit is already confirmed"), field="visitId")
    if confirmer.person_id == visit.visitor_id:
        raise Forbidden(
            msg("a visit is confirmed by someone other than the visitor"), field="visitId"
        )
    if visitor_household is not None and confirmer.household_id == visitor_household:
        raise Forbidden(
            msg("a visit is not confirmed by someone of the visitor's own household"),
            field="visitId",
        )
    member = confirmer.household_id == visit.household_id
    if not (member or confirmer.serves_household):
        raise Forbidden(
            msg("only a member of the household visited, or someone serving it, confirms a visit"),
            field="visitId",
        )
    return replace(visit, confirmed_by=confirmer.person_id, confirmed_at=now)
