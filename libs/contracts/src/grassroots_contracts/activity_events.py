"""Payload of the event `participation` publishes when an organizer confirms that a volunteer
served at an activity: activity.attended (points turns it into an award by rule).

Kept apart from participation_events (meetings and decisions) so each part of participation
owns its own contract module; the catalog lists both.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from grassroots_contracts.participation_events import OrgUnitPath
from grassroots_contracts.payload import Id, OneOf, Payload, Timestamp

ACTIVITY_KINDS = ("SERVICE_DAY", "ACTIVITY")
MAX_MINUTES_SERVED = 720


class ActivityAttended(Payload):
    """An organizer confirmed that a volunteer served at an activity on one date; the subject is
    the activity. One per attendance (activity, date, person): a confirmation is recorded once."""

    attendance_id: Id
    """Stable per activity, date and person: what a consumer may deduplicate on."""
    activity_id: Id
    activity_title: str = Field(min_length=1)
    kind: Annotated[str, OneOf(ACTIVITY_KINDS)]
    org_unit_id: Id
    org_unit_path: OrgUnitPath
    team_id: Id | None
    """The volunteer team that runs the activity, null when none does."""
    person_id: Id
    """The volunteer who served."""
    occurred_on: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    """The date served (YYYY-MM-DD, business time zone): one occurrence of the activity."""
    minutes_served: int = Field(ge=1, le=MAX_MINUTES_SERVED)
    confirmed_by: Id
    """The organizer who confirmed it; never the volunteer (participation refuses that)."""
    confirmed_at: Timestamp
