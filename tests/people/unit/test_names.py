"""Search keys of names: full pinyin and initials, and what a typed prefix is compared with."""

from __future__ import annotations

import pytest
from grassroots_people.domain.names import key_prefix, search_keys


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("张三", ["zhangsan", "zs"]),
        ("欧阳娜娜", ["ouyangnana", "oynn"]),
        ("王 小明", ["wangxiaoming", "wxm"]),
        ("Li Wei", ["liwei", "lw"]),
        ("A", ["a"]),  # one letter: full and initials are one key
        ("", []),
    ],
)
def test_a_name_has_its_pinyin_and_initials_as_keys(name: str, keys: list[str]):
    assert search_keys(name) == keys


@pytest.mark.parametrize(
    ("typed", "prefix"),
    [("Zhang San", "zhangsan"), ("z s", "zs"), ("ZS", "zs"), ("张", None), ("zhang三", None)],
)
def test_typed_text_compares_with_the_keys_in_their_form_unless_it_holds_han(
    typed: str, prefix: str | None
):
    assert key_prefix(typed) == prefix


def test_what_is_not_a_letter_or_digit_is_no_prefix():
    assert key_prefix(" - ") is None
