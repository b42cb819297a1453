"""activity.attended as points reads and awards it: per-hour rules, confirmation by someone
other than the volunteer, the default cap, and exactly one award per event however often it is
delivered. Real handlers over in-memory stores."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput
from grassroots_kit.messaging.consumer import PermanentEventError
from grassroots_points.domain import occasions
from grassroots_points.domain.caps import CONFIRMED_TYPES, DEFAULT_CAPS
from grassroots_points.domain.ledger import EntryKind
from grassroots_points.domain.rules import CapPeriod, PointRule, Selector
from grassroots_points.handlers.reactions import receive
from grassroots_points.handlers.rules import SetPointRule, set_point_rule

from tests.points.fakes import FakePoints, fake_points
from tests.points.helpers import PLATFORM_ADMIN, activity_attended, uid

ADMIN = Principal("platform-admin", (PLATFORM_ADMIN,))
ATTENDED = "activity.attended"


async def given_rule(points: FakePoints, amount: int, per_hour: int = 0, **cap: object) -> None:
    await set_point_rule(
        points.ports,
        ADMIN,
        SetPointRule(Selector(ATTENDED), amount, points_per_hour=per_hour, **cap),  # type: ignore[arg-type]
    )


async def deliver(points: FakePoints, *events: object) -> None:
    for event in events:
        await points.uow.run(lambda tx, event=event: receive(tx, event))  # type: ignore[arg-type]


def balance(points: FakePoints, person: str) -> int:
    account = points.state.accounts.get(person)
    return account.balance if account else 0


def test_the_occasion_reads_the_volunteer_the_organizer_and_the_minutes():
    event = activity_attended("vol-1", minutes=150, confirmed_by="staff-1")
    occasion = occasions.activity_attended(event.id, event.data, event.time)
    assert occasion.rule_event_type == ATTENDED
    assert occasion.person_id == "vol-1"
    assert occasion.confirmed_by == "staff-1"
    assert occasion.minutes == 150
    assert occasion.org_unit_path == ("d1", "s1", "c1")
    assert occasion.source_event_id == event.id


def test_an_attendance_must_be_confirmed_and_is_capped_by_default():
    assert ATTENDED in CONFIRMED_TYPES
    assert DEFAULT_CAPS[ATTENDED].limit == 2
    assert DEFAULT_CAPS[ATTENDED].period is CapPeriod.DAY


def test_a_rule_prices_whole_hours_served():
    rule = PointRule(
        id="r",  # type: ignore[arg-type]
        selector=Selector(ATTENDED),
        points=3,
        met_deadline_bonus=0,
        top_rating_bonus=0,
        description="",
        updated_at=datetime.now(UTC),
        updated_by=None,
        points_per_hour=2,
    )
    event = activity_attended("vol-1", minutes=150)
    occasion = occasions.activity_attended(event.id, event.data, event.time)
    assert rule.points_for(occasion) == 3 + 2 * 2  # 2h30 counts two whole hours
    assert rule.points_for(dataclasses.replace(occasion, minutes=59)) == 3


async def test_points_per_hour_is_bounded_like_points():
    points = fake_points()
    with pytest.raises(BadUserInput) as refused:
        await given_rule(points, 1, per_hour=10_001)
    assert refused.value.extensions["field"] == "pointsPerHour"


async def test_an_attendance_is_awarded_once_however_often_it_arrives():
    points = fake_points()
    await given_rule(points, 5, per_hour=4)
    volunteer = uid("vol-")
    attended = activity_attended(volunteer, minutes=120)

    await deliver(points, attended, attended, attended)

    assert balance(points, volunteer) == 5 + 2 * 4
    entries = [e for e in points.state.entries if e.person_id == volunteer]
    assert len(entries) == 1
    assert entries[0].kind is EntryKind.AWARD
    assert entries[0].source_event_type == ATTENDED
    assert entries[0].confirmed_by == "organizer"
    awarded = [e for e in points.uow.published if e.type == "points.awarded"]
    assert [e.data["points"] for e in awarded] == [13]


async def test_an_attendance_confirmed_by_the_volunteer_earns_nothing():
    # participation refuses a self check-in; should one arrive anyway, points withholds it
    points = fake_points()
    await given_rule(points, 5)
    volunteer = uid("vol-")

    event = activity_attended(volunteer, confirmed_by=volunteer)
    await deliver(points, event)

    assert balance(points, volunteer) == 0
    assert points.state.entries == []
    assert "confirmed by the earner" in points.state.withheld[(event.id, volunteer)]


async def test_the_third_attendance_of_a_day_is_withheld_by_the_default_cap():
    points = fake_points()
    await given_rule(points, 5)
    volunteer = uid("vol-")

    events = [activity_attended(volunteer) for _ in range(3)]
    await deliver(points, *events)

    assert balance(points, volunteer) == 10
    assert "capped" in points.state.withheld[(events[2].id, volunteer)]


async def test_a_malformed_attendance_is_parked():
    points = fake_points()
    await given_rule(points, 5)
    broken = activity_attended(uid("vol-"))
    broken = dataclasses.replace(broken, data={**broken.data, "minutesServed": 0})

    with pytest.raises(PermanentEventError):
        await deliver(points, broken)
