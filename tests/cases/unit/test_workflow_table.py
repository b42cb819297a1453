"""Every transition x every status x every kind of actor, against a table written from DESIGN.md.

The table below is the specification, written independently of the workflow module: for each
action, the statuses it starts from, who may take it, and where it leads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from grassroots_cases.domain import workflow
from grassroots_cases.domain.ids import OrganizationId, PersonId
from grassroots_cases.domain.model import Actor, Case
from grassroots_cases.domain.vocabulary import EscalationReason, Level, Role, Status
from grassroots_kit.errors import Conflict, Forbidden, InvalidTransition

from tests.cases.unit.builders import ACTORS, T0, case

NOW = T0 + timedelta(days=1)
DUE = NOW + timedelta(hours=72)
OPEN = {
    Status.REPORTED,
    Status.ACCEPTED,
    Status.ASSIGNED,
    Status.IN_PROGRESS,
    Status.ON_ORDER_BOARD,
}
MANAGERS = {
    Level.COMMUNITY: {"community_staff", "street_staff", "district_admin", "system"},
    Level.STREET: {"street_staff", "district_admin", "system"},
}


@dataclass(frozen=True)
class Rule:
    run: Callable[[Case, Actor], workflow.Outcome]
    starts: set[Status]
    may: Callable[[str, Level], bool]
    leads_to: Callable[[Status], Status]
    checks_actor_first: bool = False
    assignee_only_when_assigned: bool = False


def _manages(name: str, level: Level) -> bool:
    return name in MANAGERS[level]


RULES: dict[str, Rule] = {
    "accept": Rule(
        lambda c, a: workflow.accept(c, a, NOW),
        {Status.REPORTED},
        _manages,
        lambda s: Status.ACCEPTED,
    ),
    "assign": Rule(
        lambda c, a: workflow.assign(c, a, NOW, PersonId("gridder"), Role.GRID_MEMBER),
        {Status.REPORTED, Status.ACCEPTED, Status.ASSIGNED},
        _manages,
        lambda s: Status.ASSIGNED,
    ),
    "start": Rule(
        lambda c, a: workflow.start(c, a, NOW),
        {Status.ASSIGNED},
        lambda n, lvl: n == "assignee",
        lambda s: Status.IN_PROGRESS,
    ),
    "escalate": Rule(
        lambda c, a: workflow.escalate(
            c, a, NOW, reason=EscalationReason.MANUAL, new_due_at=DUE, note="beyond us"
        ),
        OPEN,
        lambda n, lvl: _manages(n, lvl) or n == "assignee",
        lambda s: Status.ACCEPTED,
        assignee_only_when_assigned=True,
    ),
    "post_order": Rule(
        lambda c, a: workflow.post_order(c, a, NOW),
        {Status.REPORTED, Status.ACCEPTED},
        lambda n, lvl: _manages(n, lvl) and n != "system",
        lambda s: Status.ON_ORDER_BOARD,
    ),
    "take_order": Rule(
        lambda c, a: workflow.take_order(c, a, NOW, None),
        {Status.ON_ORDER_BOARD},
        lambda n, lvl: n in {"red_partner", "volunteer"},
        lambda s: Status.ASSIGNED,
    ),
    "resolve": Rule(
        lambda c, a: workflow.resolve(c, a, NOW, "Pipe replaced"),
        {Status.ASSIGNED, Status.IN_PROGRESS},
        lambda n, lvl: _manages(n, lvl) or n == "assignee",
        lambda s: Status.RESOLVED,
    ),
    "close": Rule(
        lambda c, a: workflow.close(c, a, NOW),
        {Status.RESOLVED},
        lambda n, lvl: _manages(n, lvl) or n == "reporter",
        lambda s: Status.CLOSED,
    ),
    "rate": Rule(
        lambda c, a: workflow.rate(c, a, NOW, 5, "thanks", DUE),
        {Status.RESOLVED, Status.CLOSED},
        lambda n, lvl: n == "reporter",
        lambda s: Status.CLOSED,
        checks_actor_first=True,
    ),
    "reopen": Rule(
        lambda c, a: workflow.reopen(c, a, NOW, "still leaking", DUE),
        {Status.RESOLVED, Status.CLOSED},
        lambda n, lvl: _manages(n, lvl) or n == "reporter",
        lambda s: Status.ACCEPTED,
    ),
    "reject": Rule(
        lambda c, a: workflow.reject(c, a, NOW, "duplicate of WC-2026-000002"),
        {Status.REPORTED, Status.ACCEPTED},
        _manages,
        lambda s: Status.REJECTED,
    ),
}

CASES = [
    (action, status, actor, level)
    for action in RULES
    for status in Status
    for actor in ACTORS
    for level in (Level.COMMUNITY, Level.STREET)
]


@pytest.mark.parametrize(("action", "status", "actor", "level"), CASES)
def test_each_transition_is_allowed_exactly_by_the_table(
    action: str, status: Status, actor: str, level: Level
):
    # given a case in `status` at `level`, and someone of a given kind
    rule = RULES[action]
    subject = case(status, level)
    legal_status = status in rule.starts
    legal_actor = rule.may(actor, level)
    if rule.assignee_only_when_assigned and actor == "assignee" and not _manages(actor, level):
        legal_actor = status in {Status.ASSIGNED, Status.IN_PROGRESS}

    # when they try the action / then it succeeds or is refused with the right code
    if legal_status and legal_actor:
        outcome = rule.run(subject, ACTORS[actor])
        assert outcome.case.status is rule.leads_to(status)
        assert len(outcome.case.timeline) == len(subject.timeline) + 1
        assert outcome.case.timeline[-1].from_status is status
    elif rule.checks_actor_first and not legal_actor:
        with pytest.raises(Forbidden):
            rule.run(subject, ACTORS[actor])
    elif not legal_status:
        with pytest.raises(InvalidTransition):
            rule.run(subject, ACTORS[actor])
    else:
        with pytest.raises(Forbidden):
            rule.run(subject, ACTORS[actor])


@pytest.mark.parametrize("status", sorted(Status))
@pytest.mark.parametrize("actor", sorted(ACTORS))
def test_dispatch_is_for_street_staff_and_above_on_street_level_cases(status: Status, actor: str):
    at_street = case(status, Level.STREET)
    at_community = case(status, Level.COMMUNITY)
    org = OrganizationId("water-bureau")
    legal_status = status in {Status.REPORTED, Status.ACCEPTED, Status.ASSIGNED}

    if not legal_status:
        with pytest.raises(InvalidTransition):
            workflow.dispatch(at_street, ACTORS[actor], NOW, org)
        return
    with pytest.raises(InvalidTransition):
        workflow.dispatch(at_community, ACTORS[actor], NOW, org)
    if actor in MANAGERS[Level.STREET]:
        outcome = workflow.dispatch(at_street, ACTORS[actor], NOW, org)
        assert outcome.case.status is Status.ASSIGNED
        assert outcome.case.organization_id == org
        assert outcome.case.assignee_id is None
    else:
        with pytest.raises(Forbidden):
            workflow.dispatch(at_street, ACTORS[actor], NOW, org)


@pytest.mark.parametrize("status", sorted(Status))
@pytest.mark.parametrize("actor", sorted(ACTORS))
def test_only_the_system_escalates_for_a_breach(status: Status, actor: str):
    subject = case(status)
    run = lambda: workflow.escalate(  # noqa: E731
        subject, ACTORS[actor], NOW, reason=EscalationReason.SLA_BREACH, new_due_at=DUE
    )
    if status not in OPEN:
        with pytest.raises(InvalidTransition):
            run()
    elif actor != "system":
        with pytest.raises(Forbidden):
            run()
    else:
        outcome = run()
        assert outcome.case.breach_count == 1
        assert outcome.case.level is Level.STREET


@pytest.mark.parametrize("name", sorted(ACTORS))
def test_a_taker_who_comes_after_the_order_was_taken_is_told_so(name: str):
    actor = ACTORS[name]
    taken = case(Status.ASSIGNED, order_taker_id=PersonId("someone-else"))
    is_taker = bool(actor.roles & {Role.RED_PARTNER_MEMBER, Role.VOLUNTEER})

    if is_taker:
        assert not workflow.can_view(actor, taken)
        assert workflow.may_ask_to_take(actor, taken)
        with pytest.raises(Conflict, match="already been taken"):
            workflow.take_order(taken, actor, NOW, None)
    else:
        assert workflow.may_ask_to_take(actor, taken) == workflow.can_view(actor, taken)
