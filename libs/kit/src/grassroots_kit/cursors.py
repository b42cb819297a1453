"""Keyset cursors: the position after which a page continues, opaque to clients.

A cursor comes back from the client, so it is input like any other: a decoded cursor must have
exactly the shape its list expects (so many positions, each of one scalar type) or the request is
refused with BAD_USER_INPUT "invalid cursor". Nothing decoded from a cursor can be an object or
a list, so it can never turn into a query operator.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import msg

Scalar = str | int | float | bool | None
# The longest cursor we issue is a timestamp and an id (~80 characters once encoded); anything
# much longer is not ours and is refused before decoding.
MAX_CURSOR_CHARS = 512

N = TypeVar("N")


@dataclass(frozen=True)
class Page(Generic[N]):
    """A page fetched with one extra item to learn whether more follow. Plain data, no
    Strawberry: stores return it, `grassroots_kit.graphql.connections` turns it into a
    Connection."""

    items: Sequence[N]
    has_next: bool
    has_previous: bool
    total_count: int


@dataclass(frozen=True)
class Nullable:
    """A position that may be null (a sort field some documents lack)."""

    kind: type[str] | type[int] | type[datetime]


Kind = type[str] | type[int] | type[datetime] | Nullable


def invalid() -> BadUserInput:
    return BadUserInput(
        msg("invalid cursor: pass `after` a cursor this list returned"), field="after"
    )


def encode(key: Sequence[Any]) -> str:
    values = [v.isoformat() if isinstance(v, datetime) else v for v in key]
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_raw(cursor: str) -> list[Scalar]:
    """The positions of a cursor, each a JSON scalar; anything else is an invalid cursor."""
    if len(cursor) > MAX_CURSOR_CHARS:
        raise invalid()
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise invalid() from None
    if not isinstance(value, list) or not all(_is_scalar(v) for v in value):
        raise invalid()
    return value


def keyset(raw: Sequence[Any], *shape: Kind) -> tuple[Any, ...]:
    """`raw` checked against `shape`, one kind per position; timestamps are parsed."""
    if isinstance(raw, str | bytes) or len(raw) != len(shape):
        raise invalid()
    return tuple(_position(value, kind) for value, kind in zip(raw, shape, strict=True))


def decode(cursor: str, *shape: Kind) -> tuple[Any, ...]:
    return keyset(decode_raw(cursor), *shape)


def _is_scalar(value: object) -> bool:
    return value is None or type(value) in (str, int, float, bool)


def _position(value: object, kind: Kind) -> Any:
    if isinstance(kind, Nullable):
        return None if value is None else _position(value, kind.kind)
    if kind is datetime:
        if type(value) is not str:
            raise invalid()
        try:
            at = datetime.fromisoformat(value)
        except ValueError:
            raise invalid() from None
        if at.tzinfo is None:
            raise invalid()
        return at
    # Exact types: a bool is not an int here, and no number passes for a string.
    if type(value) is not kind:
        raise invalid()
    return value
