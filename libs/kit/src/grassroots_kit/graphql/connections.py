"""Relay connections: opaque keyset cursors, page-size limits and the generic types."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Generic, TypeVar

import strawberry

from grassroots_kit import cursors
from grassroots_kit.cursors import Page as Page  # Strawberry-free, for stores; re-exported
from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import msg

T = TypeVar("T")
N = TypeVar("N")

DEFAULT_PAGE = 20
MAX_PAGE = 100


@strawberry.federation.type(shareable=True, description="Where a page sits in its list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="Items precede this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first edge.")
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last edge; pass as `after`."
    )


@strawberry.type(description="An item of a list and its cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Opaque position of this item.")
    node: T = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list.")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The items of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits.")
    total_count: int = strawberry.field(description="How many items the whole list holds.")


def encode_cursor(key: Sequence[Any]) -> str:
    raw = json.dumps(list(key), separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> list[Any]:
    """A cursor's positions, scalars only; the store checks them with `cursors.keyset`."""
    return list(cursors.decode_raw(cursor))


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE
    if not 0 <= first <= MAX_PAGE:
        raise BadUserInput(msg("`first` must be between 0 and {max}", max=MAX_PAGE), field="first")
    return first


def to_connection(
    page: Page[N], key: Callable[[N], Sequence[Any]], node: Callable[[N], T]
) -> Connection[T]:
    edges = [Edge(cursor=encode_cursor(key(item)), node=node(item)) for item in page.items]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=page.total_count,
    )


First = Annotated[int | None, strawberry.argument(description=f"Page size, at most {MAX_PAGE}.")]
After = Annotated[str | None, strawberry.argument(description="Cursor to continue after.")]
