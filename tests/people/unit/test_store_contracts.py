"""The in-memory fakes keep the store contracts (tests/people/contracts.py), as MongoDB does."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from grassroots_people.domain.org_units import OrgUnit
from grassroots_people.domain.organizations import Organization
from grassroots_people.domain.people import Household, Person

from tests.people.contracts import CHECKS, Harness
from tests.people.fakes import FakePeople


class FakeHarness:
    def __init__(self) -> None:
        self.fake = FakePeople.create()
        self.ports = self.fake.ports

    async def seed_person(self, person: Person) -> None:
        self.fake.state.persons[person.id] = person

    async def seed_household(self, household: Household) -> None:
        self.fake.state.households[household.id] = household

    async def password_hash_of(self, person_id: str) -> str | None:
        return self.fake.state.password_hashes.get(person_id)

    async def seed_org_unit(self, unit: OrgUnit) -> None:
        self.fake.state.org_units[unit.id] = unit

    async def seed_organization(self, organization: Organization, paired: list[str]) -> None:
        self.fake.state.organizations[organization.id] = organization
        self.fake.state.paired_units[organization.id] = set(paired)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
async def test_fake_stores_keep_the_contract(check: Callable[[Harness], Awaitable[None]]):
    await check(FakeHarness())
