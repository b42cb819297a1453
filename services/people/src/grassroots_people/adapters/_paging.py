"""Keyset paging over one sort field and `_id`, shared by the stores."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from grassroots_kit import cursors
from grassroots_kit.cursors import Page
from grassroots_kit.mongo import Document
from pymongo.asynchronous.collection import AsyncCollection

T = TypeVar("T")


async def keyset_page(
    collection: AsyncCollection[Document],
    query: Document,
    *,
    field: str,
    first: int,
    after: Sequence[Any] | None,
    from_doc: Callable[[Document], T],
    dated: bool = False,
    collation: Document | None = None,
) -> Page[T]:
    """One page sorted by (`field`, `_id`) ascending: one find and one count.

    With a `collation`, the sort and the cursor's comparisons both follow it.
    """
    paged = dict(query)
    if after is not None:
        kind = cursors.Nullable(datetime if dated else str)
        value, last_id = cursors.keyset(after, kind, str)
        paged = {
            "$and": [
                query,
                {"$or": [{field: {"$gt": value}}, {field: value, "_id": {"$gt": last_id}}]},
            ]
        }
    found = collection.find(paged, collation=collation)
    docs = [doc async for doc in found.sort([(field, 1), ("_id", 1)]).limit(first + 1)]
    total = await collection.count_documents(query, collation=collation)
    return Page(
        items=[from_doc(d) for d in docs[:first]],
        has_next=len(docs) > first,
        has_previous=after is not None,
        total_count=total,
    )


def rebase_path(field: str, unit_id: str, new_prefix: Sequence[str]) -> list[Document]:
    """An update pipeline replacing everything above `unit_id` in the array `field`."""
    return [
        {
            "$set": {
                field: {
                    "$concatArrays": [
                        list(new_prefix),
                        {
                            "$slice": [
                                f"${field}",
                                {"$indexOfArray": [f"${field}", unit_id]},
                                {"$size": f"${field}"},
                            ]
                        },
                    ]
                }
            }
        }
    ]
