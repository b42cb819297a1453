"""Loading what a use case acts on inside its transaction, or NotFound naming the input field."""

from __future__ import annotations

from grassroots_kit.errors import NotFound
from grassroots_kit.i18n import msg

from grassroots_people.domain.org_units import OrgUnit
from grassroots_people.domain.people import Household, Person
from grassroots_people.handlers.ports import PeopleTx


async def unit_in(tx: PeopleTx, unit_id: str, field: str = "orgUnitId") -> OrgUnit:
    unit = await tx.org_units.get(unit_id)
    if unit is None:
        raise NotFound(msg("no org unit with id {unit_id}", unit_id=unit_id), field=field)
    return unit


async def person_in(tx: PeopleTx, person_id: str, field: str = "personId") -> Person:
    person = await tx.persons.get(person_id)
    if person is None:
        raise NotFound(msg("no person with id {person_id}", person_id=person_id), field=field)
    return person


async def household_in(tx: PeopleTx, household_id: str, field: str = "householdId") -> Household:
    household = await tx.households.get(household_id)
    if household is None:
        raise NotFound(
            msg("no household with id {household_id}", household_id=household_id), field=field
        )
    return household
