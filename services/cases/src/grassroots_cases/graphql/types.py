"""GraphQL types of the cases subgraph: the Case entity and the entities it extends."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry
from grassroots_kit.graphql.connections import (
    After,
    Connection,
    First,
    PageInfo,
    decode_cursor,
    page_size,
    to_connection,
)
from grassroots_kit.graphql.geo import GeoPoint, from_point
from grassroots_kit.graphql.photos import Photo
from strawberry.types import Info

from grassroots_cases.domain import model
from grassroots_cases.domain.following import FollowCounts
from grassroots_cases.domain.listing import CaseFilter as DomainFilter
from grassroots_cases.domain.listing import sort_key
from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.enums import (
    CaseCategory,
    CaseChannel,
    CaseLevel,
    CasePriority,
    CaseSort,
    CaseStatus,
)
from grassroots_cases.graphql.inputs import CaseFilter
from grassroots_cases.graphql.photos import photos as photos_of_case
from grassroots_cases.graphql.statistics import CaseStats
from grassroots_cases.handlers import reading

Since = Annotated[datetime, strawberry.argument(name="from", description="Period start.")]
Until = Annotated[datetime, strawberry.argument(name="to", description="Period end (excluded).")]


# The fields below are added to entities people owns. Each is nullable: when cases refuses one
# (FORBIDDEN, UNAUTHENTICATED) or is down, the gateway nulls that field alone, with the error at
# its path, instead of the person, organization or org unit (and the list it sits in) that
# people answered (docs/graph.md, "When part of an answer fails").
@strawberry.federation.type(keys=["id"], description="A person; resolved by the people service.")
class Person:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Person:
        return cls(id=id)

    @strawberry.field(description="Cases this person reported that the caller may see.")
    async def reported_cases(
        self, info: Info[Context, None], first: First = None, after: After = None
    ) -> Connection[Case] | None:
        where = DomainFilter(reporter_id=str(self.id))
        return await case_connection(info.context, where, CaseSort.CREATED, first, after)

    @strawberry.field(description="Cases assigned to this person that the caller may see.")
    async def assigned_cases(
        self, info: Info[Context, None], first: First = None, after: After = None
    ) -> Connection[Case] | None:
        where = DomainFilter(assignee_id=str(self.id))
        return await case_connection(info.context, where, CaseSort.CREATED, first, after)


@strawberry.federation.type(
    keys=["id"], description="An organization; resolved by the people service."
)
class Organization:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Organization:
        return cls(id=id)

    @strawberry.field(description="Cases dispatched to or taken by this organization.")
    async def assigned_cases(
        self, info: Info[Context, None], first: First = None, after: After = None
    ) -> Connection[Case] | None:
        where = DomainFilter(organization_id=str(self.id))
        return await case_connection(info.context, where, CaseSort.CREATED, first, after)


@strawberry.federation.type(keys=["id"], description="A unit of the administrative ladder.")
class OrgUnit:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> OrgUnit:
        return cls(id=id)

    @strawberry.field(
        description="Cases raised in this unit's subtree that the caller may see, newest first."
    )
    async def cases(
        self,
        info: Info[Context, None],
        first: First = None,
        after: After = None,
        filter: CaseFilter | None = None,
        sort: CaseSort = CaseSort.CREATED,
    ) -> Connection[Case] | None:
        where = filter.to_domain() if filter else DomainFilter()
        where = DomainFilter(**{**where.__dict__, "within": str(self.id)})
        return await case_connection(info.context, where, sort, first, after)

    @strawberry.field(
        description="Case statistics of this unit's subtree; null, with a FORBIDDEN error, to "
        "anyone but the staff of the area."
    )
    async def case_stats(
        self, info: Info[Context, None], since: Since, until: Until
    ) -> CaseStats | None:
        result = await reading.statistics(
            info.context.ports, info.context.caller, str(self.id), since, until
        )
        return CaseStats.from_domain(str(self.id), since, until, result)


@strawberry.type(description="A meeting's decision on a case sent to deliberation.")
class CaseMeetingDecision:
    decision_id: strawberry.ID = strawberry.field(description="The decision (participation's).")
    meeting_id: strawberry.ID = strawberry.field(description="The meeting that decided.")
    method: str = strawberry.field(description="CONSENSUS or HOUSEHOLD_VOTE.")
    outcome: str = strawberry.field(description="ADOPTED or REJECTED.")
    text: str = strawberry.field(description="What was decided, as recorded.")
    votes_for: int = strawberry.field(description="Households for (0 for consensus).")
    votes_against: int = strawberry.field(description="Households against.")
    abstentions: int = strawberry.field(description="Households abstaining.")
    households_invited: int = strawberry.field(description="Households invited to vote.")


@strawberry.type(description="One step in a case's history.")
class TimelineEntry:
    at: datetime = strawberry.field(description="When it happened.")
    actor: Person | None = strawberry.field(description="Who did it; null for the system.")
    action: str = strawberry.field(description="What was done, e.g. ASSIGNED, ESCALATED:MANUAL.")
    from_status: CaseStatus | None = strawberry.field(description="Status before.")
    to_status: CaseStatus = strawberry.field(description="Status after.")
    note: str | None = strawberry.field(description="Reason, resolution or comment.")
    decision: CaseMeetingDecision | None = strawberry.field(
        default=None,
        description="The meeting's decision, on the step that resumed a case from deliberation.",
    )
    case: strawberry.Private[model.Case | None] = None
    photo_ids: strawberry.Private[tuple[str, ...]] = ()

    @strawberry.field(description="Photos of a comment (a progress note).")
    async def photos(self, info: Info[Context, None]) -> list[Photo]:
        if self.case is None or not self.photo_ids:
            return []
        return await photos_of_case(info, self.case, self.photo_ids)


@strawberry.type(description="The reporter's answer to a resolution.")
class CaseRating:
    score: int = strawberry.field(description="1 (bad) to 5 (excellent).")
    comment: str | None = strawberry.field(description="What the reporter said.")
    at: datetime = strawberry.field(description="When they rated.")


@strawberry.type(description="Someone who worked the case, in the role they did it in.")
class CaseHandler:
    person: Person = strawberry.field(description="Who.")
    role: str = strawberry.field(description="The role, e.g. GRID_MEMBER or RED_PARTNER_MEMBER.")


@strawberry.federation.type(keys=["id"], description="A resident's problem or need.")
class Case:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    number: str = strawberry.field(description="Readable number, unique per district and year.")
    title: str = strawberry.field(description="What the problem is, in a line.")
    description: str = strawberry.field(description="The details.")
    category: CaseCategory = strawberry.field(description="What it is about.")
    channel: CaseChannel = strawberry.field(description="How it came in.")
    priority: CasePriority = strawberry.field(description="How urgent it is.")
    status: CaseStatus = strawberry.field(description="Where the case stands in its workflow.")
    level: CaseLevel = strawberry.field(description="The rung now responsible.")
    address: str | None = strawberry.field(description="Where, when more precise than the unit.")
    org_unit: OrgUnit = strawberry.field(description="Where the case was raised.")
    reporter: Person | None = strawberry.field(description="Who raised it; null if anonymous.")
    assignee: Person | None = strawberry.field(description="Who works it now.")
    assigned_organization: Organization | None = strawberry.field(
        description="The department or red partner it was dispatched to or taken by."
    )
    order_taker: Person | None = strawberry.field(description="Who took it from the order board.")
    handlers: list[CaseHandler] = strawberry.field(description="Everyone who worked it.")
    due_at: datetime = strawberry.field(description="When an answer is due.")
    overdue: bool = strawberry.field(description="Open and past its deadline.")
    breach_count: int = strawberry.field(description="How many deadlines it has missed.")
    created_at: datetime = strawberry.field(description="When the case was reported.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    first_response_at: datetime | None = strawberry.field(description="First response by staff.")
    resolved_at: datetime | None = strawberry.field(description="When it was resolved.")
    closed_at: datetime | None = strawberry.field(description="When it was closed.")
    resolution: str | None = strawberry.field(description="What was done.")
    rejection_reason: str | None = strawberry.field(description="Why it was rejected.")
    rating: CaseRating | None = strawberry.field(description="The reporter's rating.")
    timeline: list[TimelineEntry] = strawberry.field(description="Its history, oldest first.")
    version: int = strawberry.field(description="Grows with every change; pass to detect races.")
    location: GeoPoint | None = strawberry.field(
        description="Where, as the reporter placed it (WGS-84); shown with the address, to those "
        "who may read the whole case."
    )
    domain: strawberry.Private[model.Case]

    @strawberry.field(description="Photos of the problem, from the report.")
    async def photos(self, info: Info[Context, None]) -> list[Photo]:
        return await photos_of_case(info, self.domain, self.domain.photo_ids)

    @strawberry.field(description="Photos of the result (after), from the resolution.")
    async def resolution_photos(self, info: Info[Context, None]) -> list[Photo]:
        return await photos_of_case(info, self.domain, self.domain.resolution_photo_ids)

    async def _follows(self, info: Info[Context, None]) -> FollowCounts:
        counts = await info.context.follow_counts.load(str(self.id))
        return counts or FollowCounts()

    @strawberry.field(description="How many people follow it (they are told when it moves).")
    async def follower_count(self, info: Info[Context, None]) -> int:
        return (await self._follows(info)).followers

    @strawberry.field(
        description='How many people said "me too": they have the same problem and did not '
        "report it again."
    )
    async def me_too_count(self, info: Info[Context, None]) -> int:
        return (await self._follows(info)).me_too

    @strawberry.field(description="Whether you follow it.")
    async def followed_by_me(self, info: Info[Context, None]) -> bool:
        return (await self._follows(info)).followed_by_me

    @strawberry.field(description='Whether you said "me too" to it.')
    async def me_too_by_me(self, info: Info[Context, None]) -> bool:
        return (await self._follows(info)).me_too_by_me

    @classmethod
    def from_domain(cls, case: model.Case) -> Case:
        def person(person_id: str | None) -> Person | None:
            return Person(id=strawberry.ID(person_id)) if person_id else None

        return cls(
            id=strawberry.ID(case.id),
            number=case.number,
            title=case.title,
            description=case.description,
            category=case.category,
            channel=case.channel,
            priority=case.priority,
            status=case.status,
            level=case.level,
            address=case.address,
            org_unit=OrgUnit(id=strawberry.ID(case.org_unit_id)),
            reporter=person(case.reporter_id),
            assignee=person(case.assignee_id),
            assigned_organization=(
                Organization(id=strawberry.ID(case.organization_id))
                if case.organization_id
                else None
            ),
            order_taker=person(case.order_taker_id),
            handlers=[
                CaseHandler(person=Person(id=strawberry.ID(h.person_id)), role=h.role.value)
                for h in case.handlers
            ],
            due_at=case.due_at,
            overdue=case.overdue(datetime.now(UTC)),
            breach_count=case.breach_count,
            created_at=case.created_at,
            updated_at=case.updated_at,
            first_response_at=case.first_response_at,
            resolved_at=case.resolved_at,
            closed_at=case.closed_at,
            resolution=case.resolution,
            rejection_reason=case.rejection_reason,
            rating=(
                CaseRating(score=case.rating.score, comment=case.rating.comment, at=case.rating.at)
                if case.rating
                else None
            ),
            timeline=[
                TimelineEntry(
                    at=e.at,
                    actor=person(e.actor_id),
                    action=e.action,
                    from_status=e.from_status,
                    to_status=e.to_status,
                    note=e.note,
                    decision=(
                        CaseMeetingDecision(
                            decision_id=strawberry.ID(e.decision.decision_id),
                            meeting_id=strawberry.ID(e.decision.meeting_id),
                            method=e.decision.method,
                            outcome=e.decision.outcome,
                            text=e.decision.text,
                            votes_for=e.decision.votes_for,
                            votes_against=e.decision.votes_against,
                            abstentions=e.decision.abstentions,
                            households_invited=e.decision.households_invited,
                        )
                        if e.decision
                        else None
                    ),
                    case=case if e.photo_ids else None,
                    photo_ids=e.photo_ids,
                )
                for e in case.timeline
            ],
            version=case.version,
            location=from_point(case.location),
            domain=case,
        )

    @classmethod
    async def resolve_reference(cls, info: Info[Context, None], id: strawberry.ID) -> Case | None:
        case = reading.readable(info.context.caller, await info.context.cases.load(str(id)))
        return cls.from_domain(case) if case else None


async def case_connection(
    context: Context, where: DomainFilter, sort: CaseSort, first: int | None, after: str | None
) -> Connection[Case]:
    """A page of the cases the caller may see; an anonymous caller sees none."""
    size = page_size(first)
    caller = context.caller
    if caller is None:
        empty = PageInfo(
            has_next_page=False, has_previous_page=False, start_cursor=None, end_cursor=None
        )
        return Connection(edges=[], page_info=empty, total_count=0)
    key = decode_cursor(after) if after else None
    page = await reading.list_cases(context.ports, caller, where, sort, size, key)
    for case in page.items:
        context.cases.prime(case.id, case)
    return to_connection(page, lambda c: sort_key(c, sort), Case.from_domain)
