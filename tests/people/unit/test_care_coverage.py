"""Care coverage (issue 18): every household of a unit counted by care level, and how many are
visited on schedule on a business day, cut at the business time zone's midnights; over the
in-memory fakes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from grassroots_kit.auth import Principal, RoleGrant
from grassroots_kit.errors import BadUserInput, Forbidden, NotFound, Unauthenticated
from grassroots_people.domain.care import (
    CareLevel,
    CareRow,
    LevelCoverage,
    VisitSchedule,
    care_coverage,
)
from grassroots_people.domain.ids import OrgUnitId, PersonId
from grassroots_people.domain.org_units import OrgUnit, OrgUnitKind
from grassroots_people.handlers.coverage import coverage_of

from tests.people.contracts import household, visit
from tests.people.fakes import Clock, FakePeople

D, S, OTHER = OrgUnitId("d"), OrgUnitId("s"), OrgUnitId("s-other")
ALPHA, BETA, GAMMA = OrgUnitId("c-alpha"), OrgUnitId("c-beta"), OrgUnitId("c-gamma")
AS_OF = date(2026, 3, 10)
T0 = datetime(2026, 3, 1, tzinfo=UTC)


def unit(id: OrgUnitId, kind: OrgUnitKind, name: str, path: tuple[OrgUnitId, ...]) -> OrgUnit:
    return OrgUnit(id, kind, name, path[-1] if path else None, path, 1, T0)


def grant(role: str, unit_id: OrgUnitId, path: tuple[OrgUnitId, ...]) -> Principal:
    return Principal(f"p-{role}-{unit_id}", (RoleGrant(role, unit_id, (*path, unit_id)),))


@pytest.fixture
def fake() -> FakePeople:
    fake = FakePeople.create(Clock(datetime(2026, 3, 10, 2, tzinfo=UTC)))
    for u in (
        unit(D, OrgUnitKind.DISTRICT, "District", ()),
        unit(S, OrgUnitKind.STREET, "Street", (D,)),
        unit(OTHER, OrgUnitKind.STREET, "Other Street", (D,)),
        # listed by name: Alpha, Beta, Gamma whatever their ids
        unit(GAMMA, OrgUnitKind.COMMUNITY, "Gamma", (D, S)),
        unit(BETA, OrgUnitKind.COMMUNITY, "Beta", (D, S)),
        unit(ALPHA, OrgUnitKind.COMMUNITY, "Alpha", (D, S)),
    ):
        fake.state.org_units[u.id] = u
    return fake


def home(
    fake: FakePeople,
    path: tuple[OrgUnitId, ...],
    level: CareLevel,
    visited: datetime | None = None,
    *,
    confirmed: bool = True,
) -> str:
    h = replace(
        household(), org_unit_id=path[-1], org_unit_path=path, care_level=level, care_since=T0
    )
    fake.state.households[h.id] = h
    if visited is not None:
        v = visit("visitor", h.id, visited)
        fake.state.visits[v.id] = replace(v, confirmed_by=PersonId("member")) if confirmed else v
    return h.id


def seed(fake: FakePeople) -> None:
    in_alpha, in_beta = (D, S, ALPHA), (D, S, BETA)
    home(fake, in_alpha, CareLevel.RED, datetime(2026, 3, 3, 2, tzinfo=UTC))  # 7 days: on time
    # 00:30 on 3 March in Beijing (16:30 UTC on the 2nd): due on the 10th, on schedule
    home(fake, in_alpha, CareLevel.RED, datetime(2026, 3, 2, 16, 30, tzinfo=UTC))
    # 23:30 on 2 March in Beijing: due on the 9th, overdue on the 10th
    home(fake, in_alpha, CareLevel.RED, datetime(2026, 3, 2, 15, 30, tzinfo=UTC))
    # visited after the day asked about: that visit does not count for it
    home(fake, in_alpha, CareLevel.RED, datetime(2026, 3, 11, 3, tzinfo=UTC))
    # logged but never confirmed: counts nothing
    home(fake, in_beta, CareLevel.RED, datetime(2026, 3, 9, 3, tzinfo=UTC), confirmed=False)
    home(fake, in_beta, CareLevel.YELLOW, datetime(2026, 2, 20, 3, tzinfo=UTC))
    home(fake, (D, S), CareLevel.NONE)  # placed in the street itself
    home(fake, (D, OTHER), CareLevel.GREEN)  # another street: not counted


def figures(level: LevelCoverage) -> tuple[object, ...]:
    return (
        level.care_level,
        level.households,
        level.on_schedule,
        level.overdue,
        level.share_on_schedule,
    )


async def test_every_household_is_counted_once_by_level_for_the_unit_and_each_child(
    fake: FakePeople,
):
    seed(fake)

    found = await coverage_of(fake.ports, grant("GRID_MEMBER", S, (D,)), S, AS_OF)

    assert found.as_of == AS_OF
    assert [figures(level) for level in found.unit.levels] == [
        (CareLevel.RED, 5, 2, 3, 0.4),
        (CareLevel.YELLOW, 1, 1, 0, 1.0),
        (CareLevel.GREEN, 0, 0, 0, None),
    ]
    assert (found.unit.without_care_level, found.unit.households) == (1, 7)
    assert [c.org_unit_id for c in found.children] == [ALPHA, BETA, GAMMA]
    alpha, beta, gamma = found.children
    assert figures(alpha.level(CareLevel.RED)) == (CareLevel.RED, 4, 2, 2, 0.5)
    assert figures(beta.level(CareLevel.RED)) == (CareLevel.RED, 1, 0, 1, 0.0)
    assert figures(beta.level(CareLevel.YELLOW)) == (CareLevel.YELLOW, 1, 1, 0, 1.0)
    assert gamma.households == 0
    assert len(gamma.levels) == 3
    # the children and the households placed in the unit itself add up to the unit
    assert sum(c.households for c in found.children) + 1 == found.unit.households


async def test_without_a_date_it_is_todays_business_day(fake: FakePeople):
    fake.clock.now = datetime(2026, 3, 10, 17, tzinfo=UTC)  # 01:00 on the 11th in Beijing
    seed(fake)

    found = await coverage_of(fake.ports, grant("DISTRICT_ADMIN", D, ()), S)

    assert found.as_of == date(2026, 3, 11)
    # only the visit on 11 March keeps its household on schedule: those of 3 March were due
    # by the end of the 10th
    assert figures(found.unit.level(CareLevel.RED))[:3] == (CareLevel.RED, 5, 1)


@pytest.mark.parametrize(
    "who",
    [
        Principal("resident", ()),
        grant("GROUP_CHIEF", ALPHA, (D, S)),  # a chief below the unit
        grant("BUILDING_CHIEF", S, (D,)),  # a resident chief, not staff
        grant("DEPARTMENT_STAFF", D, ()),  # handles cases, sees no care levels
        grant("STREET_STAFF", OTHER, (D,)),  # staff of another street
    ],
)
async def test_only_staff_over_the_unit_read_its_coverage(fake: FakePeople, who: Principal):
    seed(fake)

    with pytest.raises(Forbidden):
        await coverage_of(fake.ports, who, S, AS_OF)


async def test_an_anonymous_caller_or_an_unknown_unit_gets_nothing(fake: FakePeople):
    with pytest.raises(Unauthenticated):
        await coverage_of(fake.ports, None, S, AS_OF)
    with pytest.raises(NotFound):
        await coverage_of(fake.ports, grant("DISTRICT_ADMIN", D, ()), "nowhere", AS_OF)


@pytest.mark.parametrize("as_of", [date(1, 1, 1), date(1999, 12, 31), date(2027, 3, 12)])
async def test_a_day_out_of_range_is_refused(fake: FakePeople, as_of: date):
    # today is 10 March 2026: 366 days ahead is 11 March 2027, the last day allowed
    with pytest.raises(BadUserInput) as refused:
        await coverage_of(fake.ports, grant("DISTRICT_ADMIN", D, ()), S, as_of)

    assert refused.value.extensions == {"code": "BAD_USER_INPUT", "field": "asOf"}
    assert (
        await coverage_of(fake.ports, grant("DISTRICT_ADMIN", D, ()), S, date(2027, 3, 10))
    ).as_of


def test_a_household_under_a_child_not_listed_still_counts():
    # a unit moved in between the two reads: its households are not left out
    row = CareRow("h", ("d", "s", "new"), CareLevel.GREEN, T0)

    found = care_coverage(
        "s", [], [row], {"h": T0}, schedule=VisitSchedule(green=timedelta(days=91)), as_of=AS_OF
    )

    assert [c.org_unit_id for c in found.children] == ["new"]
    assert found.unit.level(CareLevel.GREEN).on_schedule == 1
