"""Payload of the survey event `participation` publishes: survey.closed.

It places the survey in the ladder with `orgUnitId` and `orgUnitPath` (ancestors and the unit
itself, root first), so consumers never call back. It never names a respondent.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from grassroots_contracts.payload import Id, Ids, OneOf, Payload, Timestamp

RESPONDENTS = ("HOUSEHOLD", "PERSON")


class SurveyClosed(Payload):
    """A survey stopped taking answers, closed by staff or at its close date; the subject is the
    survey. Published once per survey."""

    survey_id: Id
    org_unit_id: Id
    org_unit_path: Annotated[
        Ids, Field(min_length=1, description="Ancestor ids and the unit itself, root first.")
    ]
    title: str = Field(min_length=1)
    respondents: Annotated[str, OneOf(RESPONDENTS)]
    """HOUSEHOLD (one answer per household) or PERSON (one per resident)."""
    anonymous: bool
    responses: int = Field(ge=0)
    """How many answers it received."""
    closes_on: str
    """The last day it took answers (YYYY-MM-DD, business time zone)."""
    closed_by: Id | None
    """The staff member who closed it; null when it closed at its close date."""
    closed_at: Timestamp
