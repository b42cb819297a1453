from datetime import UTC, datetime

import pytest
from grassroots_contracts.org_units import KINDS
from grassroots_kit.errors import BadUserInput
from grassroots_people.domain.ids import OrgUnitId
from grassroots_people.domain.org_units import OrgUnit, OrgUnitKind, clean_name, new_org_unit

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def unit(kind: OrgUnitKind, uid: str = "p", parent: OrgUnit | None = None) -> OrgUnit:
    return new_org_unit(id=OrgUnitId(uid), kind=kind, name=f"{kind} {uid}", parent=parent, now=NOW)


def test_a_district_stands_at_the_top():
    district = unit(OrgUnitKind.DISTRICT, "d")

    assert district.parent_id is None
    assert district.path == ()
    assert district.version == 1


def test_a_child_records_its_ancestors_root_first():
    district = unit(OrgUnitKind.DISTRICT, "d")
    street = unit(OrgUnitKind.STREET, "s", district)

    community = unit(OrgUnitKind.COMMUNITY, "c", street)

    assert community.path == ("d", "s")
    assert community.parent_id == "s"
    assert community.path_with_self == ("d", "s", "c")


@pytest.mark.parametrize(
    ("parent_kind", "child_kind"),
    [
        (OrgUnitKind.NEIGHBORHOOD, OrgUnitKind.STREET),
        (OrgUnitKind.COMMUNITY, OrgUnitKind.COMMUNITY),
        (OrgUnitKind.GRID, OrgUnitKind.DISTRICT),
        (OrgUnitKind.NEIGHBORHOOD, OrgUnitKind.BUILDING),
    ],
)
def test_a_child_must_rank_below_its_parent(parent_kind: OrgUnitKind, child_kind: OrgUnitKind):
    parent = OrgUnit(OrgUnitId("p"), parent_kind, "P", None, (), 1, NOW)

    with pytest.raises(BadUserInput, match="cannot contain") as raised:
        unit(child_kind, "c", parent)

    assert raised.value.extensions["field"] == "kind"


def test_only_a_district_may_have_no_parent():
    with pytest.raises(BadUserInput, match="needs a parent"):
        unit(OrgUnitKind.COMMUNITY, "c")


def test_every_kind_below_a_group_can_hang_from_it():
    group = OrgUnit(OrgUnitId("g"), OrgUnitKind.GROUP, "G", None, (), 1, NOW)

    assert unit(OrgUnitKind.NEIGHBORHOOD, "n", group).kind is OrgUnitKind.NEIGHBORHOOD
    assert unit(OrgUnitKind.BUILDING, "b", group).kind is OrgUnitKind.BUILDING


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_names_must_be_present_and_short(name: str):
    with pytest.raises(BadUserInput):
        clean_name(name)


def test_names_are_trimmed_and_inner_space_collapsed():
    assert clean_name("  Wangfu   Road Community ") == "Wangfu Road Community"


def test_the_snapshot_is_what_the_event_carries():
    district = unit(OrgUnitKind.DISTRICT, "d")
    street = unit(OrgUnitKind.STREET, "s", district)

    assert street.snapshot().to_data() == {
        "id": "s",
        "kind": "STREET",
        "name": "STREET s",
        "parentId": "d",
        "path": ["d"],
        "version": 1,
    }


def test_a_town_stands_on_the_street_rung_with_villages_and_communities_below_it():
    county = unit(OrgUnitKind.DISTRICT, "d")
    town = unit(OrgUnitKind.TOWN, "t", county)

    village = unit(OrgUnitKind.VILLAGE, "v", town)
    community = unit(OrgUnitKind.COMMUNITY, "c", town)
    grid = unit(OrgUnitKind.GRID, "g", village)

    assert OrgUnitKind.TOWN.rank == OrgUnitKind.STREET.rank
    assert OrgUnitKind.VILLAGE.rank == OrgUnitKind.COMMUNITY.rank
    assert village.path == ("d", "t")
    assert community.parent_id == "t"
    assert grid.path_with_self == ("d", "t", "v", "g")


def test_a_street_may_hold_a_village_as_a_town_holds_a_community():
    street = OrgUnit(OrgUnitId("s"), OrgUnitKind.STREET, "S", None, (), 1, NOW)

    assert unit(OrgUnitKind.VILLAGE, "v", street).kind is OrgUnitKind.VILLAGE


@pytest.mark.parametrize(
    ("parent_kind", "child_kind"),
    [
        (OrgUnitKind.TOWN, OrgUnitKind.STREET),
        (OrgUnitKind.STREET, OrgUnitKind.TOWN),
        (OrgUnitKind.TOWN, OrgUnitKind.TOWN),
        (OrgUnitKind.VILLAGE, OrgUnitKind.COMMUNITY),
        (OrgUnitKind.COMMUNITY, OrgUnitKind.VILLAGE),
        (OrgUnitKind.VILLAGE, OrgUnitKind.TOWN),
        (OrgUnitKind.GRID, OrgUnitKind.VILLAGE),
    ],
)
def test_peers_on_a_rung_never_contain_each_other(
    parent_kind: OrgUnitKind, child_kind: OrgUnitKind
):
    parent = OrgUnit(OrgUnitId("p"), parent_kind, "P", None, (), 1, NOW)

    with pytest.raises(BadUserInput, match="cannot contain"):
        unit(child_kind, "c", parent)


def test_a_town_or_a_village_never_stands_at_the_top():
    for kind in (OrgUnitKind.TOWN, OrgUnitKind.VILLAGE):
        with pytest.raises(BadUserInput, match="needs a parent"):
            unit(kind, "x")


def test_every_kind_of_the_contract_has_a_rung():
    assert {kind.value for kind in OrgUnitKind} == set(KINDS)
    assert [kind.value for kind in OrgUnitKind] == list(KINDS)
