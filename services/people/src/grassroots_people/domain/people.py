"""Residents and the households they live in."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from grassroots_kit.errors import BadUserInput, Conflict
from grassroots_kit.i18n import msg

from grassroots_people.domain.care import CareLevel
from grassroots_people.domain.ids import HouseholdId, OrgUnitId, PersonId
from grassroots_people.domain.org_units import OrgUnit, clean_name
from grassroots_people.domain.text import require_encodable

PHONE_LENGTH = 11
_PHONE = re.compile(r"^1\d{10}$")
MAX_ADDRESS_LENGTH = 200
MAX_NEEDS = 20


@dataclass(frozen=True)
class Household:
    id: HouseholdId
    address: str
    org_unit_id: OrgUnitId
    org_unit_path: tuple[OrgUnitId, ...]  # ancestors and the unit itself, root first
    care_level: CareLevel
    needs: tuple[str, ...]
    care_since: datetime  # when the care level was last set, or creation
    last_visit_at: datetime | None
    next_visit_due: datetime | None
    created_at: datetime


@dataclass(frozen=True)
class Person:
    id: PersonId
    name: str
    phone: str | None
    household_id: HouseholdId | None
    org_unit_id: OrgUnitId | None
    org_unit_path: tuple[OrgUnitId, ...]
    party_member: bool
    version: int
    created_at: datetime


def clean_phone(phone: str) -> str:
    cleaned = re.sub(r"[\s-]", "", require_encodable(phone, "phone"))
    if not _PHONE.match(cleaned):
        raise BadUserInput(msg("a phone number has 11 digits and starts with 1"), field="phone")
    return cleaned


def require_not_reserved(
    phone: str | None, held: str | None, reserved: str, *, platform_admin: bool = False
) -> None:
    """The bootstrap admin's phone is for platform admins only: nobody else may register with
    it or change to it (were it free at a restart, its holder used to be made admin)."""
    if phone is not None and phone == reserved and phone != held and not platform_admin:
        raise Conflict(
            msg("this phone number is reserved for the platform administrator"), field="phone"
        )


def clean_address(address: str) -> str:
    cleaned = " ".join(require_encodable(address, "address").split())
    if not cleaned:
        raise BadUserInput(msg("address must not be empty"), field="address")
    if len(cleaned) > MAX_ADDRESS_LENGTH:
        raise BadUserInput(
            msg(
                "address must be at most {max_address_length} characters",
                max_address_length=MAX_ADDRESS_LENGTH,
            ),
            field="address",
        )
    return cleaned


def clean_needs(needs: list[str]) -> tuple[str, ...]:
    cleaned = tuple(
        dict.fromkeys(require_encodable(n, "needs").strip() for n in needs if n.strip())
    )
    if len(cleaned) > MAX_NEEDS:
        raise BadUserInput(msg("at most {max_needs} needs", max_needs=MAX_NEEDS), field="needs")
    return cleaned


def new_household(
    *, id: HouseholdId, address: str, unit: OrgUnit, needs: list[str], now: datetime
) -> Household:
    return Household(
        id=id,
        address=clean_address(address),
        org_unit_id=unit.id,
        org_unit_path=unit.path_with_self,
        care_level=CareLevel.NONE,
        needs=clean_needs(needs),
        care_since=now,
        last_visit_at=None,
        next_visit_due=None,
        created_at=now,
    )


def new_person(
    *,
    id: PersonId,
    name: str,
    phone: str | None,
    household: Household | None,
    unit: OrgUnit | None,
    party_member: bool,
    now: datetime,
) -> Person:
    # Someone registered with neither (staff living elsewhere) is placed by their roles only.
    where = household.org_unit_path if household else unit.path_with_self if unit else ()
    return Person(
        id=id,
        name=clean_name(name),
        phone=clean_phone(phone) if phone else None,
        household_id=household.id if household else None,
        org_unit_id=where[-1] if where else None,
        org_unit_path=where,
        party_member=party_member,
        version=1,
        created_at=now,
    )


def moved_to(person: Person, household: Household) -> Person:
    if person.household_id == household.id:
        raise BadUserInput(msg("the person already lives in this household"), field="householdId")
    return replace(
        person,
        household_id=household.id,
        org_unit_id=household.org_unit_id,
        org_unit_path=household.org_unit_path,
        version=person.version + 1,
    )


def edited(
    person: Person, *, name: str | None, phone: str | None, party_member: bool | None
) -> Person:
    return replace(
        person,
        name=clean_name(name) if name is not None else person.name,
        phone=clean_phone(phone) if phone is not None else person.phone,
        party_member=party_member if party_member is not None else person.party_member,
        version=person.version + 1,
    )


def household_edited(
    household: Household, *, address: str | None, needs: list[str] | None
) -> Household:
    return replace(
        household,
        address=clean_address(address) if address is not None else household.address,
        needs=clean_needs(needs) if needs is not None else household.needs,
    )
