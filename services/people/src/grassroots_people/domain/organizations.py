"""Organizations that serve the ladder: red partners, departments, property companies…"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from grassroots_people.domain.ids import OrganizationId, OrgUnitId
from grassroots_people.domain.org_units import OrgUnit, clean_name


class OrganizationKind(StrEnum):
    RED_PARTNER = "RED_PARTNER"
    DEPARTMENT = "DEPARTMENT"
    PROPERTY_COMPANY = "PROPERTY_COMPANY"
    OWNERS_COMMITTEE = "OWNERS_COMMITTEE"
    SOCIAL_ORG = "SOCIAL_ORG"


@dataclass(frozen=True)
class Membership:
    """A person's membership of an organization."""

    organization_id: str
    person_id: str
    title: str | None
    since: datetime


@dataclass(frozen=True)
class Organization:
    id: OrganizationId
    kind: OrganizationKind
    name: str
    org_unit_id: OrgUnitId  # where it is registered; who manages that unit manages it
    org_unit_path: tuple[OrgUnitId, ...]
    created_at: datetime


def new_organization(
    *, id: OrganizationId, kind: OrganizationKind, name: str, unit: OrgUnit, now: datetime
) -> Organization:
    return Organization(
        id=id,
        kind=kind,
        name=clean_name(name),
        org_unit_id=unit.id,
        org_unit_path=unit.path_with_self,
        created_at=now,
    )
