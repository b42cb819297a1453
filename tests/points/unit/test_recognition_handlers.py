"""Leaderboards and outstanding chiefs, from awards the handlers made, over in-memory stores."""

from __future__ import annotations

from datetime import UTC, datetime

from grassroots_kit.auth import Principal
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_points.domain.periods import Period
from grassroots_points.domain.rules import Selector
from grassroots_points.domain.standings import Standing
from grassroots_points.handlers.reactions import receive
from grassroots_points.handlers.recognition import Chief, leaderboard, outstanding_chiefs
from grassroots_points.handlers.rules import SetPointRule, set_point_rule

from tests.points.fakes import FakePoints, HeldRole, fake_points
from tests.points.helpers import C2_PATH, N1_PATH, PLATFORM_ADMIN, case_closed, case_reopened, uid

ADMIN = Principal("platform-admin", (PLATFORM_ADMIN,))
IN_2026 = datetime(2026, 3, 1, tzinfo=UTC)
IN_2025 = datetime(2025, 3, 1, tzinfo=UTC)


async def given_closings_pay(points: FakePoints, amount: int) -> None:
    await set_point_rule(points.ports, ADMIN, SetPointRule(Selector("case.closed"), amount))


async def deliver(points: FakePoints, *events: CloudEvent) -> None:
    for event in events:
        await points.uow.run(lambda tx, event=event: receive(tx, event))


def closed_by(person: str, role: str, at: datetime, path: list[str] | None = None) -> CloudEvent:
    return case_closed(uid("case-"), [(person, role)], closed_at=at, path=path)


async def test_the_leaderboard_ranks_what_was_earned_in_the_subtree():
    points = fake_points()
    await given_closings_pay(points, 10)
    ana, bo, far = uid("ana-"), uid("bo-"), uid("far-")
    await deliver(
        points,
        closed_by(ana, "NEIGHBOR_CHIEF", IN_2026),
        closed_by(ana, "NEIGHBOR_CHIEF", IN_2026),
        closed_by(bo, "GRID_MEMBER", IN_2026),
        closed_by(far, "NEIGHBOR_CHIEF", IN_2026, path=C2_PATH),
    )

    board = await leaderboard(points.ports, "c1", Period(None, None), 10)

    assert board == [Standing(ana, 20, 1), Standing(bo, 10, 2)]


async def test_a_reopened_case_leaves_the_leaderboard_of_its_period():
    points = fake_points()
    await given_closings_pay(points, 10)
    ana = uid("ana-")
    closed = closed_by(ana, "NEIGHBOR_CHIEF", IN_2026)
    await deliver(points, closed, closed_by(ana, "NEIGHBOR_CHIEF", IN_2026))
    await deliver(points, case_reopened(closed.data["caseId"]))

    board = await leaderboard(points.ports, "c1", Period(IN_2026, None), 10)

    assert board == [Standing(ana, 10, 1)]


async def test_outstanding_chiefs_are_role_holders_and_those_who_handled_as_chiefs():
    # given a chief by role, a chief known only from the cases they handled, a grid member,
    # and a chief whose points were earned in another year
    points = fake_points()
    await given_closings_pay(points, 10)
    ana, bo, grid, old = uid("ana-"), uid("bo-"), uid("grid-"), uid("old-")
    points.state.roles["ra-ana"] = HeldRole(ana, "NEIGHBOR_CHIEF", tuple(N1_PATH))
    for _ in range(3):
        await deliver(points, closed_by(ana, "NEIGHBOR_CHIEF", IN_2026))
    reopened = closed_by(bo, "NEIGHBOR_CHIEF", IN_2026)
    await deliver(points, reopened, closed_by(bo, "NEIGHBOR_CHIEF", IN_2026))
    await deliver(points, case_reopened(reopened.data["caseId"]))
    await deliver(points, closed_by(grid, "GRID_MEMBER", IN_2026))
    await deliver(points, closed_by(old, "NEIGHBOR_CHIEF", IN_2025))

    chiefs = await outstanding_chiefs(points.ports, "d1", 2026, 5)

    # then the chiefs rank by points with the cases that stand
    assert chiefs == [Chief(ana, 30, 3, 1), Chief(bo, 10, 1, 2)]


async def test_no_chiefs_no_list():
    points = fake_points()
    assert await outstanding_chiefs(points.ports, "d1", 2026, 5) == []
