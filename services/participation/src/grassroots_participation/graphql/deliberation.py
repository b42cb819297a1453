"""GraphQL of the deliberation list and the published lists: their types, `Case.deliberation`,
the `OrgUnit` fields (attached in graphql/types.py) and the mutations.

Meetings' types are referred to lazily (this module is imported by graphql/types.py for the
`OrgUnit` fields), and built with function-local imports.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Protocol

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

from grassroots_participation.domain import deliberation as domain
from grassroots_participation.domain.meetings import Meeting as DomainMeeting
from grassroots_participation.domain.published_lists import ListKind
from grassroots_participation.domain.published_lists import PublishedList as DomainList
from grassroots_participation.graphql.context import Context
from grassroots_participation.handlers import deliberation as handlers
from grassroots_participation.handlers.deliberation import DeliberationPorts

if TYPE_CHECKING:
    from grassroots_participation.graphql.types import Decision, Meeting, Person

TYPES = "grassroots_participation.graphql.types"

strawberry.enum(domain.ProposalSource, description="Where a deliberation proposal came from.")
strawberry.enum(domain.ProposalStatus, description="Where a deliberation proposal stands.")
strawberry.enum(ListKind, name="PublishedListKind", description="Which of a unit's lists.")


def ports_of(info: Info[Context, None]) -> DeliberationPorts:
    found = info.context.ports.deliberation
    if found is None:  # composed in production: handlers/composition.py
        raise RuntimeError("the deliberation ports are not composed")
    return found


def proposal_key(p: domain.Proposal) -> tuple[str, str]:
    """The deliberation list runs by time proposed, then id; a cursor is this key."""
    return (p.proposed_at.isoformat(), p.id)


@strawberry.type(
    description="An item on a unit's deliberation list: proposed by a resident or sent from a "
    "case, then put on a meeting's agenda and decided there."
)
class DeliberationProposal:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    source: domain.ProposalSource = strawberry.field(description="A case or a resident.")
    title: str = strawberry.field(description="What is to be decided.")
    description: str = strawberry.field(
        description="The resident's words, or the reason the handler sent the case."
    )
    org_unit_id: strawberry.ID = strawberry.field(description="The unit it concerns.")
    case_id: strawberry.ID | None = strawberry.field(description="The case it came from.")
    case_number: str | None = strawberry.field(description="That case's readable number.")
    proposed_at: datetime = strawberry.field(description="When it was proposed or sent.")
    status: domain.ProposalStatus = strawberry.field(
        description="Proposed, on a meeting's agenda, or decided there."
    )
    proposal: strawberry.Private[domain.Proposal]
    domain_meeting: strawberry.Private[DomainMeeting | None]

    @strawberry.field(description="Who proposed it, or the handler who sent the case.")
    def proposed_by(self) -> Annotated[Person, strawberry.lazy(TYPES)]:
        from grassroots_participation.graphql.types import person

        return person(self.proposal.proposed_by)

    @strawberry.field(description="The meeting whose agenda it is on, once it is.")
    def meeting(self) -> Annotated[Meeting, strawberry.lazy(TYPES)] | None:
        from grassroots_participation.graphql.types import Meeting

        m = self.domain_meeting
        return Meeting.from_domain(m) if m else None

    @strawberry.field(description="The agenda item it became, once on an agenda.")
    def agenda_item_id(self) -> strawberry.ID | None:
        item = self.proposal.agenda_item_id
        return strawberry.ID(item) if item else None

    @strawberry.field(description="The meeting's decision on it, once decided.")
    def decision(self) -> Annotated[Decision, strawberry.lazy(TYPES)] | None:
        from grassroots_participation.graphql.types import Decision

        m, item_id = self.domain_meeting, self.proposal.agenda_item_id
        if m is None or item_id is None:
            return None
        item = next((i for i in m.agenda if i.id == item_id), None)
        return Decision.from_domain(item.decision) if item and item.decision else None

    @classmethod
    def from_domain(
        cls, p: domain.Proposal, meeting: DomainMeeting | None = None
    ) -> DeliberationProposal:
        return cls(
            id=strawberry.ID(p.id),
            source=p.source,
            title=p.title,
            description=p.description,
            org_unit_id=strawberry.ID(p.org_unit_id),
            case_id=strawberry.ID(p.case_id) if p.case_id else None,
            case_number=p.case_number,
            proposed_at=p.proposed_at,
            status=domain.status_of(p, meeting),
            proposal=p,
            domain_meeting=meeting,
        )


@strawberry.type(
    description="One version of a unit's published list: the responsibility list (\"six "
    'leads") or the negative list ("six eliminations").'
)
class PublishedList:
    id: strawberry.ID = strawberry.field(description="Stable identifier of this version.")
    kind: ListKind = strawberry.field(description="Which list.")
    version: int = strawberry.field(description="1 for the first published, then 2, 3...")
    title: str = strawberry.field(description="Its heading.")
    entries: list[str] = strawberry.field(description="Its entries, in order.")
    org_unit_id: strawberry.ID = strawberry.field(description="The unit it is published for.")
    published_at: datetime = strawberry.field(description="When this version was published.")
    published_by_id: strawberry.Private[str]

    @strawberry.field(description="Who published this version.")
    def published_by(self) -> Annotated[Person, strawberry.lazy(TYPES)]:
        from grassroots_participation.graphql.types import person

        return person(self.published_by_id)

    @classmethod
    def from_domain(cls, p: DomainList) -> PublishedList:
        return cls(
            id=strawberry.ID(p.id),
            kind=p.kind,
            version=p.version,
            title=p.title,
            entries=list(p.entries),
            org_unit_id=strawberry.ID(p.org_unit_id),
            published_at=p.published_at,
            published_by_id=p.published_by,
        )


# --- Case (owned by cases): where its deliberation stands -----------------------------------


async def case_deliberation(info: Info[Context, None], case_id: str) -> DeliberationProposal | None:
    """`Case.deliberation` (graphql/types.py): the latest proposal made from the case."""
    found = await handlers.for_case(ports_of(info), info.context.caller, case_id)
    return DeliberationProposal.from_domain(*found) if found else None


# --- OrgUnit fields (attached to graphql/types.py's OrgUnit) ---------------------------------


class HasId(Protocol):
    id: strawberry.ID


@strawberry.input(description="Which proposals of a deliberation list to show.")
class DeliberationFilter:
    status: list[domain.ProposalStatus] | None = strawberry.field(
        default=None,
        description="Any of these; all when omitted. A decision moves its proposal to DECIDED "
        "in the list moments after it is recorded.",
    )


async def org_unit_deliberation_list(
    root: HasId,
    info: Info[Context, None],
    first: First = None,
    after: After = None,
    filter: DeliberationFilter | None = None,
) -> Connection[DeliberationProposal] | None:
    ports = ports_of(info)
    statuses = tuple((filter.status if filter else None) or ())
    page = await handlers.deliberation_list(
        ports,
        info.context.require_caller(),
        str(root.id),
        statuses,
        page_size(first),
        decode_cursor(after) if after else None,
    )
    meetings: dict[str, DomainMeeting | None] = {}
    for p in page.items:
        if p.meeting_id and p.meeting_id not in meetings:
            meetings[p.meeting_id] = await ports.meetings.get(p.meeting_id)

    def node(p: domain.Proposal) -> DeliberationProposal:
        return DeliberationProposal.from_domain(
            p, meetings.get(p.meeting_id) if p.meeting_id else None
        )

    return to_connection(page, proposal_key, node)


async def org_unit_published_lists(
    root: HasId,
    info: Info[Context, None],
    kind: Annotated[ListKind, strawberry.argument(description="Which list.")],
    version: Annotated[
        int | None,
        strawberry.argument(description="That version only; every version when omitted."),
    ] = None,
) -> list[PublishedList] | None:
    found = await handlers.published_lists(
        ports_of(info), info.context.require_caller(), str(root.id), kind, version
    )
    return [PublishedList.from_domain(p) for p in found]


DELIBERATION_LIST = strawberry.field(
    resolver=org_unit_deliberation_list,
    description="The unit's deliberation list (its subtree's proposals), oldest first. Staff "
    "over the unit see all of it; its residents the proposals of the units they live in or "
    "serve.",
)
PUBLISHED_LISTS = strawberry.field(
    resolver=org_unit_published_lists,
    description="The unit's published list of a kind, newest version first (the first is the "
    "current one), or one version; for the unit's people and the staff over it.",
)


# --- mutations -------------------------------------------------------------------------------


@strawberry.input(description="An item a resident proposes for the unit's meetings.")
class ProposeDeliberationItemInput:
    org_unit_id: strawberry.ID = strawberry.field(description="The unit (where you live).")
    title: str = strawberry.field(description="What should be decided.")
    description: str = strawberry.field(default="", description="Background and options.")


@strawberry.type(description="The result of proposeDeliberationItem.")
class ProposeDeliberationItemPayload:
    proposal: DeliberationProposal = strawberry.field(description="The proposal, PROPOSED.")


async def resolve_propose_deliberation_item(
    info: Info[Context, None], input: ProposeDeliberationItemInput
) -> ProposeDeliberationItemPayload:
    proposal = await handlers.propose_item(
        ports_of(info),
        info.context.require_caller(),
        str(input.org_unit_id),
        input.title,
        input.description,
    )
    return ProposeDeliberationItemPayload(proposal=DeliberationProposal.from_domain(proposal))


@strawberry.input(description="Put a proposal of the deliberation list on a meeting's agenda.")
class PutProposalOnAgendaInput:
    proposal_id: strawberry.ID = strawberry.field(description="The proposal.")
    meeting_id: strawberry.ID = strawberry.field(
        description="A meeting held at the proposal's unit or above it."
    )


@strawberry.type(description="The result of putProposalOnAgenda.")
class PutProposalOnAgendaPayload:
    proposal: DeliberationProposal = strawberry.field(description="The proposal, ON_AGENDA.")


async def resolve_put_proposal_on_agenda(
    info: Info[Context, None], input: PutProposalOnAgendaInput
) -> PutProposalOnAgendaPayload:
    proposal, meeting = await handlers.put_on_agenda(
        ports_of(info), info.context.require_caller(), str(input.proposal_id), str(input.meeting_id)
    )
    return PutProposalOnAgendaPayload(proposal=DeliberationProposal.from_domain(proposal, meeting))


@strawberry.input(description="Publish a new version of a unit's list.")
class PublishListInput:
    org_unit_id: strawberry.ID = strawberry.field(description="The unit.")
    kind: ListKind = strawberry.field(description="Which list.")
    title: str = strawberry.field(description="Its heading.")
    entries: list[str] = strawberry.field(description="Its entries, in order (1 to 50).")
    expected_version: int | None = strawberry.field(
        default=None,
        description="The version you read (0 for none): a newer one is a CONFLICT.",
    )


@strawberry.type(description="The result of publishList.")
class PublishListPayload:
    list: PublishedList = strawberry.field(description="The version just published.")


async def resolve_publish_list(
    info: Info[Context, None], input: PublishListInput
) -> PublishListPayload:
    published = await handlers.publish_list(
        ports_of(info),
        info.context.require_caller(),
        str(input.org_unit_id),
        input.kind,
        input.title,
        input.entries,
        input.expected_version,
    )
    return PublishListPayload(list=PublishedList.from_domain(published))
