"""Grants follow the ladder: the pure rule of who may grant or revoke which role, where."""

from __future__ import annotations

import pytest
from grassroots_kit.auth import Principal, RoleGrant
from grassroots_kit.errors import BadUserInput, Forbidden, Unauthenticated
from grassroots_people.domain.granting import OrganizationTies, require_may_grant
from grassroots_people.domain.ids import OrgUnitId, PersonId
from grassroots_people.domain.roles import Role

SHIBEI = ("shibei",)
YICHUN = ("shibei", "dunhua", "yichun")
WANGCHENG = ("wangcheng",)
SEWAGE = OrganizationTies("Sewage Management Office", OrgUnitId("wangcheng"), frozenset())
PARTNER = OrganizationTies("Haiyue Property", OrgUnitId("shibei"), frozenset({OrgUnitId("yichun")}))
OTHER = PersonId("someone-else")


def holder(role: str, path: tuple[str, ...], person: str = "me") -> Principal:
    return Principal(person, (RoleGrant(role, path[-1], path),))


SECRETARY = holder("COMMUNITY_SECRETARY", YICHUN)


def test_a_secretary_grants_a_lower_role_in_her_community_to_someone_else():
    granter = require_may_grant(
        SECRETARY, grantee=OTHER, role=Role.GRID_MEMBER, unit_path=(*YICHUN, "grid1")
    )

    assert granter.person_id == "me"


def test_nobody_grants_themselves_a_role_even_a_low_one():
    with pytest.raises(Forbidden, match="of your own"):
        require_may_grant(SECRETARY, grantee=PersonId("me"), role=Role.VOLUNTEER, unit_path=YICHUN)


def test_nobody_revokes_their_own_role_either():
    with pytest.raises(Forbidden, match="of your own"):
        require_may_grant(
            SECRETARY,
            grantee=PersonId("me"),
            role=Role.COMMUNITY_SECRETARY,
            unit_path=YICHUN,
            revoking=True,
        )


def test_a_role_of_the_granters_own_rank_is_not_granted():
    staff = holder("COMMUNITY_STAFF", YICHUN)

    with pytest.raises(Forbidden, match="ranks above"):
        require_may_grant(staff, grantee=OTHER, role=Role.COMMUNITY_STAFF, unit_path=YICHUN)
    with pytest.raises(Forbidden, match="ranks above"):
        require_may_grant(staff, grantee=OTHER, role=Role.COMMUNITY_SECRETARY, unit_path=YICHUN)


def test_a_chief_grants_nothing():
    chief = holder("GRID_CHIEF", (*YICHUN, "grid1"))

    with pytest.raises(Forbidden):
        require_may_grant(
            chief, grantee=OTHER, role=Role.GROUP_CHIEF, unit_path=(*YICHUN, "grid1", "g")
        )


def test_a_role_outside_the_granters_subtree_is_not_granted():
    with pytest.raises(Forbidden):
        require_may_grant(SECRETARY, grantee=OTHER, role=Role.GRID_MEMBER, unit_path=WANGCHENG)


def test_department_staff_ranks_at_district_level_so_only_a_district_admin_grants_it():
    admin = holder("DISTRICT_ADMIN", WANGCHENG)
    street = holder("STREET_STAFF", (*WANGCHENG, "gaotangling"))

    require_may_grant(
        admin, grantee=OTHER, role=Role.DEPARTMENT_STAFF, unit_path=WANGCHENG, organization=SEWAGE
    )
    with pytest.raises(Forbidden, match="ranks above"):
        require_may_grant(
            street,
            grantee=OTHER,
            role=Role.DEPARTMENT_STAFF,
            unit_path=(*WANGCHENG, "gaotangling"),
            organization=SEWAGE,
        )


def test_an_organization_role_is_granted_only_where_the_organization_belongs_or_is_paired():
    require_may_grant(
        SECRETARY,
        grantee=OTHER,
        role=Role.RED_PARTNER_MEMBER,
        unit_path=YICHUN,
        organization=PARTNER,
    )
    with pytest.raises(Forbidden, match="neither registered"):
        require_may_grant(
            SECRETARY,
            grantee=OTHER,
            role=Role.RED_PARTNER_MEMBER,
            unit_path=YICHUN,
            organization=SEWAGE,
        )


def test_a_district_department_has_staff_anywhere_in_its_district_and_nowhere_else():
    admin = holder("DISTRICT_ADMIN", WANGCHENG)
    street = (*WANGCHENG, "gaotangling")

    require_may_grant(
        admin, grantee=OTHER, role=Role.DEPARTMENT_STAFF, unit_path=street, organization=SEWAGE
    )
    with pytest.raises(Forbidden, match="neither registered"):
        require_may_grant(
            holder("DISTRICT_ADMIN", SHIBEI),
            grantee=OTHER,
            role=Role.DEPARTMENT_STAFF,
            unit_path=SHIBEI,
            organization=SEWAGE,
        )


def test_an_organization_role_needs_an_organization_and_other_roles_none():
    with pytest.raises(BadUserInput):
        require_may_grant(SECRETARY, grantee=OTHER, role=Role.RED_PARTNER_MEMBER, unit_path=YICHUN)
    with pytest.raises(BadUserInput):
        require_may_grant(
            SECRETARY, grantee=OTHER, role=Role.VOLUNTEER, unit_path=YICHUN, organization=PARTNER
        )


def test_a_role_held_for_an_organization_is_revoked_wherever_it_is_held():
    admin = holder("DISTRICT_ADMIN", SHIBEI)

    require_may_grant(
        admin, grantee=OTHER, role=Role.DEPARTMENT_STAFF, unit_path=YICHUN, revoking=True
    )


def test_the_platform_admin_grants_a_district_admin_and_anonymous_callers_nothing():
    platform = holder("PLATFORM_ADMIN", ("*",))

    require_may_grant(platform, grantee=OTHER, role=Role.DISTRICT_ADMIN, unit_path=WANGCHENG)
    with pytest.raises(Unauthenticated):
        require_may_grant(None, grantee=OTHER, role=Role.VOLUNTEER, unit_path=WANGCHENG)
