"""Every event type with its payload model and what it means: the one list from which
`docs/asyncapi.yaml` is generated (scripts/asyncapi.py) and by which consumers find the model
of a type they receive."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from grassroots_contracts import activity_events as activities
from grassroots_contracts import case_events as cases
from grassroots_contracts import event_types as t
from grassroots_contracts import notification_events as notifications
from grassroots_contracts import participation_events as participation
from grassroots_contracts import people_events as people
from grassroots_contracts import points_events as points
from grassroots_contracts import survey_events as surveys
from grassroots_contracts.org_units import OrgUnitSnapshot
from grassroots_contracts.payload import Payload
from grassroots_contracts.producers import PRODUCERS


@dataclass(frozen=True)
class EventSpec:
    event_type: str
    title: str
    description: str
    payload: type[Payload]
    dataversion: str = "1"

    @property
    def source(self) -> str:
        """The CloudEvent `source` of the service that publishes it."""
        return PRODUCERS[self.event_type]


_SPECS = (
    EventSpec(
        t.ORGUNIT_CREATED,
        "Org unit created",
        "An org unit was added to the ladder.",
        OrgUnitSnapshot,
    ),
    EventSpec(
        t.ORGUNIT_RENAMED,
        "Org unit renamed",
        "An org unit was renamed; the snapshot carries its new name and version.",
        OrgUnitSnapshot,
    ),
    EventSpec(
        t.ORGUNIT_MOVED,
        "Org unit moved",
        "An org unit moved with its subtree: one event for the unit and one for every "
        "descendant, each with its new path and version.",
        OrgUnitSnapshot,
    ),
    EventSpec(
        t.PERSON_REGISTERED,
        "Person registered",
        "A person was registered in a household (or at the org unit they serve).",
        people.PersonSnapshot,
    ),
    EventSpec(
        t.PERSON_MOVED,
        "Person moved",
        "A person moved to another household.",
        people.PersonSnapshot,
    ),
    EventSpec(
        t.PERSON_UPDATED,
        "Person updated",
        "A person's record was corrected (name or party membership; the phone is never sent).",
        people.PersonSnapshot,
    ),
    EventSpec(
        t.ROLE_ASSIGNED,
        "Role assigned",
        "A person now holds a role over an org unit's subtree.",
        people.RoleAssignment,
    ),
    EventSpec(
        t.ROLE_REVOKED,
        "Role revoked",
        "A role assignment was revoked (`revokedAt`).",
        people.RoleRevoked,
    ),
    EventSpec(
        t.VISIT_LOGGED,
        "Visit logged",
        "Someone who serves a household visited it.",
        people.VisitLogged,
    ),
    EventSpec(
        t.COMMITMENT_FULFILLED,
        "Commitment fulfilled",
        "A party member's commitment was fulfilled (`onTime` if by its due date).",
        people.CommitmentFulfilled,
    ),
    EventSpec(
        t.CASE_REPORTED,
        "Case reported",
        "A case was reported and routed to the lowest rung serving its place.",
        cases.CaseReported,
    ),
    EventSpec(
        t.CASE_ASSIGNED,
        "Case assigned",
        "A person, or an organization by dispatch, now answers for a case.",
        cases.CaseAssigned,
    ),
    EventSpec(
        t.CASE_ESCALATED,
        "Case escalated",
        "A case climbed the ladder (manually, beyond authority, or after missing its deadline).",
        cases.CaseEscalated,
    ),
    EventSpec(
        t.CASE_RESOLVED,
        "Case resolved",
        "A case was resolved; the reporter is asked to rate it.",
        cases.CaseResolved,
    ),
    EventSpec(
        t.CASE_CLOSED,
        "Case closed",
        "A case was closed: everything needed to award the people who answered the resident.",
        cases.CaseClosed,
    ),
    EventSpec(
        t.CASE_REOPENED,
        "Case reopened",
        "A closed case went back to work; undo what its closing `closure` earned.",
        cases.CaseReopened,
    ),
    EventSpec(
        t.CASE_SENT_TO_DELIBERATION,
        "Case sent to deliberation",
        "A case handler sent the case to a meeting to decide; it waits until `decision.made` "
        "names it.",
        cases.CaseSentToDeliberation,
    ),
    EventSpec(
        t.CASE_FOLLOWED,
        "Case followed",
        'A person follows a case (or added their "me too" to it) and is told when it moves.',
        cases.CaseFollowed,
    ),
    EventSpec(
        t.CASE_UNFOLLOWED,
        "Case unfollowed",
        "A person stopped following a case.",
        cases.CaseUnfollowed,
    ),
    EventSpec(
        t.ORDER_POSTED, "Order posted", "A case was posted on the order board.", cases.OrderEvent
    ),
    EventSpec(
        t.ORDER_TAKEN,
        "Order taken",
        "An order was taken from the board (exactly one taker wins).",
        cases.OrderEvent,
    ),
    EventSpec(
        t.POINTS_AWARDED,
        "Points awarded",
        "A person earned points for a service (one per person and source event).",
        points.PointsAwarded,
    ),
    EventSpec(
        t.POINTS_REVERSED,
        "Points reversed",
        "An award was taken back because the case it rewarded was reopened.",
        points.PointsReversed,
    ),
    EventSpec(
        t.REWARD_REDEEMED,
        "Reward redeemed",
        "A person exchanged points for a reward; the stock is reserved.",
        points.RewardRedeemed,
    ),
    EventSpec(
        t.MEETING_SCHEDULED,
        "Meeting scheduled",
        "A meeting (council, discussion day, mass meeting, night talk, six-party negotiation) "
        "was scheduled at an org unit, with the households and organizations invited.",
        participation.MeetingScheduled,
    ),
    EventSpec(
        t.DECISION_MADE,
        "Decision made",
        "A meeting decided an agenda item, by consensus or by a household vote with a quorum.",
        participation.DecisionMade,
    ),
    EventSpec(
        t.COSTSHARE_FUNDED,
        "Cost share funded",
        "A cost-sharing plan's household pledges and organizations' covers reached its total "
        "(once per plan).",
        participation.CostShareFunded,
    ),
    EventSpec(
        t.ACTIVITY_ATTENDED,
        "Activity attended",
        "An organizer confirmed that a volunteer served at an activity (a service day) on one "
        "date, with the minutes served; points awards it by rule, once.",
        activities.ActivityAttended,
    ),
    EventSpec(
        t.SURVEY_CLOSED,
        "Survey closed",
        "A survey stopped taking answers (closed by staff or at its close date), with how many "
        "it received; never who answered.",
        surveys.SurveyClosed,
    ),
    EventSpec(
        t.NOTICE_CREATED,
        "Notice created",
        "A notice was put in a person's inbox (once per source event and recipient); live "
        "delivery (`myNotices`) reads it from here. Carries no text: the inbox renders it in "
        "the reader's language.",
        notifications.NoticeCreated,
    ),
)

# Event type -> its spec; every type a service here produces has one.
EVENTS: Final[Mapping[str, EventSpec]] = MappingProxyType({s.event_type: s for s in _SPECS})
