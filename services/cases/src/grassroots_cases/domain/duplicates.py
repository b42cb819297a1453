"""Likely duplicates: same org unit and category, open, recent, with a similar title."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta

from grassroots_cases.domain.model import Case

WINDOW = timedelta(days=7)
SIMILARITY = 0.5
MAX_SUGGESTIONS = 5


# Han characters (CJK Unified Ideographs, extension A, compatibility ideographs).
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Chinese titles write house numbers both ways ("3号", "三号"): the digits map to one form.
_HAN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def _tokens(title: str) -> set[str]:
    """Words of Latin text, character bigrams of Han text.

    Chinese is written without spaces, so a title is one "word" and two reports of the same
    drain differing by a character never matched; overlapping character pairs are the usual
    segmenter-free unit for it (a run of one character is kept as itself).
    """
    tokens: set[str] = set()
    for word in re.findall(r"\w+", title.lower().translate(_HAN_DIGITS)):
        start = 0
        for run in _HAN.finditer(word):
            tokens |= _latin(word[start : run.start()])
            han = run.group()
            tokens |= {han[i : i + 2] for i in range(max(1, len(han) - 1))}
            start = run.end()
        tokens |= _latin(word[start:])
    return tokens


def _latin(word: str) -> set[str]:
    return {word} if len(word) > 1 or (word and not word.isascii()) else set()


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the titles' tokens (characters for one-token titles)."""
    left, right = _tokens(a), _tokens(b)
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
