"""Routing keys, which are also the CloudEvent `type` of each event."""

from __future__ import annotations

from typing import Final

ORGUNIT_CREATED: Final = "orgunit.created"
ORGUNIT_MOVED: Final = "orgunit.moved"
ORGUNIT_RENAMED: Final = "orgunit.renamed"
PERSON_REGISTERED: Final = "person.registered"
PERSON_MOVED: Final = "person.moved"
PERSON_UPDATED: Final = "person.updated"
ROLE_ASSIGNED: Final = "role.assigned"
ROLE_REVOKED: Final = "role.revoked"
VISIT_LOGGED: Final = "visit.logged"
COMMITMENT_FULFILLED: Final = "commitment.fulfilled"
CASE_REPORTED: Final = "case.reported"
CASE_ASSIGNED: Final = "case.assigned"
CASE_ESCALATED: Final = "case.escalated"
CASE_RESOLVED: Final = "case.resolved"
CASE_CLOSED: Final = "case.closed"
CASE_REOPENED: Final = "case.reopened"
ORDER_POSTED: Final = "order.posted"
ORDER_TAKEN: Final = "order.taken"
POINTS_AWARDED: Final = "points.awarded"
POINTS_REVERSED: Final = "points.reversed"
REWARD_REDEEMED: Final = "reward.redeemed"
MEETING_SCHEDULED: Final = "meeting.scheduled"
DECISION_MADE: Final = "decision.made"

SOURCE_PEOPLE: Final = "grassroots/people"
SOURCE_CASES: Final = "grassroots/cases"
SOURCE_POINTS: Final = "grassroots/points"
SOURCE_PARTICIPATION: Final = "grassroots/participation"
