"""Creating, renaming and moving org units, over the in-memory fakes."""

from __future__ import annotations

from dataclasses import replace

import pytest
from grassroots_contracts.event_types import ORGUNIT_CREATED, ORGUNIT_MOVED, ORGUNIT_RENAMED
from grassroots_kit.auth import Principal, RoleGrant
from grassroots_kit.errors import BadUserInput, Conflict, Forbidden, NotFound
from grassroots_people.domain.ids import OrgUnitId
from grassroots_people.domain.org_units import OrgUnitKind
from grassroots_people.handlers.org_units import (
    CreateOrgUnit,
    MoveOrgUnit,
    RenameOrgUnit,
    create_org_unit,
    move_org_unit,
    rename_org_unit,
)

from tests.people.contracts import household, person
from tests.people.fakes import FakePeople

ADMIN = Principal("root", (RoleGrant("PLATFORM_ADMIN", "*", ("*",)),))


def staff_of(*path: str) -> Principal:
    return Principal("staff", (RoleGrant("DISTRICT_ADMIN", path[-1], path),))


async def tree(fake: FakePeople) -> dict[str, OrgUnitId]:
    """north > street > community > grid, and a second district south > street2."""
    ids: dict[str, OrgUnitId] = {}
    for name, kind, parent in (
        ("north", OrgUnitKind.DISTRICT, None),
        ("street", OrgUnitKind.STREET, "north"),
        ("community", OrgUnitKind.COMMUNITY, "street"),
        ("grid", OrgUnitKind.GRID, "community"),
        ("south", OrgUnitKind.DISTRICT, None),
        ("street2", OrgUnitKind.STREET, "south"),
    ):
        command = CreateOrgUnit(kind, name, ids[parent] if parent else None)
        ids[name] = (await create_org_unit(fake.ports, ADMIN, command)).id
    return ids


async def test_creating_a_unit_places_it_under_its_parent_and_announces_it():
    fake = FakePeople.create()
    ids = await tree(fake)

    community = fake.state.org_units[ids["community"]]
    assert community.path == (ids["north"], ids["street"])
    assert (community.parent_id, community.version, community.created_at) == (
        ids["street"],
        1,
        fake.clock.now,
    )
    assert fake.uow.published_types() == [ORGUNIT_CREATED] * 6
    assert [e.subject for e in fake.uow.published] == list(ids.values())


async def test_creating_refuses_what_the_caller_may_not_do_and_what_is_taken():
    fake = FakePeople.create()
    ids = await tree(fake)
    before = len(fake.uow.published)

    with pytest.raises(Forbidden):  # only a platform admin makes a district
        await create_org_unit(
            fake.ports, staff_of(ids["north"]), CreateOrgUnit(OrgUnitKind.DISTRICT, "x", None)
        )
    with pytest.raises(Forbidden):  # north's staff do not manage south
        await create_org_unit(
            fake.ports,
            staff_of(ids["north"]),
            CreateOrgUnit(OrgUnitKind.STREET, "x", ids["south"]),
        )
    with pytest.raises(NotFound) as missing:
        await create_org_unit(
            fake.ports, ADMIN, CreateOrgUnit(OrgUnitKind.STREET, "x", OrgUnitId("nope"))
        )
    assert missing.value.extensions["field"] == "parentId"
    with pytest.raises(Conflict):
        await create_org_unit(
            fake.ports, ADMIN, CreateOrgUnit(OrgUnitKind.STREET, "street", ids["north"])
        )
    made = await create_org_unit(
        fake.ports, staff_of(ids["north"]), CreateOrgUnit(OrgUnitKind.STREET, "x", ids["north"])
    )
    assert made.path == (ids["north"],)
    assert len(fake.uow.published) == before + 1


async def test_renaming_bumps_the_version_and_sends_the_snapshot():
    fake = FakePeople.create()
    ids = await tree(fake)
    fake.uow.published.clear()

    renamed = await rename_org_unit(
        fake.ports, staff_of(ids["north"]), RenameOrgUnit(ids["community"], "  Yichun   East ")
    )
    assert (renamed.name, renamed.version) == ("Yichun East", 2)
    assert fake.state.org_units[ids["community"]] == renamed
    [event] = fake.uow.published
    assert (event.type, event.subject) == (ORGUNIT_RENAMED, ids["community"])
    with pytest.raises(Forbidden):
        await rename_org_unit(
            fake.ports, staff_of(ids["south"]), RenameOrgUnit(ids["community"], "Mine")
        )
    await create_org_unit(
        fake.ports, ADMIN, CreateOrgUnit(OrgUnitKind.COMMUNITY, "Other", ids["street"])
    )
    with pytest.raises(Conflict):  # a sibling's name
        await rename_org_unit(fake.ports, ADMIN, RenameOrgUnit(ids["community"], "Other"))


async def test_moving_a_unit_repaths_its_subtree_and_what_is_placed_there():
    fake = FakePeople.create()
    ids = await tree(fake)
    home = replace(
        household(),
        org_unit_id=ids["grid"],
        org_unit_path=(ids["north"], ids["street"], ids["community"], ids["grid"]),
    )
    resident = replace(
        person(home.id),
        org_unit_id=ids["grid"],
        org_unit_path=home.org_unit_path,
    )
    fake.state.households[home.id] = home
    fake.state.persons[resident.id] = resident
    fake.uow.published.clear()

    moved = await move_org_unit(fake.ports, ADMIN, MoveOrgUnit(ids["community"], ids["street2"]))

    south, street2 = ids["south"], ids["street2"]
    assert (moved.parent_id, moved.path, moved.version) == (street2, (south, street2), 2)
    grid = fake.state.org_units[ids["grid"]]
    assert (grid.path, grid.version) == ((south, street2, ids["community"]), 2)
    assert fake.state.households[home.id].org_unit_path == (
        south,
        street2,
        ids["community"],
        ids["grid"],
    )
    assert (
        fake.state.persons[resident.id].org_unit_path
        == fake.state.households[home.id].org_unit_path
    )
    assert fake.uow.published_types() == [ORGUNIT_MOVED] * 2
    assert [e.subject for e in fake.uow.published] == [ids["community"], ids["grid"]]


async def test_moving_refuses_cycles_wrong_ranks_and_strangers_and_changes_nothing():
    fake = FakePeople.create()
    ids = await tree(fake)
    units_before = dict(fake.state.org_units)
    fake.uow.published.clear()

    with pytest.raises(BadUserInput):  # into its own subtree
        await move_org_unit(fake.ports, ADMIN, MoveOrgUnit(ids["street"], ids["grid"]))
    with pytest.raises(BadUserInput):  # a street cannot hang from a street
        await move_org_unit(fake.ports, ADMIN, MoveOrgUnit(ids["street"], ids["street2"]))
    with pytest.raises(Forbidden):  # north's staff do not manage south
        await move_org_unit(
            fake.ports, staff_of(ids["north"]), MoveOrgUnit(ids["community"], ids["street2"])
        )
    with pytest.raises(NotFound) as missing:
        await move_org_unit(fake.ports, ADMIN, MoveOrgUnit(ids["community"], OrgUnitId("nope")))
    assert missing.value.extensions["field"] == "newParentId"
    assert fake.state.org_units == units_before
    assert fake.uow.published == []
