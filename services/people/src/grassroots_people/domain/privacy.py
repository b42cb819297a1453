"""Who may see which private data of a person or a household: one rule per kind of data.

Every read path (root queries, nested fields, `_entities`, boards, leaderboards resolved
through people) asks these functions and nothing else. They are pure: the caller's role
grants, the household the caller lives in, and where the subject lives decide. The table of
rules is in docs/people.md ("Private data").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from grassroots_kit.auth import Principal

from grassroots_people.domain.access import CARING, SEEING, has_role_over
from grassroots_people.domain.roles import Role

# Holding one of these roles makes a person's name public: they serve openly (chiefs, grid,
# community, street, department and district staff, red-partner members). Residents and
# volunteers are residents first; the platform admin is no one's public servant.
PUBLIC_ROLES = frozenset(Role) - {Role.RESIDENT, Role.VOLUNTEER, Role.PLATFORM_ADMIN}
# Residents and volunteers appear in `OrgUnit.servedBy` only to those who serve the unit.
RESIDENT_ROLES = frozenset({Role.RESIDENT, Role.VOLUNTEER})


class Sight(Enum):
    """How much of a value the viewer gets."""

    FULL = "full"
    MASKED = "masked"  # the value with most of it hidden (`138****5678`, `****`)
    HIDDEN = "hidden"  # null


@dataclass(frozen=True)
class Viewer:
    """Who is looking: their token's grants (None when anonymous) and the household they
    live in (looked up by the caller of this module)."""

    principal: Principal | None
    household_id: str | None = None

    @property
    def person_id(self) -> str | None:
        return self.principal.person_id if self.principal else None


ANONYMOUS = Viewer(None)


@dataclass(frozen=True)
class PersonSubject:
    id: str
    household_id: str | None
    org_unit_path: Sequence[str]  # where they live (or serve), root first, the unit included
    serves_publicly: bool = False  # holds one of PUBLIC_ROLES now


@dataclass(frozen=True)
class HouseholdSubject:
    id: str
    org_unit_path: Sequence[str]  # its unit's ancestors and the unit, root first


@dataclass(frozen=True)
class PersonView:
    """What a viewer sees of one person."""

    name: Sight  # FULL or MASKED; the roles and org unit follow the name (hidden when masked)
    phone: Sight
    party_membership: bool

    @property
    def identified(self) -> bool:
        return self.name is Sight.FULL


def serves_publicly(roles: Iterable[Role | str]) -> bool:
    return any(Role(r) in PUBLIC_ROLES for r in roles)


def _is_self(viewer: Viewer, person: PersonSubject) -> bool:
    return viewer.person_id is not None and viewer.person_id == person.id


def _housemate(viewer: Viewer, household_id: str | None) -> bool:
    return (
        viewer.principal is not None
        and household_id is not None
        and viewer.household_id == household_id
    )


def knows_privately(viewer: Viewer, person: PersonSubject) -> bool:
    """The person themselves, their household, and those with a seeing role over where they
    live (chiefs and staff, department staff included): they know who the person is."""
    return (
        _is_self(viewer, person)
        or _housemate(viewer, person.household_id)
        or has_role_over(viewer.principal, SEEING, person.org_unit_path)
    )


def name_sight(viewer: Viewer, person: PersonSubject) -> Sight:
    """A resident's identity (name, roles, org unit) is not public: it shows to those who know
    them privately; a chief's or staff member's name shows to everyone."""
    if person.serves_publicly or knows_privately(viewer, person):
        return Sight.FULL
    return Sight.MASKED


def phone_sight(viewer: Viewer, person: PersonSubject) -> Sight:
    """In full to the person and to those who serve them; masked to whoever may see the
    name; hidden (null) otherwise, so a masked number never comes with a masked name."""
    if _is_self(viewer, person) or has_role_over(viewer.principal, SEEING, person.org_unit_path):
        return Sight.FULL
    if name_sight(viewer, person) is Sight.FULL:
        return Sight.MASKED
    return Sight.HIDDEN


def sees_party_membership(viewer: Viewer, person: PersonSubject) -> bool:
    """Private even for public servants: only those who know the person privately."""
    return knows_privately(viewer, person)


def person_view(viewer: Viewer, person: PersonSubject) -> PersonView:
    return PersonView(
        name=name_sight(viewer, person),
        phone=phone_sight(viewer, person),
        party_membership=sees_party_membership(viewer, person),
    )


def sees_care(viewer: Viewer, household: HouseholdSubject) -> bool:
    """Care level, needs and visit dates: the household itself and the chiefs and staff who
    care for it (a caring role over its unit). Department staff do not."""
    return _housemate(viewer, household.id) or has_role_over(
        viewer.principal, CARING, household.org_unit_path
    )


def sees_address(viewer: Viewer, household: HouseholdSubject) -> bool:
    """Where a household lives: the same people as its care data."""
    return sees_care(viewer, household)


def sees_members(viewer: Viewer, household: HouseholdSubject) -> bool:
    """Who lives together (household membership): the same people as its care data."""
    return sees_care(viewer, household)


def sees_household(viewer: Viewer, household: HouseholdSubject) -> bool:
    """A household is returned only to those who may see all of it; to anyone else it is
    not there (null), whichever path they came by."""
    return (
        sees_care(viewer, household)
        and sees_address(viewer, household)
        and sees_members(viewer, household)
    )


def lists_residents(viewer: Viewer, org_unit_path_with_self: Sequence[str]) -> bool:
    """Whether `OrgUnit.servedBy` may list residents' and volunteers' roles at a unit: only
    to those with a seeing role over it."""
    return has_role_over(viewer.principal, SEEING, org_unit_path_with_self)
