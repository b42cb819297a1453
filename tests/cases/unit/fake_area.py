"""The integration tests' small area (`tests/cases/integration/world.py`) over the fakes."""

from __future__ import annotations

from datetime import UTC, datetime

from grassroots_cases.adapters.role_projection import Assignment
from grassroots_cases.domain.ids import OrgUnitId
from grassroots_cases.domain.reporting import NewCase
from grassroots_cases.domain.vocabulary import Category, Channel, Priority
from grassroots_kit.auth import Principal, RoleGrant

from tests.cases.fakes import FakeCases, FixedClock
from tests.cases.integration.world import PATHS, PEOPLE, UNITS

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def area(*, roles: bool = True) -> FakeCases:
    fakes = FakeCases.new(FixedClock(NOW))
    for unit_id, kind, name in UNITS:
        fakes.add_unit(unit_id, kind, name, *PATHS[unit_id][:-1])
    if roles:
        for person, (role, unit, organization) in PEOPLE.items():
            fakes.assign(Assignment(f"ra-{person}", person, role, unit, PATHS[unit], organization))
    return fakes


def clock(fakes: FakeCases) -> FixedClock:
    moving = fakes.ports.clock
    assert isinstance(moving, FixedClock)
    return moving


def who(person: str) -> Principal:
    role, unit, organization = PEOPLE[person]
    return Principal(person, (RoleGrant(role, unit, PATHS[unit], organization),))


def new_case(
    title: str = "Sewage pipe broken at the back of the building",
    unit: str = "b1",
    **changes: object,
) -> NewCase:
    fields: dict[str, object] = {
        "title": title,
        "description": "",
        "category": Category.SEWAGE_WATER,
        "channel": Channel.APP,
        "priority": Priority.NORMAL,
        "org_unit_id": OrgUnitId(unit),
        "address": None,
        "reporter_id": None,
        "reported_by_id": None,
        **changes,
    }
    return NewCase(**fields)  # type: ignore[arg-type]
