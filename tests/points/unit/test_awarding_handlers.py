"""Awarding and reversing, run by the real handlers over in-memory stores (no MongoDB).

What the consumer adds around them (the processed-event key, batching, parking) is tested in
tests/points/integration and the kit's own tests; here is the points logic itself.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput, Forbidden
from grassroots_kit.messaging.consumer import PermanentEventError
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_points.domain.closures import ClosureState
from grassroots_points.domain.ledger import EntryKind
from grassroots_points.domain.rules import CapPeriod, Selector
from grassroots_points.handlers.reactions import receive, receive_closings
from grassroots_points.handlers.reprocess import reprocess_events
from grassroots_points.handlers.rules import SetPointRule, set_point_rule

from tests.points.fakes import FakePoints, fake_points
from tests.points.helpers import (
    N1_PATH,
    PLATFORM_ADMIN,
    case_closed,
    case_reopened,
    commitment_fulfilled,
    uid,
    visit_logged,
)

ADMIN = Principal("platform-admin", (PLATFORM_ADMIN,))


async def given_rule(points: FakePoints, event_type: str, amount: int, **narrowing: str) -> None:
    await set_point_rule(
        points.ports, ADMIN, SetPointRule(Selector(event_type, **narrowing), amount)
    )


async def deliver(points: FakePoints, *events: CloudEvent) -> None:
    for event in events:
        await points.uow.run(lambda tx, event=event: receive(tx, event))


def balance(points: FakePoints, person: str) -> int:
    account = points.state.accounts.get(person)
    return account.balance if account else 0


def published(points: FakePoints, event_type: str) -> list[CloudEvent]:
    return [e for e in points.uow.published if e.type == event_type]


async def test_a_closing_awards_each_handler_once_however_often_it_arrives():
    # given a rule for closed cases
    points = fake_points()
    await given_rule(points, "case.closed", 10)
    chief, gridder = uid("chief-"), uid("grid-")
    closed = case_closed(uid("case-"), [(chief, "NEIGHBOR_CHIEF"), (gridder, "GRID_MEMBER")])

    # when the closing is delivered three times
    await deliver(points, closed, closed, closed)

    # then each handler earned once, and one points.awarded each was published
    assert (balance(points, chief), balance(points, gridder)) == (10, 10)
    assert len(points.state.entries) == 2
    awarded = published(points, "points.awarded")
    assert sorted(e.subject for e in awarded) == sorted([chief, gridder])
    assert {e.data["sourceEventId"] for e in awarded} == {closed.id}
    assert all(e.data["points"] == 10 for e in awarded)


async def test_the_most_specific_rule_decides_and_bonuses_add_up():
    points = fake_points()
    await given_rule(points, "case.closed", 5)
    await set_point_rule(
        points.ports,
        ADMIN,
        SetPointRule(Selector("case.closed", role="NEIGHBOR_CHIEF"), 8, met_deadline_bonus=2),
    )
    chief, gridder = uid("chief-"), uid("grid-")

    await deliver(
        points,
        case_closed(
            uid("case-"), [(chief, "NEIGHBOR_CHIEF"), (gridder, "GRID_MEMBER")], met_deadline=True
        ),
    )

    assert (balance(points, chief), balance(points, gridder)) == (10, 5)


async def test_without_a_rule_a_closing_awards_nothing_but_is_remembered():
    points = fake_points()
    case_id = uid("case-")

    await deliver(points, case_closed(case_id, [(uid("chief-"), "NEIGHBOR_CHIEF")]))

    assert points.state.entries == []
    assert points.uow.published == []
    assert points.state.closures[(case_id, 1)].state is ClosureState.CLOSED


async def test_a_reopening_takes_the_closing_awards_back_once():
    # given a chief awarded 10 for a closing, who spent 4 of them
    points = fake_points()
    await given_rule(points, "case.closed", 10)
    chief, case_id = uid("chief-"), uid("case-")
    await deliver(points, case_closed(case_id, [(chief, "NEIGHBOR_CHIEF")]))
    points.state.accounts[chief] = dataclasses.replace(points.state.accounts[chief], balance=6)

    # when the case is reopened, and the reopening delivered twice
    reopened = case_reopened(case_id)
    await deliver(points, reopened, reopened)

    # then what is left is taken back once, the rest noted as spent, and a reversal published
    reversals = [e for e in points.state.entries if e.kind is EntryKind.REVERSAL]
    assert len(reversals) == 1
    assert reversals[0].delta == -6
    assert "4 already spent" in reversals[0].reason
    assert balance(points, chief) == 0
    [event] = published(points, "points.reversed")
    assert (event.data["points"], event.data["unrecovered"]) == (6, 4)
    assert points.state.closures[(case_id, 1)].state is ClosureState.REOPENED


async def test_a_closing_reopened_before_it_arrived_awards_nothing():
    points = fake_points()
    await given_rule(points, "case.closed", 10)
    chief, case_id = uid("chief-"), uid("case-")

    await deliver(points, case_reopened(case_id), case_closed(case_id, [(chief, "NEIGHBOR_CHIEF")]))

    assert balance(points, chief) == 0
    assert published(points, "points.awarded") == []


async def test_the_order_taker_is_awarded_when_the_case_closes():
    points = fake_points()
    await given_rule(points, "order.taken", 7)
    taker, case_id = uid("partner-"), uid("case-")
    taken = CloudEvent(
        id=uid("ev-"),
        type="order.taken",
        source="grassroots/cases",
        subject=case_id,
        time=datetime.now(UTC),
        data={
            "caseId": case_id,
            "number": "WC-2026-000001",
            "category": "ENVIRONMENT",
            "takerId": taker,
            "organizationId": None,
            "orgUnitId": "n1",
            "orgUnitPath": N1_PATH,
            "at": "2026-12-01T08:00:00Z",
        },
        dataversion="1",
    )

    await deliver(points, taken)
    assert balance(points, taker) == 0  # taking alone earns nothing yet
    await deliver(points, case_closed(case_id, [(uid("chief-"), "NEIGHBOR_CHIEF")]))

    assert balance(points, taker) == 7


async def test_a_run_of_closings_is_awarded_together_with_running_balances():
    points = fake_points()
    await given_rule(points, "case.closed", 10)
    chief = uid("chief-")
    run = [case_closed(uid("case-"), [(chief, "NEIGHBOR_CHIEF")]) for _ in range(4)]

    await points.uow.run(lambda tx: receive_closings(tx, run))
    await points.uow.run(lambda tx: receive_closings(tx, run))  # a redelivered batch

    assert sorted(e.balance_after or 0 for e in points.state.entries) == [10, 20, 30, 40]
    assert len(points.state.received) == 4


async def test_a_visit_earns_only_when_someone_else_confirmed_it():
    points = fake_points()
    await given_rule(points, "visit.logged", 3)
    visitor = uid("chief-")
    unconfirmed = visit_logged(visitor, confirmed_by=None)
    self_confirmed = visit_logged(visitor, confirmed_by=visitor)
    confirmed = visit_logged(visitor)

    await deliver(points, unconfirmed, self_confirmed, confirmed)

    assert balance(points, visitor) == 3
    for event in (unconfirmed, self_confirmed):
        [why] = (await points.uow.run(lambda tx, e=event: tx.withheld.reasons(e.id))).values()
        assert "nobody earns from what only they attest" in why


async def test_visits_past_the_daily_cap_are_withheld_with_the_reason():
    points = fake_points()
    await given_rule(points, "visit.logged", 1)
    visitor = uid("chief-")
    visits = [visit_logged(visitor) for _ in range(14)]

    await deliver(points, *visits)

    assert balance(points, visitor) == 12  # the platform's default cap: 12 a day
    capped = [why for (_, person), why in points.state.withheld.items() if person == visitor]
    assert len(capped) == 2
    assert all(why.startswith("capped: at most 12 visit.logged awards per day") for why in capped)


async def test_a_rule_cap_applies_per_person_and_period():
    points = fake_points()
    await set_point_rule(
        points.ports,
        ADMIN,
        SetPointRule(Selector("commitment.fulfilled"), 5, max_per_period=1, cap_period=None),
    )
    person, other = uid("member-"), uid("member-")

    await deliver(
        points,
        commitment_fulfilled(person),
        commitment_fulfilled(person),
        commitment_fulfilled(other),
    )

    assert (balance(points, person), balance(points, other)) == (5, 5)


async def test_a_malformed_event_is_refused_whole_and_changes_nothing():
    points = fake_points()
    await given_rule(points, "case.closed", 10)
    broken = case_closed(uid("case-"), [(uid("chief-"), "NEIGHBOR_CHIEF")])
    broken = dataclasses.replace(broken, data={**broken.data, "closure": "first"})

    with pytest.raises(PermanentEventError):
        await deliver(points, broken)

    assert points.state.received == {}
    assert points.uow.published == []


async def test_reprocessing_awards_kept_events_under_rules_set_later_exactly_once():
    # given closings and visits consumed before any rule existed
    points = fake_points()
    chief, visitor = uid("chief-"), uid("visitor-")
    reopened_case = uid("case-")
    await deliver(
        points,
        case_closed(uid("case-"), [(chief, "NEIGHBOR_CHIEF")]),
        case_closed(reopened_case, [(chief, "NEIGHBOR_CHIEF")]),
        case_reopened(reopened_case),
        visit_logged(visitor),
    )
    await given_rule(points, "case.closed", 10)
    await given_rule(points, "visit.logged", 2)

    # when a platform admin reprocesses, twice
    first = await reprocess_events(points.ports, ADMIN, confirm=True)
    second = await reprocess_events(points.ports, ADMIN, confirm=True)

    # then the standing closing and the visit are awarded once; the reopened one never
    assert (first.events, first.entries) == (3, 2)
    assert (second.events, second.entries) == (3, 0)
    assert (balance(points, chief), balance(points, visitor)) == (10, 2)


async def test_only_a_platform_admin_reprocesses_and_only_when_confirmed():
    points = fake_points()
    with pytest.raises(Forbidden):
        await reprocess_events(points.ports, Principal("someone", ()), confirm=True)
    with pytest.raises(BadUserInput):
        await reprocess_events(points.ports, ADMIN, confirm=False)


async def test_a_daily_cap_starts_again_at_beijing_midnight_not_utc_midnight():
    points = fake_points()
    await set_point_rule(
        points.ports,
        ADMIN,
        SetPointRule(Selector("visit.logged"), 5, max_per_period=1, cap_period=CapPeriod.DAY),
    )
    visitor = uid("chief-")

    def visit_at(at: datetime) -> CloudEvent:
        event = visit_logged(visitor)
        return dataclasses.replace(event, data={**event.data, "at": at.isoformat()})

    late = visit_at(datetime(2026, 12, 31, 15, 30, tzinfo=UTC))  # 23:30 on 31 December there
    early = visit_at(datetime(2026, 12, 31, 16, 30, tzinfo=UTC))  # 00:30 on 1 January
    again = visit_at(datetime(2026, 12, 31, 23, 0, tzinfo=UTC))  # 07:00 on 1 January

    await deliver(points, late, early, again)

    # one each Beijing day; cut at UTC midnight all three would be one day and earn 5
    assert balance(points, visitor) == 10
    [why] = (await points.uow.run(lambda tx: tx.withheld.reasons(again.id))).values()
    assert why.startswith("capped: at most 1 visit.logged awards per day")
