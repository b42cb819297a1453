"""The MongoDB adapters keep the store contracts (tests/people/contracts.py), as the fakes do."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from grassroots_people.adapters.households import HouseholdStore
from grassroots_people.adapters.persons import PersonStore
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


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
async def test_mongodb_stores_keep_the_contract(
    people: RunningService, check: Callable[[Harness], Awaitable[None]]
):
    await check(MongoHarness(people))
