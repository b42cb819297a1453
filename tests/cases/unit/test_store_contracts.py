"""The store contracts (`tests/cases/contract_stores.py`) over the in-memory fakes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from grassroots_cases.adapters.role_projection import Assignment
from grassroots_cases.handlers.ports import ProjectionTx

from tests.cases.contract_stores import (
    T0,
    CaseQueriesContract,
    CaseStoreContract,
    CounterStoreContract,
    DistrictCodeStoreContract,
    FollowStoreContract,
    OrgUnitStoreContract,
    RoleStoreContract,
    SlaPolicyStoreContract,
)
from tests.cases.fakes import FakeCases, FixedClock, bind_projection


class FakeHarness:
    def __init__(self) -> None:
        self.fakes = FakeCases.new(FixedClock(T0))
        self.ports = self.fakes.ports

    async def add_unit(self, unit_id: str, kind: str, name: str, *path: str) -> None:
        self.fakes.add_unit(unit_id, kind, name, *path)

    async def assign(self, assignment: Assignment, *, revoked: bool = False) -> None:
        self.fakes.assign(assignment, revoked=revoked)

    async def project(self, work: Callable[[ProjectionTx], Awaitable[None]]) -> None:
        await work(bind_projection(self.fakes.state))


@pytest.fixture
def harness() -> FakeHarness:
    return FakeHarness()


class TestFakeCaseStore(CaseStoreContract):
    pass


class TestFakeCounterStore(CounterStoreContract):
    pass


class TestFakeDistrictCodeStore(DistrictCodeStoreContract):
    pass


class TestFakeSlaPolicyStore(SlaPolicyStoreContract):
    pass


class TestFakeOrgUnitStore(OrgUnitStoreContract):
    pass


class TestFakeRoleStore(RoleStoreContract):
    pass


class TestFakeCaseQueries(CaseQueriesContract):
    pass


class TestFakeFollowStore(FollowStoreContract):
    pass
