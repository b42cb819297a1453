"""Readable case numbers: `WC-2026-000123`, unique per district and year."""

from __future__ import annotations

import re

_GENERIC = {"DISTRICT", "COUNTY", "CITY", "NEW", "AREA"}
_VOWELS = set("AEIOUV")


def district_code(name: str) -> str:
    """Initials of the district's name: of each word, or of each pinyin syllable of one word.

    "Wangcheng District" → WC, "Shibei District" → SB, "Changsha County" → CS.
    """
    words = [w for w in re.findall(r"[A-Za-z]+", name.upper()) if w not in _GENERIC]
    if len(words) >= 2:
        return "".join(w[0] for w in words[:3])
    if not words:
        return "XX"
    syllables = _syllable_starts(words[0])
    return "".join(syllables[:2]) if len(syllables) >= 2 else words[0][:2].ljust(2, "X")


def _syllable_starts(word: str) -> list[str]:
    """First letters of the syllables of a pinyin word (good enough for district names)."""
    starts = [word[0]]
    i = 1
    while i < len(word) and word[i] not in _VOWELS:
        i += 1
    while i < len(word):
        while i < len(word) and word[i] in _VOWELS:
            i += 1
        if i >= len(word):
            break
        coda_end = i
        if word.startswith("NG", i):
            coda_end = i + 2
        elif word[i] in "NR" and (i + 1 == len(word) or word[i + 1] not in _VOWELS):
            coda_end = i + 1
        if coda_end >= len(word):
            break
        starts.append(word[coda_end])
        i = coda_end + 1
        while i < len(word) and word[i] not in _VOWELS:
            i += 1
    return starts


def case_number(code: str, year: int, sequence: int) -> str:
    return f"{code}-{year}-{sequence:06d}"
