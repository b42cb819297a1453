"""Likely duplicates: same org unit and category, open, recent, with a similar title, and,
when both were placed, near each other: a similar report on the same corner ranks first, one
across town is another problem (two burst pipes are two cases)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from grassroots_kit.geo import GeoPoint, distance_m

from grassroots_cases.domain.model import Case
from grassroots_cases.domain.search import tokens

WINDOW = timedelta(days=7)
SIMILARITY = 0.5
MAX_SUGGESTIONS = 5
# Two reports of one problem come from the same block; a phone's fix adds its error, counted
# up to a limit so one vague fix does not make the whole town "near".
NEARBY_M = 300.0
MAX_ACCURACY_SLACK_M = 200.0


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the titles' tokens (`domain.search.tokens`: words, Han bigrams;
    characters for one-token titles)."""
    left, right = tokens(a), tokens(b)
    if len(left) <= 1 and len(right) <= 1:
        left, right = set(a.replace(" ", "")), set(b.replace(" ", ""))
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def nearby(a: GeoPoint, b: GeoPoint) -> bool:
    slack = min(MAX_ACCURACY_SLACK_M, (a.accuracy_m or 0.0) + (b.accuracy_m or 0.0))
    return distance_m(a, b) <= NEARBY_M + slack


def likely_duplicates(
    title: str, candidates: Iterable[Case], at: GeoPoint | None = None
) -> list[Case]:
    """The similar cases, nearby ones first, then by similarity and age. A candidate placed far
    from `at` is left out; one without a point (or a report without one) is judged by text."""
    scored: list[tuple[bool, float, Case]] = []
    for case in candidates:
        placed_near = False
        if at is not None and case.location is not None:
            if not nearby(at, case.location):
                continue
            placed_near = True
        score = similarity(title, case.title)
        if score >= SIMILARITY:
            scored.append((placed_near, score, case))
    scored.sort(key=lambda t: (not t[0], -t[1], t[2].created_at))
    return [c for _, _, c in scored[:MAX_SUGGESTIONS]]
