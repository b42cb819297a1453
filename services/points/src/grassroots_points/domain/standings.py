"""Leaderboard standings: who earned how much in a subtree and period, ranked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Standing:
    person_id: str
    points: int
    rank: int


def ranked(totals: Iterable[tuple[str, int]]) -> list[Standing]:
    """Standings from (person, points) already sorted best first; ties share a rank (1, 2, 2, 4)."""
    standings: list[Standing] = []
    for position, (person_id, points) in enumerate(totals, start=1):
        tied = standings and standings[-1].points == points
        rank = standings[-1].rank if tied else position
        standings.append(Standing(person_id, points, rank))
    return standings
