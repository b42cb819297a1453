"""The deliberation list and the published lists: use cases on their own ports, and the consumer
`participation.deliberation` of cases' `case.sent_to_deliberation`.

Each use case authorizes first, then loads, calls the domain and commits through the unit of
work (majority write concern); a refusal changes nothing. Putting a proposal on an agenda
changes the meeting and the proposal in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from grassroots_contracts.case_events import CaseSentToDeliberation
from grassroots_contracts.event_types import CASE_SENT_TO_DELIBERATION, DECISION_MADE
from grassroots_contracts.participation_events import DecisionMade
from grassroots_contracts.payload import InvalidPayload
from grassroots_contracts.producers import PRODUCERS
from grassroots_kit.auth import Principal
from grassroots_kit.cursors import Page
from grassroots_kit.errors import Conflict, Forbidden, NotFound
from grassroots_kit.i18n import msg
from grassroots_kit.messaging.consumer import PermanentEventError, Subscription
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.mongo import Database, Session
from grassroots_kit.org_units import ProjectedOrgUnit
from grassroots_kit.unit_of_work import Transaction, UnitOfWork

from grassroots_participation.adapters.deliberation import ProposalStore
from grassroots_participation.domain import access
from grassroots_participation.domain import deliberation as domain
from grassroots_participation.domain.ids import new_id
from grassroots_participation.domain.listing import StaleMeeting
from grassroots_participation.domain.meetings import Meeting
from grassroots_participation.domain.published_lists import (
    ListKind,
    PublishedList,
    VersionTaken,
    next_version,
)
from grassroots_participation.handlers.ports import (
    MeetingRepository,
    OrgUnits,
    ResidentRepository,
)

PURPOSE = "deliberation"
MAX_VERSIONS = 100


class ProposalRepository(Protocol):
    async def insert(self, proposal: domain.Proposal) -> None: ...

    async def get(self, proposal_id: str) -> domain.Proposal | None: ...

    async def latest_for_case(self, case_id: str) -> domain.Proposal | None: ...

    async def mark_decided(self, proposal_id: str) -> bool: ...

    async def waiting_from(self, person_id: str) -> int: ...

    async def save(self, proposal: domain.Proposal) -> domain.Proposal: ...

    async def page(
        self,
        within: str,
        statuses: Sequence[domain.ProposalStatus],
        held_at: frozenset[str] | None,
        first: int,
        after: Sequence[Any] | None,
    ) -> Page[domain.Proposal]: ...


class PublishedListRepository(Protocol):
    async def insert(self, published: PublishedList) -> None: ...

    async def version(
        self, org_unit_id: str, kind: ListKind, version: int | None
    ) -> PublishedList | None: ...

    async def versions(
        self, org_unit_id: str, kind: ListKind, limit: int
    ) -> list[PublishedList]: ...


@dataclass
class DeliberationTx(Transaction):
    meetings: MeetingRepository
    proposals: ProposalRepository
    lists: PublishedListRepository


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class DeliberationPorts:
    uow: UnitOfWork[DeliberationTx]
    proposals: ProposalRepository
    lists: PublishedListRepository
    meetings: MeetingRepository
    residents: ResidentRepository
    org_units: OrgUnits
    clock: Callable[[], datetime] = field(default=_now)


async def _home(ports: DeliberationPorts, caller: Principal | None) -> tuple[str, ...]:
    if caller is None:
        return ()
    resident = await ports.residents.get(caller.person_id)
    return resident.home_path if resident else ()


async def _unit(ports: DeliberationPorts, unit_id: str, field_name: str) -> ProjectedOrgUnit:
    unit = await ports.org_units.get(unit_id)
    if unit is None:
        raise NotFound(
            msg("no org unit with id {org_unit_id}", org_unit_id=unit_id), field=field_name
        )
    return unit


# --- the deliberation list -----------------------------------------------------------------


async def propose_item(
    ports: DeliberationPorts, caller: Principal, org_unit_id: str, title: str, description: str
) -> domain.Proposal:
    """A resident (or anyone serving there) proposes an item for the unit's meetings."""
    unit = await _unit(ports, org_unit_id, "orgUnitId")
    if not access.may_read_unit(caller, await _home(ports, caller), unit.id):
        raise access_refused()
    proposal = domain.from_resident(
        new_id(),
        org_unit_id=unit.id,
        org_unit_path=unit.path_with_self,
        title=title,
        description=description,
        proposed_by=caller.person_id,
        at=ports.clock(),
    )

    async def work(tx: DeliberationTx) -> domain.Proposal:
        domain.check_waiting(await tx.proposals.waiting_from(caller.person_id))
        await tx.proposals.insert(proposal)
        return proposal

    return await ports.uow.run(work)


