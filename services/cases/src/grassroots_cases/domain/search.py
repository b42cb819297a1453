"""The words of a case's text, as text search and duplicate hints read them.

Chinese is written without spaces, so a title is one "word" to a tokenizer that splits on them;
overlapping character pairs (bigrams) are the usual segmenter-free unit for it. Latin text is
split into lower-cased words. House numbers are written both ways in Chinese ("3号", "三号"):
the Han digits map to one form first.

A case stores `search_terms(title, description)`: its words, its bigrams and also each Han
character alone, so that a one-character query (a Han run of one is kept as itself) finds it.
A search matches the cases holding every term of `query_terms(text)`.
"""

from __future__ import annotations

import re

from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import msg

# Han characters (CJK Unified Ideographs, extension A, compatibility ideographs).
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_HAN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
MAX_QUERY_LENGTH = 100


def tokens(text: str) -> set[str]:
    """Words of Latin text (two letters or more, or any non-ASCII letter), character bigrams of
    Han text (a run of one character is kept as itself)."""
    found: set[str] = set()
    for word in re.findall(r"\w+", text.lower().translate(_HAN_DIGITS)):
        start = 0
        for run in _HAN.finditer(word):
            found |= _latin(word[start : run.start()])
            han = run.group()
            found |= {han[i : i + 2] for i in range(max(1, len(han) - 1))}
            start = run.end()
        found |= _latin(word[start:])
    return found


def _latin(word: str) -> set[str]:
    return {word} if len(word) > 1 or (word and not word.isascii()) else set()


def search_terms(*texts: str) -> list[str]:
    """What a case is found by: the tokens of its texts and each of their Han characters,
    sorted (one stable list per text)."""
    terms: set[str] = set()
    for text in texts:
        terms |= tokens(text)
        terms |= set("".join(_HAN.findall(text.translate(_HAN_DIGITS))))
    return sorted(terms)


def query_terms(text: str) -> list[str]:
    """The terms a case must all hold to match `text`; BAD_USER_INPUT (field `text`) when the
    text is too long or has nothing to look for."""
    if len(text) > MAX_QUERY_LENGTH:
        raise BadUserInput(
            msg("search text is at most {limit} characters", limit=MAX_QUERY_LENGTH),
            field="text",
        )
    terms = sorted(tokens(text))
    if not terms:
        raise BadUserInput(
            msg("search text needs a Chinese character or a word of two letters or more"),
            field="text",
        )
    return terms
