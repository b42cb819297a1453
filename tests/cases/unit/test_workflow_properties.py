"""Properties of any sequence of attempted transitions, whoever attempts them."""

from __future__ import annotations

from datetime import timedelta

from grassroots_cases.domain import events as ev
from grassroots_cases.domain import workflow
from grassroots_cases.domain.ids import OrganizationId, PersonId
from grassroots_cases.domain.vocabulary import EscalationReason, Level, Role, Status
from grassroots_kit.errors import UserError
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cases.unit.builders import ACTORS, T0, case

ACTIONS = [
    "accept", "assign", "start", "escalate", "breach", "dispatch", "post", "take",
    "resolve", "rate_high", "rate_low", "close", "reopen", "reject", "comment",
]  # fmt: skip


def attempt(name: str, subject, actor, now):  # type: ignore[no-untyped-def]
    due = now + timedelta(hours=72)
    match name:
        case "accept":
            return workflow.accept(subject, actor, now)
        case "assign":
            return workflow.assign(subject, actor, now, PersonId("assignee"), Role.GRID_MEMBER)
        case "start":
            return workflow.start(subject, actor, now)
        case "escalate":
            return workflow.escalate(
                subject, actor, now, reason=EscalationReason.MANUAL, new_due_at=due
            )
        case "breach":
            return workflow.escalate(
                subject, actor, now, reason=EscalationReason.SLA_BREACH, new_due_at=due
            )
        case "dispatch":
            return workflow.dispatch(subject, actor, now, OrganizationId("red-partner-org"))
        case "post":
            return workflow.post_order(subject, actor, now)
        case "take":
            return workflow.take_order(subject, actor, now, None)
        case "resolve":
            return workflow.resolve(subject, actor, now, "done")
        case "rate_high":
            return workflow.rate(subject, actor, now, 5, None, due)
        case "rate_low":
            return workflow.rate(subject, actor, now, 1, None, due)
        case "close":
            return workflow.close(subject, actor, now)
        case "reopen":
            return workflow.reopen(subject, actor, now, "not fixed", due)
        case "reject":
            return workflow.reject(subject, actor, now, "duplicate")
        case _:
            return workflow.comment(subject, actor, now, "any news?")


steps = st.lists(st.tuples(st.sampled_from(ACTIONS), st.sampled_from(sorted(ACTORS))), max_size=40)


@settings(max_examples=300, deadline=None)
@given(steps=steps)
def test_any_sequence_keeps_the_case_consistent(steps: list[tuple[str, str]]):
    subject = case(Status.REPORTED, Level.GROUP)
    now = T0
    closings = 0
    for name, who in steps:
        now += timedelta(hours=1)
        before = subject
        try:
            outcome = attempt(name, subject, ACTORS[who], now)
        except UserError:
            continue  # refused: nothing changed, and nothing was returned to commit
        subject = outcome.case
        # every accepted step is recorded, in order
        assert len(subject.timeline) > len(before.timeline)
        assert subject.timeline[-1].at == now
        # each closing is counted and published once, with its number
        closed = [e for e in outcome.events if isinstance(e, ev.CaseClosed)]
        assert len(closed) <= 1
        closings += len(closed)
        assert subject.closures == closings
        for event in closed:
            assert event.case.closures == closings
            assert event.case.closed_at == now
        # a reopening names the closing it undoes, which happened
        for event in outcome.events:
            if isinstance(event, ev.CaseReopened):
                assert 1 <= event.closure <= closings
                assert subject.status is Status.ACCEPTED
        # the ladder is only climbed, never descended
        assert subject.level.rank >= before.level.rank
        assert subject.breach_count >= before.breach_count
        # a rejected case never moves again
        if before.status is Status.REJECTED:
            assert subject.status is Status.REJECTED
