"""Creating households and setting their care level, over the in-memory fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from grassroots_kit.auth import Principal, RoleGrant
from grassroots_kit.errors import BadUserInput, Forbidden, NotFound
from grassroots_people.domain.care import CareLevel
from grassroots_people.domain.ids import HouseholdId, OrgUnitId
from grassroots_people.domain.org_units import OrgUnit, OrgUnitKind
from grassroots_people.handlers.households import (
    MAX_BATCH,
    CreateHousehold,
    SetCareLevel,
    create_households,
    set_care_level,
)

from tests.people.fakes import FakePeople

STAFF = Principal("staff", (RoleGrant("COMMUNITY_STAFF", "yichun", ("dunhua", "yichun")),))
CARER = Principal("carer", (RoleGrant("GRID_MEMBER", "yichun", ("dunhua", "yichun")),))


@pytest.fixture
def fake() -> FakePeople:
    fake = FakePeople.create()
    for unit in (
        OrgUnit(OrgUnitId("dunhua"), OrgUnitKind.STREET, "Dunhua", None, (), 1, fake.clock.now),
        OrgUnit(
            OrgUnitId("yichun"),
            OrgUnitKind.COMMUNITY,
            "Yichun",
            OrgUnitId("dunhua"),
            (OrgUnitId("dunhua"),),
            1,
            fake.clock.now,
        ),
    ):
        fake.state.org_units[unit.id] = unit
    return fake


def at(unit: str, address: str) -> CreateHousehold:
    return CreateHousehold(OrgUnitId(unit), address, ["shopping"])


async def test_a_batch_of_households_is_created_all_or_none(fake: FakePeople):
    made = await create_households(
        fake.ports, STAFF, [at("yichun", "1 Long Road"), at("yichun", "2 Long Road")]
    )

    assert [fake.state.households[h.id] for h in made] == made
    assert made[0].org_unit_path == ("dunhua", "yichun")
    assert (made[0].care_level, made[0].care_since) == (CareLevel.NONE, fake.clock.now)

    with pytest.raises(NotFound):
        await create_households(fake.ports, STAFF, [at("yichun", "3 Long Road"), at("x", "4")])
    with pytest.raises(Forbidden):  # staff of a community do not manage the street above it
        await create_households(fake.ports, STAFF, [at("yichun", "5 Long"), at("dunhua", "6")])
    with pytest.raises(Forbidden):
        await create_households(fake.ports, CARER, [at("yichun", "7 Long Road")])
    with pytest.raises(BadUserInput):
        await create_households(fake.ports, STAFF, [at("yichun", "x")] * (MAX_BATCH + 1))
    assert len(fake.state.households) == 2
    assert fake.uow.published == []


async def test_a_household_in_care_never_visited_is_due_from_when_care_began(fake: FakePeople):
    [home] = await create_households(fake.ports, STAFF, [at("yichun", "1 Long Road")])
    fake.clock.advance(timedelta(days=2))

    red = await set_care_level(fake.ports, CARER, SetCareLevel(home.id, CareLevel.RED, None))
    assert (red.care_since, red.needs) == (fake.clock.now, ("shopping",))
    assert red.next_visit_due == fake.clock.now  # never visited: due at once

    fake.clock.advance(timedelta(days=1))
    same = await set_care_level(fake.ports, CARER, SetCareLevel(home.id, CareLevel.RED, ["meals"]))
    assert (same.care_since, same.needs) == (red.care_since, ("meals",))
    assert same.next_visit_due == red.care_since
    none = await set_care_level(fake.ports, CARER, SetCareLevel(home.id, CareLevel.NONE, None))
    assert none.next_visit_due is None
    same = await set_care_level(fake.ports, CARER, SetCareLevel(home.id, CareLevel.RED, None))
    assert fake.state.households[home.id] == same

    with pytest.raises(Forbidden):
        await set_care_level(
            fake.ports, Principal("nobody", ()), SetCareLevel(home.id, CareLevel.GREEN, None)
        )
    with pytest.raises(NotFound):
        await set_care_level(
            fake.ports, CARER, SetCareLevel(HouseholdId("x"), CareLevel.GREEN, None)
        )
    assert fake.state.households[home.id] == same
