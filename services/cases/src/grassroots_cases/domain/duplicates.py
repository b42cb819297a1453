"""Likely duplicates: same org unit and category, open, recent, with a similar title."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from grassroots_cases.domain.model import Case
from grassroots_cases.domain.search import tokens

WINDOW = timedelta(days=7)
SIMILARITY = 0.5
MAX_SUGGESTIONS = 5


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the titles' tokens (`domain.search.tokens`: words, Han bigrams;
    characters for one-token titles)."""
    left, right = tokens(a), tokens(b)
    if len(left) <= 1 and len(right) <= 1:
        left, right = set(a.replace(" ", "")), set(b.replace(" ", ""))
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def likely_duplicates(title: str, candidates: Iterable[Case]) -> list[Case]:
    scored = [(similarity(title, c.title), c) for c in candidates]
    close = [pair for pair in scored if pair[0] >= SIMILARITY]
    close.sort(key=lambda pair: (-pair[0], pair[1].created_at))
    return [c for _, c in close[:MAX_SUGGESTIONS]]
