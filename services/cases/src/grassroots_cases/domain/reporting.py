"""A new case: validated input, its number, its deadline and the rung it is routed to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from grassroots_kit.geo import GeoPoint
from grassroots_kit.i18n import msg

from grassroots_cases.domain import events as ev
from grassroots_cases.domain.ids import CaseId, OrgUnitId, PersonId
from grassroots_cases.domain.model import Case, TimelineEntry
from grassroots_cases.domain.vocabulary import Category, Channel, Level, Priority, Status
from grassroots_cases.domain.workflow import Outcome, TextField, clean_text

MAX_TITLE = 120
MAX_DESCRIPTION = 4000
MAX_ADDRESS = 200


@dataclass(frozen=True)
class NewCase:
    title: str
    description: str
    category: Category
    channel: Channel
    priority: Priority
    org_unit_id: OrgUnitId
    address: str | None
    reporter_id: PersonId | None
    reported_by_id: PersonId | None
    location: GeoPoint | None = None
    photo_ids: tuple[str, ...] = ()
    # The reporter agrees that the first photo's GPS point places the case.
    use_photo_location: bool = False


TITLE = TextField(
    "title",
    MAX_TITLE,
    msg("the title must be at most {limit} characters", limit=MAX_TITLE),
    empty=msg("the title must not be empty"),
)
ADDRESS = TextField(
    "address", MAX_ADDRESS, msg("the address must be at most {limit} characters", limit=MAX_ADDRESS)
)


def validate(new: NewCase) -> NewCase:
    """The same request with its text tidied, or BadUserInput naming the field."""
    return NewCase(
        title=clean_text(new.title, TITLE) or "",
        description=(new.description or "").strip()[:MAX_DESCRIPTION],
        category=new.category,
        channel=new.channel,
        priority=new.priority,
        org_unit_id=new.org_unit_id,
        address=clean_text(new.address, ADDRESS),
        reporter_id=new.reporter_id,
        reported_by_id=new.reported_by_id,
        location=new.location,
        photo_ids=new.photo_ids,
        use_photo_location=new.use_photo_location,
    )


def report(
    new: NewCase,
    *,
    case_id: CaseId,
    number: str,
    org_unit_path: tuple[OrgUnitId, ...],
    level: Level,
    due_at: datetime,
    now: datetime,
) -> Outcome:
    entry = TimelineEntry(now, new.reported_by_id, "REPORTED", None, Status.REPORTED, None)
    case = Case(
        id=case_id,
        number=number,
        title=new.title,
        description=new.description,
        category=new.category,
        channel=new.channel,
        priority=new.priority,
        status=Status.REPORTED,
        level=level,
        org_unit_id=new.org_unit_id,
        org_unit_path=org_unit_path,
        reporter_id=new.reporter_id,
        reported_by_id=new.reported_by_id,
        address=new.address,
        due_at=due_at,
        created_at=now,
        updated_at=now,
        timeline=(entry,),
        location=new.location,
        photo_ids=new.photo_ids,
    )
    return Outcome(case, (ev.CaseReported(case),))
