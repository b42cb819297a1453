"""The participation subgraph's schema, exported to services/participation/schema.graphql."""

from __future__ import annotations

import strawberry
from grassroots_kit.graphql.schema import SubgraphSchema

from grassroots_participation.graphql import deliberation
from grassroots_participation.graphql.mutations.activity_create import (
    CreateActivityPayload,
    resolve_create_activity,
)
from grassroots_participation.graphql.mutations.activity_photos import (
    AddActivityPhotosPayload,
    RequestActivityPhotoUploadPayload,
    resolve_add_activity_photos,
    resolve_request_activity_photo_upload,
)
from grassroots_participation.graphql.mutations.activity_sign_up import (
    CancelSignUpPayload,
    SignUpPayload,
    resolve_cancel_sign_up,
    resolve_sign_up,
)
from grassroots_participation.graphql.mutations.agenda_item_add import (
    AddAgendaItemPayload,
    resolve_add_agenda_item,
)
from grassroots_participation.graphql.mutations.attendance_confirm import (
    ConfirmAttendancePayload,
    resolve_confirm_attendance,
)
from grassroots_participation.graphql.mutations.attendance_record import (
    RecordAttendancePayload,
    resolve_record_attendance,
)
from grassroots_participation.graphql.mutations.cost_share_cover import (
    CoverShortfallPayload,
    resolve_cover_shortfall,
)
from grassroots_participation.graphql.mutations.cost_share_payment_record import (
    RecordPaymentPayload,
    resolve_record_payment,
)
from grassroots_participation.graphql.mutations.cost_share_plan_cancel import (
    CancelCostSharePlanPayload,
    resolve_cancel_cost_share_plan,
)
from grassroots_participation.graphql.mutations.cost_share_plan_create import (
    CreateCostSharePlanPayload,
    resolve_create_cost_share_plan,
)
from grassroots_participation.graphql.mutations.cost_share_pledge import (
    PledgePayload,
    resolve_pledge,
)
from grassroots_participation.graphql.mutations.cost_share_spending_record import (
    RecordSpendingPayload,
    resolve_record_spending,
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
from grassroots_participation.graphql.mutations.volunteer_team import (
    AddTeamMemberPayload,
    CreateVolunteerTeamPayload,
    resolve_add_team_member,
    resolve_create_volunteer_team,
)
from grassroots_participation.graphql.mutations.vote_cast import (
    CastVotePayload,
    resolve_cast_vote,
)
from grassroots_participation.graphql.queries import Query
from grassroots_participation.graphql.types import (
    Case,
    Household,
    Organization,
    OrgUnit,
    Person,
)


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
    propose_deliberation_item: deliberation.ProposeDeliberationItemPayload = strawberry.mutation(
        resolver=deliberation.resolve_propose_deliberation_item,
        description="Propose an item for your unit's deliberation list.",
    )
    put_proposal_on_agenda: deliberation.PutProposalOnAgendaPayload = strawberry.mutation(
        resolver=deliberation.resolve_put_proposal_on_agenda,
        description="Put a deliberation-list proposal on a meeting's agenda (community staff).",
    )
    publish_list: deliberation.PublishListPayload = strawberry.mutation(
        resolver=deliberation.resolve_publish_list,
        description="Publish a new version of a unit's responsibility or negative list.",
    )
    create_cost_share_plan: CreateCostSharePlanPayload = strawberry.mutation(
        resolver=resolve_create_cost_share_plan,
        description="Draw up a cost-sharing plan for a case or a decision (community staff).",
    )
    pledge: PledgePayload = strawberry.mutation(
        resolver=resolve_pledge,
        description="Pledge to an open plan for your own household.",
    )
    record_payment: RecordPaymentPayload = strawberry.mutation(
        resolver=resolve_record_payment,
        description="Record a household's payment towards a plan (community staff).",
    )
    cover_shortfall: CoverShortfallPayload = strawberry.mutation(
        resolver=resolve_cover_shortfall,
        description="Record an organization covering a plan's shortfall (staff, or its member).",
    )
    record_spending: RecordSpendingPayload = strawberry.mutation(
        resolver=resolve_record_spending,
        description="Record what a funded plan was spent on (community staff).",
    )
    cancel_cost_share_plan: CancelCostSharePlanPayload = strawberry.mutation(
        resolver=resolve_cancel_cost_share_plan,
        description="Cancel an open or funded plan, with the reason (community staff).",
    )
    create_activity: CreateActivityPayload = strawberry.mutation(
        resolver=resolve_create_activity,
        description="Create an activity or service day (community staff or the team's leader).",
    )
    request_activity_photo_upload: RequestActivityPhotoUploadPayload = strawberry.mutation(
        resolver=resolve_request_activity_photo_upload,
        description="Get a single-use URL to upload one photo of an activity to (signed in).",
    )
    add_activity_photos: AddActivityPhotosPayload = strawberry.mutation(
        resolver=resolve_add_activity_photos,
        description="Add photos you uploaded to an activity you organize.",
    )
    sign_up: SignUpPayload = strawberry.mutation(
        resolver=resolve_sign_up,
        description="Sign yourself up for an activity: once, while places are left.",
    )
    cancel_sign_up: CancelSignUpPayload = strawberry.mutation(
        resolver=resolve_cancel_sign_up, description="Give up your place in an activity."
    )
    confirm_attendance: ConfirmAttendancePayload = strawberry.mutation(
        resolver=resolve_confirm_attendance,
        description="Confirm that a volunteer served, with the minutes (the organizer, never "
        "the volunteer); publishes activity.attended, which points awards.",
    )
    create_volunteer_team: CreateVolunteerTeamPayload = strawberry.mutation(
        resolver=resolve_create_volunteer_team,
        description="Form a volunteer team at an org unit (its community staff).",
    )
    add_team_member: AddTeamMemberPayload = strawberry.mutation(
        resolver=resolve_add_team_member,
        description="Add people to a volunteer team (community staff or the team's leader).",
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
    types=[OrgUnit, Person, Household, Organization, Case],
)
