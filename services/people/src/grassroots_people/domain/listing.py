"""What a list asks for and how its pages are keyed: the criteria of the paged lists.

The stores translate a query into their own terms (adapters); a page's cursor is the sort key
of its last item, which is what the `*_key` functions give.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from grassroots_people.domain.care import CareLevel
from grassroots_people.domain.commitments import Commitment
from grassroots_people.domain.ids import OrgUnitId
from grassroots_people.domain.org_units import OrgUnit, OrgUnitKind
from grassroots_people.domain.organizations import Organization, OrganizationKind
from grassroots_people.domain.people import Household, Person


@dataclass(frozen=True)
class OrgUnitQuery:
    parent_id: OrgUnitId | None = None
    within: OrgUnitId | None = None
    kind: OrgUnitKind | None = None
    name: str | None = None
    roots_only: bool = False


@dataclass(frozen=True)
class PersonQuery:
    within: str | None = None
    scope: Sequence[str] | None = None  # the caller may see only these subtrees; None: all
    name_prefix: str | None = None
    phone_prefix: str | None = None
    household_id: str | None = None
    party_member: bool | None = None


@dataclass(frozen=True)
class HouseholdQuery:
    within: str | None = None  # an org unit whose subtree (itself included) is searched
    scope: Sequence[str] | None = None  # the caller may see only these subtrees; None: all
    care_level: CareLevel | None = None
    overdue_at: datetime | None = None  # only those whose next visit was due by then
    address: str | None = None


@dataclass(frozen=True)
class OrganizationQuery:
    kind: OrganizationKind | None = None
    within: str | None = None
    paired_with: str | None = None
    name: str | None = None


def dated_key(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def org_unit_key(unit: OrgUnit) -> tuple[str, str]:
    return (unit.name, unit.id)


def person_key(person: Person) -> tuple[str, str]:
    return (person.name, person.id)


def household_key(household: Household, *, by_due: bool) -> tuple[str | None, str]:
    if by_due:
        return (dated_key(household.next_visit_due), household.id)
    return (household.address, household.id)


def organization_key(organization: Organization) -> tuple[str, str]:
    return (organization.name, organization.id)


def commitment_key(commitment: Commitment) -> tuple[str | None, str]:
    return (dated_key(commitment.due_by), commitment.id)