def access_refused() -> Forbidden:
    return Forbidden(
        msg("only the people and staff of this org unit may propose items for its meetings")
    )


def proposal_hidden(proposal_id: str) -> NotFound:
    return NotFound(
        msg("no proposal with id {proposal_id}", proposal_id=proposal_id), field="proposalId"
    )


async def put_on_agenda(
    ports: DeliberationPorts, caller: Principal, proposal_id: str, meeting_id: str
) -> tuple[domain.Proposal, Meeting]:
    """Community staff who run the meeting put a proposal on its agenda (one transaction)."""
    home = await _home(ports, caller)
    item_id = new_id()

    async def work(tx: DeliberationTx) -> tuple[domain.Proposal, Meeting]:
        meeting = await tx.meetings.get(meeting_id)
        if meeting is None or not access.may_read(caller, home, meeting):
            raise access.hidden(meeting_id)
        access.require_runner(caller, meeting)
        proposal = await tx.proposals.get(proposal_id)
        if proposal is None or not caller.has_any(access.STAFF_ROLES, proposal.org_unit_path):
            raise proposal_hidden(proposal_id)
        placed = domain.put_on_agenda(proposal, meeting, item_id, ports.clock())
        try:
            saved_meeting = await tx.meetings.save(meeting)
            saved = await tx.proposals.save(placed)
        except StaleMeeting:
            raise Conflict(
                msg("the meeting changed while you were changing it: try again"), field="id"
            ) from None
        return saved, saved_meeting

    return await ports.uow.run(work)


async def deliberation_list(
    ports: DeliberationPorts,
    caller: Principal,
    org_unit_id: str,
    statuses: Sequence[domain.ProposalStatus],
    first: int,
    after: Sequence[Any] | None,
) -> Page[domain.Proposal]:
    """A unit's deliberation list: staff over the unit see its whole subtree; its people the
    proposals of the units they live in or serve (the same rule as meetings)."""
    unit = await _unit(ports, org_unit_id, "id")
    held_at = access.listable_units(caller, await _home(ports, caller), unit.path_with_self)
    return await ports.proposals.page(unit.id, statuses, held_at, first, after)


async def for_case(
    ports: DeliberationPorts, caller: Principal | None, case_id: str
) -> tuple[domain.Proposal, Meeting | None] | None:
    """The latest proposal made from a case, with its meeting; None when there is none or the
    caller may not see the unit's deliberation list (cases decides who sees the case)."""
    if caller is None:
        return None
    proposal = await ports.proposals.latest_for_case(case_id)
    if proposal is None:
        return None
    home = await _home(ports, caller)
    staff = caller.has_any(access.STAFF_ROLES, proposal.org_unit_path)
    if not staff and not access.may_read_unit(caller, home, proposal.org_unit_id):
        return None
    meeting = await ports.meetings.get(proposal.meeting_id) if proposal.meeting_id else None
    return proposal, meeting


# --- the published lists -------------------------------------------------------------------


