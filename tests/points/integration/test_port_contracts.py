"""The store contracts (tests/points/contracts.py) against the MongoDB adapters, as
handlers/composition.py wires them: the same assertions the in-memory fakes pass."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from grassroots_kit.mongo import ensure_collections, ensure_indexes, in_transaction
from grassroots_kit.org_units import COLLECTION as ORG_UNITS
from grassroots_kit.org_units import ProjectedOrgUnit
from grassroots_points.adapters.people_projection import PEOPLE, ROLES
from grassroots_points.handlers.composition import compose
from grassroots_points.settings import PointsSettings
from grassroots_points.storage import COLLECTIONS, INDEXES

from tests.points.contracts import CONTRACTS, Backend


class _Host:
    """What compose and MongoUnitOfWork use of a ServiceHost: its database, its transactions
    and its settings (the business time zone)."""

    def __init__(self, db: Any) -> None:
        self.db = db
        self.settings = PointsSettings()

    async def transaction(self, work: Callable[[Any], Awaitable[Any]]) -> Any:
        return await in_transaction(self.db.client, work)


@pytest.fixture
async def mongo_backend(mongo_client: Any, db_name: str) -> AsyncIterator[Backend]:
    db = mongo_client[db_name]
    await ensure_collections(db, COLLECTIONS)
    await ensure_indexes(db, INDEXES)
    wired = compose(_Host(db))  # type: ignore[arg-type]

    async def given_home(person_id: str, path: tuple[str, ...]) -> None:
        await db[PEOPLE].insert_one({"_id": person_id, "orgUnitPath": list(path), "version": 1})

    async def given_role(
        assignment: str, person: str, role: str, path: tuple[str, ...], active: bool
    ) -> None:
        fields = {"personId": person, "role": role, "orgUnitPath": list(path), "active": active}
        await db[ROLES].insert_one({"_id": assignment, **fields})

    async def given_org_unit(unit: ProjectedOrgUnit) -> None:
        fields = {"kind": unit.kind, "name": unit.name, "path": list(unit.path)}
        await db[ORG_UNITS].insert_one({"_id": unit.id, **fields, "parentId": unit.parent_id})

    try:
        yield Backend(
            uow=wired.ports.uow,
            replay_uow=wired.ports.replay_uow,
            received=wired.ports.received,
            standings=wired.ports.standings,
            role_holders=wired.ports.role_holders,
            handled=wired.ports.handled,
            given_home=given_home,
            given_role=given_role,
            ledger=wired.ports.ledger,
            rewards=wired.ports.rewards,
            redemptions=wired.ports.redemptions,
            rules=wired.ports.rules,
            org_units=wired.ports.org_units,
            given_org_unit=given_org_unit,
        )
    finally:
        await mongo_client.drop_database(db_name)


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.__name__)
async def test_the_mongodb_adapters_keep_the_store_contract(
    mongo_backend: Backend, contract: Callable[[Backend], Awaitable[None]]
) -> None:
    await contract(mongo_backend)
