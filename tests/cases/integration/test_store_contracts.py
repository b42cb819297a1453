"""The store contracts (`tests/cases/contract_stores.py`) over the MongoDB adapters."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from grassroots_cases.adapters.role_projection import Assignment, RoleProjection
from grassroots_cases.handlers.composition import cases_ports
from grassroots_cases.handlers.ports import ProjectionTx
from grassroots_cases.handlers.projections import mongo_binding
from grassroots_kit import org_units as org_unit_projection
from grassroots_kit.host import ServiceHost
from grassroots_kit.mongo import Session

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
from tests.cases.integration.conftest import Cases


class MongoHarness:
    def __init__(self, host: ServiceHost) -> None:
        self.host = host
        self.ports = cases_ports(host, clock=lambda: T0)

    async def add_unit(self, unit_id: str, kind: str, name: str, *path: str) -> None:
        await self.host.db[org_unit_projection.COLLECTION].insert_one(
            {
                "_id": unit_id,
                "kind": kind,
                "name": name,
                "parentId": path[-1] if path else None,
                "path": list(path),
                "version": 1,
            }
        )

    async def assign(self, assignment: Assignment, *, revoked: bool = False) -> None:
        roles = RoleProjection(self.host.db)

        async def work(session: Session) -> None:
            if revoked:
                await roles.revoked(assignment, {"revokedAt": "2001-01-01T00:00:00Z"}, session)
            else:
                await roles.assigned(assignment, {}, session)

        await self.host.transaction(work)

    async def project(self, work: Callable[[ProjectionTx], Awaitable[None]]) -> None:
        bind = mongo_binding(self.host.db)
        await self.host.transaction(lambda session: work(bind(session)))


@pytest.fixture
async def harness(cases: Cases) -> MongoHarness:
    return MongoHarness(cases.svc.host)


class TestMongoCaseStore(CaseStoreContract):
    pass


class TestMongoCounterStore(CounterStoreContract):
    pass


class TestMongoDistrictCodeStore(DistrictCodeStoreContract):
    pass


class TestMongoSlaPolicyStore(SlaPolicyStoreContract):
    pass


class TestMongoOrgUnitStore(OrgUnitStoreContract):
    pass


class TestMongoRoleStore(RoleStoreContract):
    pass


class TestMongoCaseQueries(CaseQueriesContract):
    pass


class TestMongoFollowStore(FollowStoreContract):
    pass
