"""The privacy policy (`domain/privacy.py`): who sees which private data, with no database."""

from __future__ import annotations

import pytest
from grassroots_kit.auth import Principal, RoleGrant
from grassroots_people.domain import privacy
from grassroots_people.domain.masking import mask_name
from grassroots_people.domain.privacy import (
    ANONYMOUS,
    HouseholdSubject,
    PersonSubject,
    Sight,
    Viewer,
)
from grassroots_people.domain.roles import Role

# A district D, a community C in it, two neighborhoods N1 and N2 in C, and a second community
# C2 with its neighborhood M in the same district.
N1 = ("D", "C", "N1")
N2 = ("D", "C", "N2")
M = ("D", "C2", "M")

RESIDENT = PersonSubject("shi", "h1", N1)
HOUSEMATE_ID = "shi-wife"
HOUSEHOLD = HouseholdSubject("h1", N1)
CHIEF_SUBJECT = PersonSubject("deng", "h2", N1, serves_publicly=True)


def viewer(*grants: tuple[Role, tuple[str, ...]], me: str = "v", home: str | None = None) -> Viewer:
    principal = Principal(me, tuple(RoleGrant(r.value, path[-1], path) for r, path in grants))
    return Viewer(principal, home)


PLATFORM_ADMIN = Viewer(Principal("root", (RoleGrant("PLATFORM_ADMIN", "*", ("*",)),)))


def test_anonymous_sees_no_resident_private_data() -> None:
    view = privacy.person_view(ANONYMOUS, RESIDENT)

    assert view == privacy.PersonView(name=Sight.MASKED, phone=Sight.HIDDEN, party_membership=False)
    assert not privacy.sees_household(ANONYMOUS, HOUSEHOLD)
    assert not privacy.sees_care(ANONYMOUS, HOUSEHOLD)


def test_anonymous_sees_a_chiefs_name_and_masked_phone_but_not_party_membership() -> None:
    view = privacy.person_view(ANONYMOUS, CHIEF_SUBJECT)

    assert (view.name, view.phone, view.party_membership) == (Sight.FULL, Sight.MASKED, False)


def test_a_person_sees_everything_of_themselves() -> None:
    me = viewer(me="shi", home="h1")

    assert privacy.person_view(me, RESIDENT) == privacy.PersonView(Sight.FULL, Sight.FULL, True)
    assert privacy.sees_household(me, HOUSEHOLD)


def test_a_housemate_knows_the_resident_but_sees_the_phone_masked() -> None:
    housemate = viewer((Role.RESIDENT, N1), me=HOUSEMATE_ID, home="h1")

    view = privacy.person_view(housemate, RESIDENT)

    assert (view.name, view.phone, view.party_membership) == (Sight.FULL, Sight.MASKED, True)
    assert privacy.sees_care(housemate, HOUSEHOLD)


def test_a_resident_of_the_same_neighborhood_sees_nothing_private_of_a_neighbour() -> None:
    neighbour = viewer((Role.RESIDENT, N1), home="h9")

    assert privacy.person_view(neighbour, RESIDENT).name is Sight.MASKED
    assert privacy.phone_sight(neighbour, RESIDENT) is Sight.HIDDEN
    assert not privacy.sees_household(neighbour, HOUSEHOLD)


def test_a_volunteer_is_a_resident_first() -> None:
    volunteer = viewer((Role.VOLUNTEER, ("D", "C")), home="h9")

    assert not privacy.sees_care(volunteer, HOUSEHOLD)
    assert privacy.name_sight(volunteer, RESIDENT) is Sight.MASKED


@pytest.mark.parametrize(
    ("role", "where"),
    [
        (Role.NEIGHBOR_CHIEF, N1),
        (Role.GROUP_CHIEF, ("D", "C")),
        (Role.GRID_MEMBER, ("D", "C")),
        (Role.COMMUNITY_SECRETARY, ("D", "C")),
        (Role.DISTRICT_ADMIN, ("D",)),
    ],
)
def test_who_cares_for_the_household_sees_all_of_it(role: Role, where: tuple[str, ...]) -> None:
    carer = viewer((role, where))

    assert privacy.sees_household(carer, HOUSEHOLD)
    assert privacy.person_view(carer, RESIDENT) == privacy.PersonView(Sight.FULL, Sight.FULL, True)


def test_a_chief_of_another_neighborhood_sees_nothing_private() -> None:
    other_chief = viewer((Role.NEIGHBOR_CHIEF, N2))

    assert not privacy.sees_household(other_chief, HOUSEHOLD)
    assert privacy.person_view(other_chief, RESIDENT).name is Sight.MASKED
    assert privacy.phone_sight(other_chief, CHIEF_SUBJECT) is Sight.MASKED


def test_staff_of_another_community_sees_nothing_private() -> None:
    other = viewer((Role.COMMUNITY_SECRETARY, ("D", "C2")))

    assert not privacy.sees_care(other, HOUSEHOLD)
    assert privacy.phone_sight(other, RESIDENT) is Sight.HIDDEN


def test_department_staff_know_the_people_of_their_area_but_not_their_care_data() -> None:
    department = viewer((Role.DEPARTMENT_STAFF, ("D",)))

    assert privacy.person_view(department, RESIDENT).phone is Sight.FULL
    assert not privacy.sees_care(department, HOUSEHOLD)
    assert not privacy.sees_household(department, HOUSEHOLD)


def test_the_platform_admin_sees_everything() -> None:
    assert privacy.sees_household(PLATFORM_ADMIN, HOUSEHOLD)
    assert privacy.person_view(PLATFORM_ADMIN, RESIDENT).phone is Sight.FULL


def test_a_household_id_alone_does_not_make_an_anonymous_viewer_a_housemate() -> None:
    assert not privacy.sees_care(Viewer(None, "h1"), HOUSEHOLD)


@pytest.mark.parametrize(
    ("roles", "public"),
    [
        ([Role.RESIDENT], False),
        ([Role.VOLUNTEER, Role.RESIDENT], False),
        ([Role.PLATFORM_ADMIN], False),
        ([Role.RESIDENT, Role.NEIGHBOR_CHIEF], True),
        ([Role.RED_PARTNER_MEMBER], True),
        ([Role.DEPARTMENT_STAFF], True),
        ([], False),
    ],
)
def test_who_serves_publicly(roles: list[Role], public: bool) -> None:
    assert privacy.serves_publicly(roles) is public


def test_residents_are_listed_only_to_those_who_serve_the_unit() -> None:
    assert privacy.lists_residents(viewer((Role.GROUP_CHIEF, ("D", "C"))), N1)
    assert not privacy.lists_residents(viewer((Role.RESIDENT, N1)), N1)
    assert not privacy.lists_residents(ANONYMOUS, N1)
    assert not privacy.lists_residents(viewer((Role.NEIGHBOR_CHIEF, N2)), N1)


def test_a_masked_name_gives_nothing_of_it_away() -> None:
    assert "Shi" not in mask_name("Shi Kai")
    assert mask_name("Shi Kai") == mask_name("Deng Xia")
