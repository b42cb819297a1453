"""Readable case numbers: `WC-2026-000123`, unique per district and year.

A district's code is assigned once and stored (handlers/ports.py `DistrictCodeStore`): the
first candidate of `candidate_codes` no other district holds. Two districts whose names give
the same initials (望城区 and 望城县, both WC) get WC and WCX, never one shared series. Codes
stay two or three capital letters, the shape the published events promise (grassroots_contracts
case_events), so a fallback is a third letter, not a digit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pypinyin import Style, lazy_pinyin

_GENERIC = {"DISTRICT", "COUNTY", "CITY", "NEW", "AREA"}
_VOWELS = set("AEIOUV")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Administrative suffixes that say what a unit is, not which one (longest first).
_HAN_GENERIC = ("自治县", "自治旗", "新区", "林区", "特区", "区", "县", "市", "旗")
# Third letters of the fallbacks, X first: WCX reads as "the other WC".
_FALLBACK_LETTERS = "XYZABCDEFGHIJKLMNOPQRSTUVW"


def candidate_codes(name: str) -> Iterator[str]:
    """The codes a district may take, best first: its initials, then WCX, WCY, WCZ, WCA, ….

    A three-letter code falls back on its first two (雨花台区: YHT, then YHX, …). A fallback may
    be some other name's initials; the store's unique index still gives each code to one
    district, and that other district then takes a fallback of its own.
    """
    base = district_code(name)
    yield base
    for letter in _FALLBACK_LETTERS:
        code = base[:2] + letter
        if code != base:
            yield code


def district_code(name: str) -> str:
    """Initials of the district's name: of each word, or of each pinyin syllable.

    "Wangcheng District" → WC, "Shibei District" → SB, "Changsha County" → CS, 望城区 → WC,
    长沙县 → CS (pypinyin reads 长 in 长沙 as chang).
    """
    if _HAN.search(name):
        return _han_code(name)
    words = [w for w in re.findall(r"[A-Za-z]+", name.upper()) if w not in _GENERIC]
    if len(words) >= 2:
        return "".join(w[0] for w in words[:3])
    if not words:
        return "XX"
    syllables = _syllable_starts(words[0])
    return "".join(syllables[:2]) if len(syllables) >= 2 else words[0][:2].ljust(2, "X")


def _han_code(name: str) -> str:
    """Pinyin initials of up to three characters of the name, without its 区/县/市 suffix."""
    han = "".join(_HAN.findall(name))
    for suffix in _HAN_GENERIC:
        if han.endswith(suffix) and len(han) - len(suffix) >= 2:
            han = han[: -len(suffix)]
            break
    initials = [p[0] for p in lazy_pinyin(han[:3], style=Style.FIRST_LETTER) if p]
    return "".join(initials).upper().ljust(2, "X")


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
