"""Search keys of people's names: full pinyin and pinyin initials, so that 张三 is found by
'zhangsan' and 'zs' as well as by '张' (the name itself)."""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTERS = re.compile(r"[a-z0-9]+")


def search_keys(name: str) -> list[str]:
    """The name's full pinyin and its initials, lower case without spaces ("zhangsan", "zs").

    A Latin name gives its letters and its words' initials ("Li Wei": "liwei", "lw"); a
    polyphonic character is read as pypinyin reads it in the name (单 in a name may be missed:
    the name itself still matches).
    """
    syllables = [
        word
        for part in lazy_pinyin(name, style=Style.NORMAL, errors="default")
        for word in _LETTERS.findall(part.lower())
    ]
    full = "".join(syllables)
    initials = "".join(s[0] for s in syllables)
    return [key for key in dict.fromkeys((full, initials)) if key]


def key_prefix(text: str) -> str | None:
    """The search-key form of what someone typed, or None when it holds Han characters (those
    match the name itself, not its pinyin: '张' must not find 章)."""
    if _HAN.search(text):
        return None
    prefix = "".join(_LETTERS.findall(text.lower()))
    return prefix or None
