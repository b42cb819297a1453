"""Deliberation on the cases side: who may send a case, where it waits, how a decision resumes
it, and that a redelivered or misplaced decision changes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from grassroots_cases.domain import deliberation
from grassroots_cases.domain.model import MeetingDecision
from grassroots_cases.domain.vocabulary import OPEN_STATUSES, Status
from grassroots_cases.domain.workflow import Outcome
from grassroots_cases.handlers import case_commands as commands
from grassroots_cases.handlers.deliberation import apply_decision, send_case_to_deliberation
from grassroots_cases.handlers.publishing import to_cloud_event
from grassroots_cases.handlers.report_case import report_case
from grassroots_cases.handlers.sweeper import Sweeper
from grassroots_cases.handlers.transitions import Transition
from grassroots_contracts.event_types import CASE_SENT_TO_DELIBERATION, SOURCE_PARTICIPATION
from grassroots_contracts.participation_events import DecisionMade
from grassroots_kit.errors import BadUserInput, Forbidden, InvalidTransition, NotFound
from grassroots_kit.messaging.consumer import PermanentEventError
from grassroots_kit.messaging.envelope import CloudEvent, new_event

from tests.cases.fakes import CasesState, FakeCaseStore
from tests.cases.unit.builders import ACTORS, PATH, T0, case
from tests.cases.unit.fake_area import area, clock, new_case, who

DECISION = MeetingDecision(
    decision_id="d1",
    meeting_id="m1",
    method="HOUSEHOLD_VOTE",
    outcome="ADOPTED",
    text="Each household pays its share.",
    votes_for=5,
    votes_against=1,
    abstentions=0,
    households_invited=8,
)


def sent(status: Status = Status.IN_PROGRESS) -> Outcome:
    return deliberation.send_to_deliberation(
        case(status), ACTORS["assignee"], T0 + timedelta(hours=1), "residents must agree to pay"
    )


@pytest.mark.parametrize("status", [Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS])
def test_a_handler_sends_a_case_to_wait_for_a_meeting(status: Status) -> None:
    outcome = deliberation.send_to_deliberation(
        case(status), ACTORS["community_staff"], T0, "  needs  the households' say "
    )
    waiting = outcome.case
    assert waiting.status is Status.IN_DELIBERATION
    assert waiting.status not in OPEN_STATUSES  # the sweeper's query never sees it
    entry = waiting.timeline[-1]
    assert (entry.action, entry.from_status, entry.note) == (
        "SENT_TO_DELIBERATION",
        status,
        "needs the households' say",
    )
    [event] = outcome.events
    cloud = to_cloud_event(event)
    assert cloud.type == CASE_SENT_TO_DELIBERATION
    assert cloud.data["reason"] == "needs the households' say"
    assert cloud.data["title"] == waiting.title
    assert cloud.data["sentBy"] == "community"


@pytest.mark.parametrize("who", ["reporter", "other_resident", "volunteer", "system"])
def test_only_staff_over_the_case_or_its_workers_may_send_it(who: str) -> None:
    with pytest.raises(Forbidden):
        deliberation.send_to_deliberation(case(Status.IN_PROGRESS), ACTORS[who], T0, "reason")


@pytest.mark.parametrize(
    "status", [Status.REPORTED, Status.RESOLVED, Status.CLOSED, Status.IN_DELIBERATION]
)
def test_a_case_is_sent_only_while_being_handled(status: Status) -> None:
    with pytest.raises(InvalidTransition):
        deliberation.send_to_deliberation(case(status), ACTORS["community_staff"], T0, "x")


def test_a_reason_is_required() -> None:
    with pytest.raises(BadUserInput):
        deliberation.send_to_deliberation(
            case(Status.IN_PROGRESS), ACTORS["community_staff"], T0, "   "
        )


def test_a_waiting_case_is_never_overdue() -> None:
    waiting = replace(sent().case, due_at=T0)
    assert not waiting.overdue(T0 + timedelta(days=30))


def test_the_decision_resumes_the_case_where_it_was_with_its_deadline_paused() -> None:
    before = sent(Status.ASSIGNED).case
    decided_at = T0 + timedelta(hours=1, days=4)
    outcome = deliberation.resume(before, decided_at, DECISION)
    assert outcome is not None
    resumed = outcome.case
    assert resumed.status is Status.ASSIGNED
    assert resumed.due_at == before.due_at + timedelta(days=4)
    entry = resumed.timeline[-1]
    assert entry.action == "DELIBERATION_DECIDED"
    assert entry.decision == DECISION
    assert (entry.from_status, entry.to_status) == (Status.IN_DELIBERATION, Status.ASSIGNED)


def test_a_decision_changes_nothing_twice_or_for_a_case_not_waiting() -> None:
    resumed = deliberation.resume(sent().case, T0 + timedelta(days=1), DECISION)
    assert resumed is not None
    assert deliberation.resume(resumed.case, T0 + timedelta(days=2), DECISION) is None
    assert deliberation.resume(case(Status.IN_PROGRESS), T0, DECISION) is None
    # sent again: the old decision (a late redelivery) does not resume the new waiting
    again = deliberation.send_to_deliberation(
        resumed.case, ACTORS["assignee"], T0 + timedelta(days=3), "a second round"
    )
    assert deliberation.resume(again.case, T0 + timedelta(days=4), DECISION) is None


def decision_made(case_id: str | None, org_unit_id: str = PATH[-2]) -> CloudEvent:
    data = DecisionMade(
        decision_id="d1",
        meeting_id="m1",
        agenda_item_id="i1",
        agenda_item_title="Who pays for the pipe",
        org_unit_id=org_unit_id,
        org_unit_path=PATH[: PATH.index(org_unit_id) + 1],
        method="HOUSEHOLD_VOTE",
        outcome="ADOPTED",
        text="Each household pays its share.",
        votes_for=5,
        votes_against=1,
        abstentions=0,
        households_invited=8,
        decided_by="community",
        decided_at=T0 + timedelta(days=2),
        case_id=case_id,
    ).to_data()
    return new_event("decision.made", source=SOURCE_PARTICIPATION, subject="m1", data=data)


async def test_the_consumer_resumes_the_case_once() -> None:
    state = CasesState()
    waiting = sent().case
    state.cases[waiting.id] = waiting
    store = FakeCaseStore(state)
    event = decision_made(waiting.id)
    saved = await apply_decision(store, event, T0 + timedelta(days=2))
    assert saved is not None
    assert saved.status is Status.IN_PROGRESS
    assert await apply_decision(store, event, T0 + timedelta(days=3)) is None
    assert state.cases[waiting.id].timeline[-1].decision is not None
    assert sum(1 for e in state.cases[waiting.id].timeline if e.decision) == 1


async def test_an_item_not_from_a_case_and_an_unknown_case_change_nothing() -> None:
    store = FakeCaseStore(CasesState())
    assert await apply_decision(store, decision_made(None), T0) is None
    assert await apply_decision(store, decision_made("nope"), T0) is None


async def test_a_decision_from_a_meeting_outside_the_cases_unit_is_parked() -> None:
    state = CasesState()
    waiting = replace(sent().case, org_unit_path=PATH[:-1], org_unit_id=PATH[-2])
    state.cases[waiting.id] = waiting
    with pytest.raises(PermanentEventError):
        await apply_decision(FakeCaseStore(state), decision_made(waiting.id, PATH[-1]), T0)
    assert state.cases[waiting.id].status is Status.IN_DELIBERATION


# --- through the use case, over the in-memory ports -------------------------------------


async def test_sending_publishes_and_the_sweeper_leaves_the_waiting_case_alone() -> None:
    fakes = area()
    case = (await report_case(fakes.ports, who("res-1"), new_case())).case
    transition = Transition(case.id)
    await commands.accept_case(fakes.ports, who("cstaff"), transition)
    with pytest.raises(Forbidden):
        await send_case_to_deliberation(fakes.ports, who("res-1"), transition, "wait for me")
    with pytest.raises(NotFound):  # someone who may not see the case learns nothing of it
        await send_case_to_deliberation(fakes.ports, who("partner"), transition, "x")
    waiting = await send_case_to_deliberation(
        fakes.ports, who("cstaff"), transition, "the households must agree"
    )
    assert waiting.status is Status.IN_DELIBERATION
    assert fakes.uow.published_types()[-1] == CASE_SENT_TO_DELIBERATION

    clock(fakes).advance(hours=24 * 30)  # far past its deadline
    result = await Sweeper(fakes.ports).sweep_once()
    assert result.escalated == 0
    assert fakes.state.cases[case.id].status is Status.IN_DELIBERATION
    assert fakes.state.cases[case.id].breach_count == 0
