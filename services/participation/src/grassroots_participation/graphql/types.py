"""GraphQL types of meetings, and the entities of people that participation points to."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from grassroots_kit.graphql.connections import (
    After,
    Connection,
    First,
    decode_cursor,
    page_size,
    to_connection,
)
from strawberry.types import Info

from grassroots_participation.domain import meetings as domain
from grassroots_participation.domain.cost_shares import PlanState, plan_key
from grassroots_participation.domain.listing import MeetingQuery, meeting_key
from grassroots_participation.graphql import activity_types, deliberation

# Registers the cost-sharing enums' GraphQL names before Organization.pledges uses one.
from grassroots_participation.graphql import cost_share_enums as cost_share_enums
from grassroots_participation.graphql import surveys as survey_types
from grassroots_participation.graphql.context import Context
from grassroots_participation.handlers import cost_shares, reading

if TYPE_CHECKING:
    from grassroots_participation.graphql.cost_share_types import (
        CostSharePlan,
        OrganizationPledge,
    )
    from grassroots_participation.graphql.deliberation import DeliberationProposal

strawberry.enum(domain.MeetingKind, description="What kind of meeting it is.")
strawberry.enum(domain.MeetingStatus, description="Whether a meeting still takes changes.")
strawberry.enum(domain.ItemStatus, name="AgendaItemStatus", description="Open, or decided.")
strawberry.enum(domain.DecisionMethod, description="How an agenda item was decided.")
strawberry.enum(domain.Outcome, name="DecisionOutcome", description="Adopted or rejected.")
strawberry.enum(domain.Choice, name="VoteChoice", description="A household's vote.")
strawberry.enum(domain.Weekday, description="A day of the week (business time zone).")


@strawberry.federation.type(keys=["id"], description="A person (owned by `people`).")
class Person:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Person:
        return cls(id=id)

    @strawberry.field(
        description="What this person served at activities, as organizers confirmed it: for "
        "themselves and the staff over where they live."
    )
    async def service_record(
        self,
        info: Info[Context, None],
        since: Annotated[
            date | None, strawberry.argument(description="From this date (included).")
        ] = None,
        until: Annotated[
            date | None, strawberry.argument(description="Until this date (excluded).")
        ] = None,
    ) -> activity_types.ServiceRecord | None:
        return await activity_types.person_service_record(info, str(self.id), since, until)


@strawberry.federation.type(keys=["id"], description="A household (owned by `people`).")
class Household:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Household:
        return cls(id=id)


@strawberry.federation.type(keys=["id"], description="An organization (owned by `people`).")
class Organization:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Organization:
        return cls(id=id)

    @strawberry.field(
        description="The cost-sharing plans this organization covered (a red partner taking "
        "on a shortfall), by when they were drawn up: for its members, and for staff those of "
        "the units they serve."
    )
    async def pledges(
        self,
        info: Info[Context, None],
        first: First = None,
        after: After = None,
        states: Annotated[
            list[PlanState] | None,
            strawberry.argument(description="Only plans in these states (e.g. OPEN, FUNDED)."),
        ] = None,
    ) -> (
        Connection[
            Annotated[
                OrganizationPledge,
                strawberry.lazy("grassroots_participation.graphql.cost_share_types"),
            ]
        ]
        | None
    ):
        from grassroots_participation.graphql.cost_share_types import OrganizationPledge

        page = await cost_shares.covered_by_organization(
            info.context.ports,
            info.context.require_caller(),
            str(self.id),
            page_size(first),
            decode_cursor(after) if after else None,
            frozenset(states or ()),
        )
        return to_connection(
            page, lambda found: plan_key(found[0]), lambda f: OrganizationPledge.of(str(self.id), f)
        )


# cases owns Case; participation adds the plan that pays for it.
@strawberry.federation.type(keys=["id"], description="A case (owned by `cases`).")
class Case:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Case:
        return cls(id=id)

    @strawberry.field(
        description="The cost-sharing plan for this case (the live one, else the last "
        "cancelled), if you may see it."
    )
    async def cost_share(
        self, info: Info[Context, None]
    ) -> (
        Annotated[
            CostSharePlan, strawberry.lazy("grassroots_participation.graphql.cost_share_types")
        ]
        | None
    ):
        from grassroots_participation.graphql.cost_share_types import CostSharePlan

        info.context.require_caller()
        found = await info.context.case_plans.load(str(self.id))
        return CostSharePlan.from_domain(*found) if found else None

    @strawberry.field(
        description="The latest proposal made from this case on its unit's deliberation list, "
        "with its meeting and decision; null when it was never sent to deliberation (or you do "
        "not belong to the unit)."
    )
    async def deliberation(
        self, info: Info[Context, None]
    ) -> (
        Annotated[
            DeliberationProposal, strawberry.lazy("grassroots_participation.graphql.deliberation")
        ]
        | None
    ):
        from grassroots_participation.graphql.deliberation import case_deliberation

        return await case_deliberation(info, str(self.id))


def person(person_id: str) -> Person:
    return Person(id=strawberry.ID(person_id))


@strawberry.type(description="A meeting that repeats every week.")
class Recurrence:
    weekday: domain.Weekday = strawberry.field(description="The day it takes place.")
    until: date | None = strawberry.field(description="The last date it may take place on.")


@strawberry.type(description="A household invited to a meeting and the person who votes for it.")
class InvitedHousehold:
    household: Household = strawberry.field(description="The household.")
    representative: Person = strawberry.field(description="Its representative: its one voter.")


@strawberry.type(description="The households' votes on an agenda item.")
class VoteTally:
    votes_for: int = strawberry.field(description="Households voting for.")
    votes_against: int = strawberry.field(description="Households voting against.")
    abstentions: int = strawberry.field(description="Households abstaining.")
    voted: int = strawberry.field(description="Households that voted.")
    invited: int = strawberry.field(description="Households invited.")
    quorum: int = strawberry.field(description="Households that must vote (more than half).")
    quorum_met: bool = strawberry.field(description="Enough households voted to decide.")

    @classmethod
    def from_domain(cls, tally: domain.Tally) -> VoteTally:
        return cls(
            votes_for=tally.votes_for,
            votes_against=tally.votes_against,
            abstentions=tally.abstentions,
            voted=tally.voted,
            invited=tally.invited,
            quorum=tally.quorum,
            quorum_met=tally.quorum_met,
        )


@strawberry.type(description="How an agenda item was decided and what was decided.")
class Decision:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    method: domain.DecisionMethod = strawberry.field(description="Consensus or household vote.")
    outcome: domain.Outcome = strawberry.field(description="Adopted or rejected.")
    text: str = strawberry.field(description="What was decided, in the words recorded.")
    tally: VoteTally | None = strawberry.field(
        description="The count it was decided by; null for consensus."
    )
    decided_by: Person = strawberry.field(description="Who recorded the decision.")
    decided_at: datetime = strawberry.field(description="When it was recorded.")

    @classmethod
    def from_domain(cls, decision: domain.Decision) -> Decision:
        return cls(
            id=strawberry.ID(decision.id),
            method=decision.method,
            outcome=decision.outcome,
            text=decision.text,
            tally=VoteTally.from_domain(decision.tally) if decision.tally else None,
            decided_by=person(decision.decided_by),
            decided_at=decision.decided_at,
        )


@strawberry.type(description="An item on a meeting's agenda.")
class AgendaItem:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    title: str = strawberry.field(description="What is to be discussed.")
    description: str = strawberry.field(description="Background, options, proposals.")
    status: domain.ItemStatus = strawberry.field(description="Open, or decided.")
    proposed_by: Person = strawberry.field(description="Who put it on the agenda.")
    tally: VoteTally = strawberry.field(description="The households' votes so far.")
    decision: Decision | None = strawberry.field(description="The decision, once made.")
    votes: strawberry.Private[list[domain.Vote]]
    survey_id: strawberry.Private[str | None] = None

    @strawberry.field(description="A survey whose results it discusses, if one is attached.")
    async def survey(self, info: Info[Context, None]) -> survey_types.Survey | None:
        if self.survey_id is None:
            return None
        return await survey_types.survey_by_id(info, self.survey_id)

    @strawberry.field(description="Your household's vote on it, if you voted.")
    def my_vote(self, info: Info[Context, None]) -> domain.Choice | None:
        caller = info.context.caller
        if caller is None:
            return None
        return next((v.choice for v in self.votes if v.person_id == caller.person_id), None)

    @classmethod
    def from_domain(cls, meeting: domain.Meeting, item: domain.AgendaItem) -> AgendaItem:
        return cls(
            id=strawberry.ID(item.id),
            title=item.title,
            description=item.description,
            status=item.status,
            proposed_by=person(item.proposed_by),
            tally=VoteTally.from_domain(meeting.tally(item)),
            decision=Decision.from_domain(item.decision) if item.decision else None,
            votes=list(item.votes),
            survey_id=item.survey_id,
        )


@strawberry.type(
    description="A meeting at an org unit: a council, discussion day, mass meeting, night talk "
    "or six-party negotiation, with its invited parties, agenda, attendance, decisions and minutes."
)
class Meeting:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    kind: domain.MeetingKind = strawberry.field(description="What kind of meeting.")
    title: str = strawberry.field(description="What it is called.")
    org_unit_id: strawberry.ID = strawberry.field(description="Where it is held.")
    starts_at: datetime = strawberry.field(description="When it (first) takes place.")
    ends_at: datetime | None = strawberry.field(description="When it is planned to end.")
    location: str = strawberry.field(description="Where people gather; may be empty.")
    recurrence: Recurrence | None = strawberry.field(description="Null for a single meeting.")
    convener: Person = strawberry.field(description="Who convened it.")
    households: list[InvitedHousehold] = strawberry.field(
        description="The households invited, each with its representative."
    )
    organizations: list[Organization] = strawberry.field(
        description="Organizations invited (a property company, an owners' committee...)."
    )
    agenda: list[AgendaItem] = strawberry.field(description="Its agenda, in the order added.")
    attendance: list[Person] = strawberry.field(description="Who was recorded present.")
    minutes: str = strawberry.field(description="The minutes; empty until recorded.")
    status: domain.MeetingStatus = strawberry.field(description="Scheduled or closed.")
    closed_at: datetime | None = strawberry.field(description="When it was closed.")
    domain_meeting: strawberry.Private[domain.Meeting]

    @strawberry.field(description="The unit where it is held.")
    def org_unit(self) -> OrgUnit:
        return OrgUnit(id=self.org_unit_id)

    @strawberry.field(
        description="Its next dates from now on (weekly for a recurring meeting), at most 52."
    )
    def next_occurrences(
        self,
        info: Info[Context, None],
        first: Annotated[int, strawberry.argument(description="How many, at most 52.")] = 4,
    ) -> list[datetime]:
        m = self.domain_meeting
        return domain.occurrences(
            m.starts_at,
            m.recurrence,
            info.context.ports.business_zone,
            after=datetime.now(UTC),
            count=first,
        )

    @classmethod
    def from_domain(cls, meeting: domain.Meeting) -> Meeting:
        rec = meeting.recurrence
        return cls(
            id=strawberry.ID(meeting.id),
            kind=meeting.kind,
            title=meeting.title,
            org_unit_id=strawberry.ID(meeting.org_unit_id),
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            location=meeting.location,
            recurrence=Recurrence(weekday=rec.weekday, until=rec.until) if rec else None,
            convener=person(meeting.convener_id),
            households=[
                InvitedHousehold(
                    household=Household(id=strawberry.ID(h.household_id)),
                    representative=person(h.representative_id),
                )
                for h in meeting.households
            ],
            organizations=[Organization(id=strawberry.ID(o)) for o in meeting.organization_ids],
            agenda=[AgendaItem.from_domain(meeting, item) for item in meeting.agenda],
            attendance=[person(p) for p in meeting.attendance],
            minutes=meeting.minutes,
            status=meeting.status,
            closed_at=meeting.closed_at,
            domain_meeting=meeting,
        )


@strawberry.input(description="Which of a unit's cost-sharing plans to list.")
class CostSharePlanFilter:
    states: list[PlanState] | None = strawberry.field(
        default=None, description="Only plans in these states (e.g. OPEN)."
    )


@strawberry.input(description="Which of a unit's meetings to list.")
class MeetingFilter:
    kinds: list[domain.MeetingKind] | None = strawberry.field(
        default=None, description="Only these kinds."
    )
    status: domain.MeetingStatus | None = strawberry.field(
        default=None, description="Only scheduled, or only closed, meetings."
    )
    starts_from: datetime | None = strawberry.field(
        default=None, description="Only meetings (first) taking place at or after this time."
    )
    starts_before: datetime | None = strawberry.field(
        default=None, description="Only meetings (first) taking place before this time."
    )


# people owns OrgUnit; the field participation adds is nullable so that a refusal or an outage
# nulls that field alone, with the error at its path (docs/graph.md, "When part of an answer
# fails").
@strawberry.federation.type(keys=["id"], description="A unit of the administrative ladder.")
class OrgUnit:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> OrgUnit:
        return cls(id=id)

    # The deliberation list and the published lists (graphql/deliberation.py).
    deliberation_list = deliberation.DELIBERATION_LIST
    published_lists = deliberation.PUBLISHED_LISTS

    @strawberry.field(
        description="Meetings held in this unit's subtree, by start time. Staff over the unit "
        "see all of them; its residents those held at the units they live in or serve."
    )
    async def meetings(
        self,
        info: Info[Context, None],
        first: First = None,
        after: After = None,
        filter: MeetingFilter | None = None,
    ) -> Connection[Meeting] | None:
        where = filter or MeetingFilter()
        query = MeetingQuery(
            within=str(self.id),
            kinds=tuple(where.kinds or ()),
            status=where.status,
            starts_from=where.starts_from,
            starts_before=where.starts_before,
        )
        page = await reading.meetings_of_unit(
            info.context.ports,
            info.context.require_caller(),
            query,
            page_size(first),
            decode_cursor(after) if after else None,
        )
        return to_connection(page, meeting_key, Meeting.from_domain)

    @strawberry.field(
        description="Activities and service days held in this unit's subtree, by first start. "
        "Staff over the unit see all of them; its residents those held at the units they live "
        "in or serve."
    )
    async def activities(
        self,
        info: Info[Context, None],
        first: First = None,
        after: After = None,
        filter: activity_types.ActivityFilter | None = None,
    ) -> Connection[activity_types.Activity] | None:
        return await activity_types.unit_activities(info, str(self.id), first, after, filter)

    @strawberry.field(
        description="Surveys of this unit's subtree, by close date. Staff over the unit see all "
        "of them, drafts included; its residents the open and closed ones of the units they "
        "live in or serve."
    )
    async def surveys(
        self,
        info: Info[Context, None],
        first: First = None,
        after: After = None,
        filter: survey_types.SurveyFilter | None = None,
    ) -> Connection[survey_types.Survey] | None:
        return await survey_types.surveys_of_unit(info, str(self.id), first, after, filter)

    @strawberry.field(
        description="Cost-sharing plans drawn up in this unit's subtree, by when they were drawn "
        "up. Staff over the unit see every household's line; a household in a plan its own "
        "line and the totals; the unit's other people and serving organizations the totals."
    )
    async def cost_share_plans(
        self,
        info: Info[Context, None],
        first: First = None,
        after: After = None,
        filter: CostSharePlanFilter | None = None,
    ) -> (
        Connection[
            Annotated[
                CostSharePlan,
                strawberry.lazy("grassroots_participation.graphql.cost_share_types"),
            ]
        ]
        | None
    ):
        from grassroots_participation.graphql.cost_share_types import CostSharePlan

        page = await cost_shares.plans_of_unit(
            info.context.ports,
            info.context.require_caller(),
            str(self.id),
            page_size(first),
            decode_cursor(after) if after else None,
            frozenset((filter.states if filter else None) or ()),
        )
        return to_connection(
            page, lambda found: plan_key(found[0]), lambda f: CostSharePlan.from_domain(*f)
        )
