"""The MongoDB adapters keep the store contracts (tests/people/contracts.py), as the fakes do."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from grassroots_kit.mongo import Session
from grassroots_people.adapters.credentials import CredentialStore
from grassroots_people.adapters.households import HouseholdStore
from grassroots_people.adapters.org_units import OrgUnitStore
from grassroots_people.adapters.organizations import OrganizationStore
from grassroots_people.adapters.persons import PersonStore
from grassroots_people.domain.org_units import OrgUnit
from grassroots_people.domain.organizations import Organization
from grassroots_people.domain.people import Household, Person

from tests.people.contracts import CHECKS, Harness
from tests.support.apps import RunningService


class MongoHarness:
    def __init__(self, service: RunningService) -> None:
        self._host = service.host
        # the ports the running service composed: MongoDB adapters behind a MongoUnitOfWork
        self.ports = service.app.state.runtime.ports

    async def seed_person(self, person: Person) -> None:
        store = PersonStore(self._host.db)
        await self._host.transaction(lambda session: store.insert_many([person], session))

    async def seed_household(self, household: Household) -> None:
        store = HouseholdStore(self._host.db)
        await self._host.transaction(lambda session: store.insert_many([household], session))

    async def password_hash_of(self, person_id: str) -> str | None:
        return await CredentialStore(self._host.db).password_hash(person_id)

    async def seed_org_unit(self, unit: OrgUnit) -> None:
        store = OrgUnitStore(self._host.db)
        await self._host.transaction(lambda session: store.insert(unit, session))

    async def seed_organization(self, organization: Organization, paired: list[str]) -> None:
        store = OrganizationStore(self._host.db)

        async def work(session: Session) -> None:
            await store.insert(organization, session)
            for unit_id in paired:
                await store.pair(organization.id, unit_id, session)

        await self._host.transaction(work)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
async def test_mongodb_stores_keep_the_contract(
    people: RunningService, check: Callable[[Harness], Awaitable[None]]
):
    await check(MongoHarness(people))
