"""Reads for the graph: what the resolvers and the request's DataLoaders fetch, so that the
GraphQL layer never builds a store itself; they read through `PointsPorts`, so they run over
the MongoDB adapters or the in-memory fakes alike. Access is checked where it was, by the caller
of these functions (`domain.access`); these only fetch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from grassroots_kit.cursors import Page
from grassroots_kit.org_units import ProjectedOrgUnit

from grassroots_points.adapters.ledger import page_key as entry_key
from grassroots_points.adapters.rewards import RedemptionQuery, redemption_key, reward_key
from grassroots_points.domain.ledger import Account, Entry
from grassroots_points.domain.periods import Period
from grassroots_points.domain.rewards import Redemption, RedemptionStatus, Reward
from grassroots_points.domain.rules import PointRule
from grassroots_points.handlers.ports import PointsPorts

# The keyset of each list, for the connection's cursors.
__all__ = [
    "accounts_by_id",
    "community_rank",
    "entry_key",
    "ledger_page",
    "org_unit",
    "point_rules",
    "redemption_key",
    "redemption_page",
    "reward_key",
    "reward_page",
    "rewards_by_id",
]


async def accounts_by_id(ports: PointsPorts, ids: Sequence[str]) -> dict[str, Account]:
    return await ports.ledger.accounts(ids)


async def rewards_by_id(ports: PointsPorts, ids: Sequence[str]) -> dict[str, Reward]:
    return await ports.rewards.get_many(ids)


async def reward_page(
    ports: PointsPorts, within: str, only_active: bool, first: int, after: Sequence[Any] | None
) -> Page[Reward]:
    return await ports.rewards.page(within, only_active, first, after)


async def point_rules(ports: PointsPorts) -> list[PointRule]:
    return await ports.rules.all()


async def org_unit(ports: PointsPorts, unit_id: str) -> ProjectedOrgUnit | None:
    return await ports.org_units.get(unit_id)


async def redemption_page(
    ports: PointsPorts,
    person_id: str | None,
    within: str | None,
    status: RedemptionStatus | None,
    first: int,
    after: Sequence[Any] | None,
) -> Page[Redemption]:
    query = RedemptionQuery(person_id=person_id, within=within, status=status)
    return await ports.redemptions.page(query, first, after)


async def community_rank(
    ports: PointsPorts, person_id: str, path: Sequence[str], window: Period
) -> int | None:
    """The person's rank in the community their path runs through; None when unknown."""
    community = await ports.org_units.first_of_kind(path, "COMMUNITY")
    if community is None:  # a village stands on the community rung
        community = await ports.org_units.first_of_kind(path, "VILLAGE")
    if community is None:
        return None
    return await ports.standings.rank(person_id, community.id, window)


async def ledger_page(
    ports: PointsPorts, person_id: str, first: int, after: Sequence[Any] | None
) -> Page[Entry]:
    return await ports.ledger.page(person_id, first, after)
