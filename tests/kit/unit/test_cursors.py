"""A cursor is client input: only the exact shape its list issues decodes."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from grassroots_kit import cursors
from grassroots_kit.cursors import Nullable
from grassroots_kit.errors import BadUserInput

AT = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def _forge(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def test_a_cursor_decodes_to_the_key_it_was_made_from():
    cursor = cursors.encode([AT, "case-1"])
    assert cursors.decode(cursor, datetime, str) == (AT, "case-1")


def test_a_nullable_position_accepts_null():
    assert cursors.decode(_forge([None, "x"]), Nullable(datetime), str) == (None, "x")


@pytest.mark.parametrize(
    "forged",
    [
        [{"$gt": ""}, "x"],  # an operator where a value goes
        ["2026-03-01T09:30:00+00:00", {"$ne": None}],
        [["a"], "x"],  # a list where a scalar goes
        ["2026-03-01T09:30:00+00:00"],  # too short
        ["2026-03-01T09:30:00+00:00", "x", "y"],  # too long
        [12345, "x"],  # a number where a timestamp goes
        ["2026-03-01T09:30:00", "x"],  # a timestamp without its zone
        ["not a time", "x"],
        ["2026-03-01T09:30:00+00:00", 7],  # a number where an id goes
        ["2026-03-01T09:30:00+00:00", True],
        {"after": "x"},
        "just a string",
    ],
)
def test_anything_but_the_exact_shape_is_an_invalid_cursor(forged: Any):
    with pytest.raises(BadUserInput, match="invalid cursor") as raised:
        cursors.decode(_forge(forged), datetime, str)
    assert raised.value.extensions == {"code": "BAD_USER_INPUT", "field": "after"}


@pytest.mark.parametrize("cursor", ["%%%", "bm90IGpzb24", "e30", "A" * 600, "YQ"])
def test_text_that_is_no_cursor_is_invalid(cursor: str):
    with pytest.raises(BadUserInput, match="invalid cursor"):
        cursors.decode(cursor, str, str)


def test_a_bool_is_not_an_int():
    with pytest.raises(BadUserInput):
        cursors.decode(_forge([True]), int)
    assert cursors.decode(_forge([3]), int) == (3,)
