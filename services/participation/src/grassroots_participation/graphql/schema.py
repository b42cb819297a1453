"""The participation subgraph's schema, exported to services/participation/schema.graphql."""

from __future__ import annotations

import strawberry
from grassroots_kit.graphql.schema import SubgraphSchema

from grassroots_participation.graphql.mutations.agenda_item_add import (
    AddAgendaItemPayload,
    resolve_add_agenda_item,
)
from grassroots_participation.graphql.mutations.attendance_record import (
    RecordAttendancePayload,
    resolve_record_attendance,
)
from grassroots_participation.graphql.mutations.decision_record import (
    RecordDecisionPayload,
    resolve_record_decision,
)
from grassroots_participation.graphql.mutations.meeting_close import (
    CloseMeetingPayload,
    resolve_close_meeting,
)
from grassroots_participation.graphql.mutations.meeting_schedule import (
    ScheduleMeetingPayload,
    resolve_schedule_meeting,
)
from grassroots_participation.graphql.mutations.minutes_record import (
    RecordMinutesPayload,
    resolve_record_minutes,
)
from grassroots_participation.graphql.mutations.surveys import (
    AnswerSurveyPayload,
    AttachSurveyPayload,
    CloseSurveyPayload,
    CreateSurveyPayload,
    OpenSurveyPayload,
    resolve_answer_survey,
    resolve_attach_survey,
    resolve_close_survey,
    resolve_create_survey,
    resolve_open_survey,
)
from grassroots_participation.graphql.mutations.vote_cast import (
    CastVotePayload,
    resolve_cast_vote,
)
from grassroots_participation.graphql.queries import Query
from grassroots_participation.graphql.types import Household, Organization, OrgUnit, Person


@strawberry.type
class Mutation:
    schedule_meeting: ScheduleMeetingPayload = strawberry.mutation(
        resolver=resolve_schedule_meeting,
        description="Schedule a meeting at an org unit (its community staff).",
    )
    add_agenda_item: AddAgendaItemPayload = strawberry.mutation(
        resolver=resolve_add_agenda_item, description="Put an item on a meeting's agenda."
    )
    record_attendance: RecordAttendancePayload = strawberry.mutation(
        resolver=resolve_record_attendance, description="Record who is present at a meeting."
    )
    cast_vote: CastVotePayload = strawberry.mutation(
        resolver=resolve_cast_vote,
        description="Vote on an agenda item for your household: its representative only, once.",
    )
    record_decision: RecordDecisionPayload = strawberry.mutation(
        resolver=resolve_record_decision,
        description="Decide an agenda item, by consensus or by the households' vote.",
    )
    record_minutes: RecordMinutesPayload = strawberry.mutation(
        resolver=resolve_record_minutes, description="Record or correct a meeting's minutes."
    )
    close_meeting: CloseMeetingPayload = strawberry.mutation(
        resolver=resolve_close_meeting, description="Close a meeting, with its minutes if given."
    )
    create_survey: CreateSurveyPayload = strawberry.mutation(
        resolver=resolve_create_survey,
        description="Draft a survey for an org unit's households (its community staff).",
    )
    open_survey: OpenSurveyPayload = strawberry.mutation(
        resolver=resolve_open_survey, description="Open a drafted survey for answers."
    )
    answer_survey: AnswerSurveyPayload = strawberry.mutation(
        resolver=resolve_answer_survey,
        description="Answer a survey: once per household (or per resident where it says so).",
    )
    close_survey: CloseSurveyPayload = strawberry.mutation(
        resolver=resolve_close_survey,
        description="Close a survey before its close date; it publishes `survey.closed`.",
    )
    attach_survey_to_agenda_item: AttachSurveyPayload = strawberry.mutation(
        resolver=resolve_attach_survey,
        description="Put a survey's results on a meeting's agenda item (null detaches).",
    )


schema = SubgraphSchema(
    service="participation",
    query=Query,
    mutation=Mutation,
    types=[OrgUnit, Person, Household, Organization],
)
