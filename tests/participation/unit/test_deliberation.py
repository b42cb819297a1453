"""The deliberation list and the published lists: the pure rules, and the consumer of
`case.sent_to_deliberation` over an in-memory store."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from grassroots_contracts.case_events import CaseSentToDeliberation
from grassroots_contracts.event_types import (
    CASE_SENT_TO_DELIBERATION,
    DECISION_MADE,
    SOURCE_CASES,
    SOURCE_PARTICIPATION,
)
from grassroots_contracts.participation_events import DecisionMade
from grassroots_kit.errors import BadUserInput, Conflict, InvalidTransition
from grassroots_kit.messaging.consumer import PermanentEventError
from grassroots_kit.messaging.envelope import CloudEvent, new_event
from grassroots_participation.domain import deliberation as d
from grassroots_participation.domain.meetings import (
    DecisionMethod,
    InvitedHousehold,
    ItemStatus,
    Meeting,
    MeetingKind,
)
from grassroots_participation.domain.published_lists import ListKind, PublishedList, next_version
from grassroots_participation.handlers.deliberation import mark_decided, take_case

T0 = datetime(2026, 12, 11, 3, 0, tzinfo=UTC)
PATH = ("district", "street", "community", "grid")


def meeting(unit_path: tuple[str, ...] = PATH[:3]) -> Meeting:
    return Meeting(
        id="m1",
        org_unit_id=unit_path[-1],
        org_unit_path=unit_path,
        kind=MeetingKind.DISCUSSION_DAY,
        title="Friday discussion day",
        starts_at=T0,
        convener_id="staff",
        created_at=T0,
        households=(InvitedHousehold("h1", "rep1"),),
    )


def case_proposal() -> d.Proposal:
    return d.from_case(
        "p1",
        case_id="c1",
        case_number="WC-2026-000001",
        org_unit_id=PATH[-1],
        org_unit_path=PATH,
        title="Harbin Road pipe",
        reason="  who pays   for the repair ",
        sent_by="handler",
        sent_at=T0,
    )


def test_a_case_becomes_a_proposal_with_its_title_and_the_handlers_reason() -> None:
    p = case_proposal()
    assert (p.source, p.title, p.description, p.case_id, p.status) == (
        d.ProposalSource.CASE,
        "Harbin Road pipe",
        "who pays for the repair",
        "c1",
        d.ProposalStatus.PROPOSED,
    )


def test_a_proposal_on_the_agenda_carries_its_case_to_the_item_and_is_decided_with_it() -> None:
    m = meeting()
    placed = d.put_on_agenda(case_proposal(), m, "i1", T0)
    assert (placed.status, placed.meeting_id, placed.agenda_item_id) == (
        d.ProposalStatus.ON_AGENDA,
        "m1",
        "i1",
    )
    item = m.item("i1")
    assert (item.title, item.proposal_id, item.case_id) == ("Harbin Road pipe", "p1", "c1")
    assert d.status_of(placed, m) is d.ProposalStatus.ON_AGENDA
    m.decide("i1", "dec1", DecisionMethod.CONSENSUS, "Households share it", "staff", T0)
    assert item.status is ItemStatus.DECIDED
    assert d.status_of(placed, m) is d.ProposalStatus.DECIDED


def test_a_proposal_goes_on_one_agenda_only() -> None:
    placed = d.put_on_agenda(case_proposal(), meeting(), "i1", T0)
    with pytest.raises(InvalidTransition):
        d.put_on_agenda(placed, meeting(), "i2", T0)


def test_a_meeting_below_or_beside_the_proposals_unit_cannot_take_it() -> None:
    community = replace(case_proposal(), org_unit_id=PATH[2], org_unit_path=PATH[:3])
    with pytest.raises(BadUserInput):
        d.put_on_agenda(community, meeting(PATH), "i1", T0)  # held at the grid below
    with pytest.raises(BadUserInput):
        d.put_on_agenda(community, meeting(("district", "street", "other")), "i1", T0)


def test_a_residents_proposal_is_checked_like_an_agenda_item() -> None:
    with pytest.raises(BadUserInput):
        d.from_resident(
            "p2",
            org_unit_id="community",
            org_unit_path=PATH[:3],
            title="  ",
            description="",
            proposed_by="res",
            at=T0,
        )


def publish(
    current: PublishedList | None,
    expected: int | None = None,
    entries: tuple[str, ...] = ("Party members lead in sorting waste",),
) -> PublishedList:
    return next_version(
        current,
        expected,
        list_id="l",
        org_unit_id="community",
        org_unit_path=PATH[:3],
        kind=ListKind.RESPONSIBILITY,
        title="Six leads",
        entries=entries,
        published_by="staff",
        at=T0,
    )


def test_lists_are_published_in_versions_and_an_editor_who_read_an_old_one_is_refused() -> None:
    first = publish(None, 0)
    second = publish(first, 1)
    assert (first.version, second.version) == (1, 2)
    with pytest.raises(Conflict):
        publish(second, 1)


@pytest.mark.parametrize("entries", [(), ("ok", " "), ("x" * 501,), tuple("a" * 51)])
def test_a_list_needs_1_to_50_entries_each_short_and_not_empty(entries: tuple[str, ...]) -> None:
    with pytest.raises(BadUserInput):
        publish(None, entries=entries)


class Proposals:
    def __init__(self) -> None:
        self.stored: dict[str, d.Proposal] = {}

    async def get(self, proposal_id: str) -> d.Proposal | None:
        return self.stored.get(proposal_id)

    async def insert(self, proposal: d.Proposal) -> None:
        assert proposal.id not in self.stored
        self.stored[proposal.id] = proposal

    async def mark_decided(self, proposal_id: str) -> bool:
        found = self.stored.get(proposal_id)
        if found is None or found.status is not d.ProposalStatus.ON_AGENDA:
            return False
        self.stored[proposal_id] = replace(found, status=d.ProposalStatus.DECIDED)
        return True


def sent_event(**changes: object) -> CloudEvent:
    data = CaseSentToDeliberation(
        case_id="c1",
        number="WC-2026-000001",
        org_unit_id=PATH[-1],
        org_unit_path=PATH,
        title="Harbin Road pipe",
        category="SEWAGE_WATER",
        reason="who pays",
        sent_by="handler",
        sent_at=T0,
    ).to_data()
    return new_event(
        CASE_SENT_TO_DELIBERATION,
        source=SOURCE_CASES,
        subject="c1",
        data={**data, **changes},
        time=T0 + timedelta(seconds=1),
    )


async def test_the_consumer_puts_a_case_on_the_list_once() -> None:
    store = Proposals()
    event = sent_event()
    first = await take_case(store, event)  # type: ignore[arg-type]
    again = await take_case(store, event)  # type: ignore[arg-type]
    assert first == again
    assert len(store.stored) == 1
    assert first.case_id == "c1"
    assert first.org_unit_path == PATH


async def test_a_malformed_sending_is_parked() -> None:
    with pytest.raises(PermanentEventError):
        await take_case(Proposals(), sent_event(reason=""))  # type: ignore[arg-type]


def decision_made(proposal_id: str | None) -> CloudEvent:
    data = DecisionMade(
        decision_id="dec1",
        meeting_id="m1",
        agenda_item_id="i1",
        agenda_item_title="Harbin Road pipe",
        org_unit_id="community",
        org_unit_path=PATH[:3],
        method="CONSENSUS",
        outcome="ADOPTED",
        text="Shared equally.",
        votes_for=0,
        votes_against=0,
        abstentions=0,
        households_invited=0,
        decided_by="staff",
        decided_at=T0,
        case_id="c1",
        proposal_id=proposal_id,
    ).to_data()
    return new_event(DECISION_MADE, source=SOURCE_PARTICIPATION, subject="m1", data=data)


async def test_our_own_decision_files_the_proposal_as_decided_once() -> None:
    store = Proposals()
    placed = d.put_on_agenda(case_proposal(), meeting(), "i1", T0)
    store.stored[placed.id] = placed
    assert await mark_decided(store, decision_made(placed.id))  # type: ignore[arg-type]
    assert store.stored[placed.id].status is d.ProposalStatus.DECIDED
    assert not await mark_decided(store, decision_made(placed.id))  # type: ignore[arg-type]
    assert not await mark_decided(store, decision_made(None))  # type: ignore[arg-type]


def test_a_resident_may_have_ten_proposals_waiting_not_more() -> None:
    d.check_waiting(d.MAX_WAITING_PER_RESIDENT - 1)
    with pytest.raises(Conflict):
        d.check_waiting(d.MAX_WAITING_PER_RESIDENT)
