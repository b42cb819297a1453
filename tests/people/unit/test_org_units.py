from datetime import UTC, datetime

import pytest
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
