"""The store contracts (tests/points/contracts.py) against the in-memory fakes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from grassroots_kit.org_units import ProjectedOrgUnit

from tests.points.contracts import CONTRACTS, Backend
from tests.points.fakes import HeldRole, fake_points


def fake_backend() -> Backend:
    points = fake_points()

    async def given_home(person_id: str, path: tuple[str, ...]) -> None:
        points.state.homes[person_id] = path

    async def given_role(
        assignment: str, person: str, role: str, path: tuple[str, ...], active: bool
    ) -> None:
        points.state.roles[assignment] = HeldRole(person, role, path, active)

    async def given_org_unit(unit: ProjectedOrgUnit) -> None:
        points.state.org_units[unit.id] = unit

    return Backend(
        uow=points.uow,
        replay_uow=points.ports.replay_uow,
        received=points.ports.received,
        standings=points.ports.standings,
        role_holders=points.ports.role_holders,
        handled=points.ports.handled,
        given_home=given_home,
        given_role=given_role,
        ledger=points.ports.ledger,
        rewards=points.ports.rewards,
        redemptions=points.ports.redemptions,
        rules=points.ports.rules,
        org_units=points.ports.org_units,
        given_org_unit=given_org_unit,
    )


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.__name__)
async def test_the_fakes_keep_the_store_contract(
    contract: Callable[[Backend], Awaitable[None]],
) -> None:
    await contract(fake_backend())
