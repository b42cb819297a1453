"""Likely duplicates: same org unit and category, open, recent, with a similar title."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta

from grassroots_cases.domain.model import Case

WINDOW = timedelta(days=7)
SIMILARITY = 0.5
MAX_SUGGESTIONS = 5


def _words(title: str) -> set[str]:
    return {w for w in re.findall(r"\w+", title.lower()) if len(w) > 1 or not w.isascii()}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the titles' words (characters for titles without spaces)."""
    left, right = _words(a), _words(b)
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
