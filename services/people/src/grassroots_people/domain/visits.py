"""A visit to a household by someone who serves it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from grassroots_kit.errors import BadUserInput

from grassroots_people.domain.care import CareLevel
from grassroots_people.domain.ids import HouseholdId, OrgUnitId, PersonId, VisitId
from grassroots_people.domain.text import require_encodable

MAX_NOTES_LENGTH = 2000


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


def check_visit(at: datetime, now: datetime, notes: str) -> str:
    if at > now:
        raise BadUserInput("a visit cannot be logged before it happens", field="at")
    cleaned = require_encodable(notes, "notes").strip()
    if len(cleaned) > MAX_NOTES_LENGTH:
        raise BadUserInput(f"notes must be at most {MAX_NOTES_LENGTH} characters", field="notes")
    return cleaned