async def publish_list(
    ports: DeliberationPorts,
    caller: Principal,
    org_unit_id: str,
    kind: ListKind,
    title: str,
    entries: Sequence[str],
    expected_version: int | None,
) -> PublishedList:
    unit = await _unit(ports, org_unit_id, "orgUnitId")
    access.require_convener(caller, unit.path_with_self)

    async def work(tx: DeliberationTx) -> PublishedList:
        current = await tx.lists.version(unit.id, kind, None)
        published = next_version(
            current,
            expected_version,
            list_id=new_id(),
            org_unit_id=unit.id,
            org_unit_path=unit.path_with_self,
            kind=kind,
            title=title,
            entries=entries,
            published_by=caller.person_id,
            at=ports.clock(),
        )
        await tx.lists.insert(published)
        return published

    try:
        return await ports.uow.run(work)
    except VersionTaken:
        raise Conflict(
            msg("someone published this list at the same time: read it again"),
            field="expectedVersion",
        ) from None


async def published_lists(
    ports: DeliberationPorts,
    caller: Principal,
    org_unit_id: str,
    kind: ListKind,
    version: int | None,
) -> list[PublishedList]:
    """The unit's list of `kind`: that version, or every version newest first when None.
    Readable by the unit's people and the staff over it."""
    unit = await _unit(ports, org_unit_id, "id")
    staff = caller.has_any(access.STAFF_ROLES, unit.path_with_self)
    if not staff and not access.may_read_unit(caller, await _home(ports, caller), unit.id):
        raise Forbidden(
            msg("only the people and staff of this org unit may see its published lists")
        )
    if version is not None:
        found = await ports.lists.version(unit.id, kind, version)
        return [found] if found else []
    return await ports.lists.versions(unit.id, kind, MAX_VERSIONS)


# --- the consumer ----------------------------------------------------------------------------


async def take_case(proposals: ProposalRepository, event: CloudEvent) -> domain.Proposal:
    """A case sent to deliberation becomes a proposal; its id is derived from the event's, so
    a redelivery (should the processed-events record ever miss it) cannot add a second."""
    try:
        sent = CaseSentToDeliberation.from_data(event.data)
    except InvalidPayload as exc:
        raise PermanentEventError(f"{event.type} data does not match: {exc}") from None
    proposal_id = f"case-{event.id}"
    existing = await proposals.get(proposal_id)
    if existing is not None:
        return existing
    proposal = domain.from_case(
        proposal_id,
        case_id=sent.case_id,
        case_number=sent.number,
        org_unit_id=sent.org_unit_id,
        org_unit_path=tuple(sent.org_unit_path),
        title=sent.title,
        reason=sent.reason,
        sent_by=sent.sent_by,
        sent_at=sent.sent_at,
    )
    await proposals.insert(proposal)
    return proposal


async def mark_decided(proposals: ProposalRepository, event: CloudEvent) -> bool:
    """Our own `decision.made` on an item from the list marks its proposal DECIDED (reads show
    it decided at once from the meeting; this makes the stored status, which the list filters
    on, follow). Idempotent: only an ON_AGENDA proposal changes."""
    try:
        made = DecisionMade.from_data(event.data)
    except InvalidPayload as exc:
        raise PermanentEventError(f"{event.type} data does not match: {exc}") from None
    if made.proposal_id is None:
        return False
    return await proposals.mark_decided(made.proposal_id)


def deliberation_subscription(db: Database) -> Subscription:
    """Queue `participation.deliberation`: cases' `case.sent_to_deliberation`, and our own
    `decision.made` for the proposals it decides."""

    async def taken(event: CloudEvent, session: Session) -> None:
        await take_case(ProposalStore(db, session), event)

    async def decided(event: CloudEvent, session: Session) -> None:
        await mark_decided(ProposalStore(db, session), event)

    return Subscription(
        purpose=PURPOSE,
        handlers={CASE_SENT_TO_DELIBERATION: taken, DECISION_MADE: decided},
        producers=PRODUCERS,
    )
