"""`survey.closed` built from the contract payload, by keyword."""

from __future__ import annotations

from grassroots_contracts import survey_events as contract
from grassroots_contracts.event_types import SOURCE_PARTICIPATION, SURVEY_CLOSED
from grassroots_kit.messaging.envelope import CloudEvent, new_event

from grassroots_participation.domain.surveys import Survey


def survey_closed(survey: Survey) -> CloudEvent:
    assert survey.closed_at is not None
    data = contract.SurveyClosed(
        survey_id=survey.id,
        org_unit_id=survey.org_unit_id,
        org_unit_path=survey.org_unit_path,
        title=survey.title,
        respondents=survey.respondents.value,
        anonymous=survey.anonymous,
        responses=survey.response_count,
        closes_on=survey.closes_on.isoformat(),
        closed_by=survey.closed_by,
        closed_at=survey.closed_at,
    ).to_data()
    return new_event(
        SURVEY_CLOSED,
        source=SOURCE_PARTICIPATION,
        subject=survey.id,
        data=data,
        time=survey.closed_at,
    )
