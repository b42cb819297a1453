"""Leaderboards over any subtree and period, ranks within a community, outstanding chiefs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from grassroots_points.domain.periods import PeriodKind, period
from grassroots_points.handlers import recognition

from tests.points.helpers import (
    C1_PATH,
    C2_PATH,
    N1_PATH,
    Points,
    case_closed,
    case_reopened,
    given_the_ladder,
    person_registered,
    role_assigned,
    uid,
)

BOARD = """query($unit: ID!, $from: DateTime, $to: DateTime, $period: PeriodKind) {
  leaderboard(orgUnitId: $unit, from: $from, to: $to, period: $period, first: 10) {
    person { id } points rank } }"""
MARCH = datetime(2026, 3, 10, tzinfo=UTC)
JUNE = datetime(2026, 6, 10, tzinfo=UTC)


async def close(points: Points, person: str, *, at: datetime, path=None, role="NEIGHBOR_CHIEF"):
    event = case_closed(
        uid("case-"), [(person, role)], closed_at=at, path=path or N1_PATH, met_deadline=False
    )
    await points.publish(event)
    await points.processed(event)
    return event


def rows(data) -> list[tuple[str, int, int]]:
    return [(r["person"]["id"], r["points"], r["rank"]) for r in data["leaderboard"]]


async def test_top_earners_of_a_subtree_in_a_period(points: Points):
    await points.rule("case.closed", 10)
    ana, bo, cy = uid("ana-"), uid("bo-"), uid("cy-")
    await close(points, ana, at=MARCH)
    await close(points, ana, at=JUNE)
    await close(points, bo, at=MARCH)
    await close(points, cy, at=MARCH, path=C2_PATH)

    community = await points.ok(BOARD, {"unit": "c1"})
    spring = await points.ok(
        BOARD, {"unit": "c1", "from": "2026-03-01T00:00:00Z", "to": "2026-04-01T00:00:00Z"}
    )
    street = await points.ok(BOARD, {"unit": "s1", "period": "ALL_TIME"})

    assert rows(community) == [(ana, 20, 1), (bo, 10, 2)]
    assert sorted(rows(spring)) == sorted([(ana, 10, 1), (bo, 10, 1)])  # a tie shares a rank
    assert rows(street)[0] == (ana, 20, 1)
    assert {r[0] for r in rows(street)} == {ana, bo, cy}


async def test_a_reversed_award_leaves_its_period_on_the_leaderboard(points: Points):
    await points.rule("case.closed", 10)
    ana = uid("ana-")
    closed = await close(points, ana, at=MARCH)
    reopened = case_reopened(closed.data["caseId"])
    await points.publish(reopened)
    await points.processed(reopened)

    board = await points.ok(BOARD, {"unit": "c1", "period": "ALL_TIME"})

    assert rows(board) == []


async def test_the_org_unit_entity_carries_the_leaderboard_and_the_period_kinds(points: Points):
    await points.rule("case.closed", 10)
    ana = uid("ana-")
    await close(points, ana, at=datetime.now(UTC))
    query = """query($r: [_Any!]!) { _entities(representations: $r) { ... on OrgUnit {
      week: leaderboard(period: WEEK) { points }
      month: leaderboard(period: MONTH) { points }
      year: leaderboard(period: YEAR) { points } } } }"""

    data = await points.ok(query, {"r": [{"__typename": "OrgUnit", "id": "c1"}]})

    assert data["_entities"] == [
        {"week": [{"points": 10}], "month": [{"points": 10}], "year": [{"points": 10}]}
    ]


async def test_a_person_knows_their_rank_in_their_community(points: Points):
    await given_the_ladder(points)
    await points.rule("case.closed", 10)
    people = [uid("p-") for _ in range(3)]
    for person in people:
        registered = person_registered(person, C1_PATH)
        await points.publish(registered)
        await points.processed(registered)
    now = datetime.now(UTC)
    for person, cases in zip(people, (1, 3, 2), strict=True):
        for _ in range(cases):
            await close(points, person, at=now)
    query = """query($id: ID!) { pointsAccount(personId: $id) { communityRank } }"""

    ranks = [
        (await points.ok(query, {"id": p}, as_person=p))["pointsAccount"]["communityRank"]
        for p in people
    ]

    assert ranks == [3, 1, 2]


async def test_outstanding_chiefs_of_the_year_with_their_handled_cases(points: Points):
    await points.rule("case.closed", 10)
    await points.rule("visit.logged", 4)
    ana, bo, grid, idle = uid("ana-"), uid("bo-"), uid("grid-"), uid("idle-")
    for chief in (bo, idle):
        assigned = role_assigned(chief, "NEIGHBOR_CHIEF", N1_PATH)
        await points.publish(assigned)
        await points.processed(assigned)
    for _ in range(3):
        await close(points, ana, at=MARCH)
    reopened_case = await close(points, ana, at=JUNE)
    reopened = case_reopened(reopened_case.data["caseId"])
    await points.publish(reopened)
    await points.processed(reopened)
    await close(points, bo, at=MARCH)
    for _ in range(5):
        await close(points, grid, at=MARCH, role="GRID_MEMBER")
    await close(points, ana, at=datetime(2025, 12, 1, tzinfo=UTC))  # last year

    query = """query { outstandingChiefs(orgUnitId: "d1", year: 2026, first: 5) {
      person { id } points handledCases rank } }"""
    data = await points.ok(query)

    assert data["outstandingChiefs"] == [
        {"person": {"id": ana}, "points": 30, "handledCases": 3, "rank": 1},
        {"person": {"id": bo}, "points": 10, "handledCases": 1, "rank": 2},
    ]


async def test_the_leaderboard_year_and_month_begin_at_beijing_midnight(points: Points):
    # given one closing at 23:00 on 31 December in Beijing and one at 01:00 on 1 January
    await points.rule("case.closed", 10)
    old, new = uid("old-"), uid("new-")
    await close(points, old, at=datetime(2026, 12, 31, 15, tzinfo=UTC))
    await close(points, new, at=datetime(2026, 12, 31, 17, tzinfo=UTC))
    ports = points.wired.ports

    # when the board of the year and of the month around 2026-12-31T17:00Z is read
    at = datetime(2026, 12, 31, 17, tzinfo=UTC)
    year = period(PeriodKind.YEAR, now=at, tz=ports.business_zone)
    month = period(PeriodKind.MONTH, now=at, tz=ports.business_zone)
    old_month = period(PeriodKind.MONTH, now=at - timedelta(hours=2), tz=ports.business_zone)

    # then the second counts in 2027 and January, the first in 2026 and December
    ranked = [s.person_id for s in await recognition.leaderboard(ports, "c1", year, 10)]
    assert ranked == [new]
    ranked = [s.person_id for s in await recognition.leaderboard(ports, "c1", month, 10)]
    assert ranked == [new]
    ranked = [s.person_id for s in await recognition.leaderboard(ports, "c1", old_month, 10)]
    assert ranked == [old]
    # and so over GraphQL: a custom range of the Beijing day of 1 January holds only the second
    day = await points.ok(
        BOARD, {"unit": "c1", "from": "2026-12-31T16:00:00Z", "to": "2027-01-01T16:00:00Z"}
    )
    assert [r[0] for r in rows(day)] == [new]
