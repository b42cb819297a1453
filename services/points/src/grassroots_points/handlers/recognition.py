"""Leaderboards and the yearly list of outstanding neighbor chiefs."""

from __future__ import annotations

from dataclasses import dataclass

from grassroots_points.domain.periods import Period, year_period
from grassroots_points.domain.standings import Standing
from grassroots_points.domain.vocabulary import NEIGHBOR_CHIEF
from grassroots_points.handlers.ports import PointsPorts


@dataclass(frozen=True)
class Chief:
    person_id: str
    points: int
    handled_cases: int
    rank: int


async def leaderboard(
    ports: PointsPorts, org_unit_id: str, window: Period, first: int
) -> list[Standing]:
    return await ports.standings.top(org_unit_id, window, first)


async def outstanding_chiefs(
    ports: PointsPorts, org_unit_id: str, year: int, first: int
) -> list[Chief]:
    """Neighbor chiefs are those people's role events name, and those who handled a case in
    that role (so chiefs are found even before their role.assigned event arrives)."""
    window = year_period(year, ports.business_zone)
    assert window.since is not None
    assert window.until is not None
    seen = ports.handled
    chiefs = await ports.role_holders.holders(NEIGHBOR_CHIEF, org_unit_id)
    chiefs |= await seen.chiefs_who_handled(NEIGHBOR_CHIEF, org_unit_id, window.since, window.until)
    if not chiefs:
        return []
    top = await ports.standings.top(org_unit_id, window, first, among=chiefs)
    counts = await seen.handled_counts([s.person_id for s in top], window.since, window.until)
    return [Chief(s.person_id, s.points, counts.get(s.person_id, 0), s.rank) for s in top]
