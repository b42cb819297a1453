"""The deliberation list: what a unit's meetings are asked to decide. Pure.

A **proposal** comes from a case (a case handler sent it to deliberation: cases publishes
`case.sent_to_deliberation`) or from a resident of the unit. It stays `PROPOSED` until the
unit's community staff put it on a meeting's agenda (`ON_AGENDA`, linked to that agenda item);
once the meeting decides the item it reads `DECIDED` (the decision itself stays with the
meeting, and `decision.made` carries the case id back to cases).

A proposal belongs to its unit's subtree: a meeting held at the unit or at one above it
(a community's discussion day for a grid's case) may take it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from grassroots_kit.errors import BadUserInput, Conflict, InvalidTransition
from grassroots_kit.i18n import msg

from grassroots_participation.domain.meetings import ItemStatus, Meeting, clean_text, clean_title

MAX_PROPOSAL_TEXT = 4000
# A resident's proposals still waiting for an agenda: enough for anyone's concerns, too few to
# flood a unit's list.
MAX_WAITING_PER_RESIDENT = 10


class ProposalSource(StrEnum):
    CASE = "CASE"
    RESIDENT = "RESIDENT"


class ProposalStatus(StrEnum):
    PROPOSED = "PROPOSED"
    ON_AGENDA = "ON_AGENDA"
    DECIDED = "DECIDED"


@dataclass(frozen=True)
class Proposal:
    id: str
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    """Ancestors and the unit itself, root first."""
    source: ProposalSource
    title: str
    description: str
    proposed_by: str
    """The resident who proposed it, or the handler who sent the case."""
    proposed_at: datetime
    case_id: str | None = None
    case_number: str | None = None
    status: ProposalStatus = ProposalStatus.PROPOSED
    meeting_id: str | None = None
    agenda_item_id: str | None = None
    version: int = 1


def from_case(
    proposal_id: str,
    *,
    case_id: str,
    case_number: str,
    org_unit_id: str,
    org_unit_path: tuple[str, ...],
    title: str,
    reason: str,
    sent_by: str,
    sent_at: datetime,
) -> Proposal:
    """The proposal for a case sent to deliberation: the case's title, the handler's reason.
    Titles and reasons are cut to the list's limits rather than refused (the event is a fact)."""
    return Proposal(
        id=proposal_id,
        org_unit_id=org_unit_id,
        org_unit_path=org_unit_path,
        source=ProposalSource.CASE,
        title=" ".join(title.split())[:200] or case_number,
        description=" ".join(reason.split())[:MAX_PROPOSAL_TEXT],
        proposed_by=sent_by,
        proposed_at=sent_at,
        case_id=case_id,
        case_number=case_number,
    )


def from_resident(
    proposal_id: str,
    *,
    org_unit_id: str,
    org_unit_path: tuple[str, ...],
    title: str,
    description: str,
    proposed_by: str,
    at: datetime,
) -> Proposal:
    return Proposal(
        id=proposal_id,
        org_unit_id=org_unit_id,
        org_unit_path=org_unit_path,
        source=ProposalSource.RESIDENT,
        title=clean_title(title),
        description=clean_text(description, "description", MAX_PROPOSAL_TEXT),
        proposed_by=proposed_by,
        proposed_at=at,
    )


def check_waiting(waiting: int) -> None:
    """Refuse one more proposal from a resident who has `waiting` not yet on an agenda."""
    if waiting >= MAX_WAITING_PER_RESIDENT:
        raise Conflict(
            msg(
                "you already have {waiting} proposals waiting for a meeting; at most {max} "
                "may wait at a time",
                waiting=waiting,
                max=MAX_WAITING_PER_RESIDENT,
            ),
            limit=MAX_WAITING_PER_RESIDENT,
        )


def put_on_agenda(proposal: Proposal, meeting: Meeting, item_id: str, at: datetime) -> Proposal:
    """Add the proposal to the meeting's agenda (the meeting changes in place) and return the
    proposal linked to that item. Refused when it is already on an agenda or the meeting is not
    held at its unit or above."""
    if proposal.status is not ProposalStatus.PROPOSED:
        raise InvalidTransition(
            msg("this proposal is already on a meeting's agenda"), field="proposalId"
        )
    if meeting.org_unit_id not in proposal.org_unit_path:
        raise BadUserInput(
            msg("this meeting is not held at the proposal's org unit or above it"),
            field="meetingId",
        )
    item = meeting.add_item(item_id, proposal.title, proposal.description, proposal.proposed_by, at)
    item.proposal_id = proposal.id
    item.case_id = proposal.case_id
    return replace(
        proposal, status=ProposalStatus.ON_AGENDA, meeting_id=meeting.id, agenda_item_id=item_id
    )


def status_of(proposal: Proposal, meeting: Meeting | None) -> ProposalStatus:
    """DECIDED once its agenda item is decided; otherwise what is stored."""
    if meeting is None or proposal.agenda_item_id is None:
        return proposal.status
    for item in meeting.agenda:
        if item.id == proposal.agenda_item_id and item.status is ItemStatus.DECIDED:
            return ProposalStatus.DECIDED
    return proposal.status
