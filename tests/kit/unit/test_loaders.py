"""By-id DataLoaders: one fetch per tick, answers in key order, None or [] for what is missing."""

import asyncio
from collections.abc import Sequence

from grassroots_kit.graphql.loaders import by_id, grouped

STORE = {"a": "Ann", "b": "Bo", "c": "Cy"}


async def test_a_tick_of_loads_is_one_fetch_answered_in_key_order_with_none_for_missing():
    fetched: list[list[str]] = []

    async def fetch(ids: Sequence[str]) -> dict[str, str]:
        fetched.append(list(ids))
        return {i: STORE[i] for i in ids if i in STORE}

    loader = by_id(fetch)
    got = await asyncio.gather(*(loader.load(k) for k in ["c", "x", "a"]))

    assert got == ["Cy", None, "Ann"]
    assert fetched == [["c", "x", "a"]]


async def test_grouped_gives_an_empty_list_for_a_key_with_nothing():
    async def fetch(ids: Sequence[str]) -> dict[str, list[int]]:
        return {"h1": [1, 2]}

    loader = grouped(fetch)

    assert await loader.load_many(["h2", "h1"]) == [[], [1, 2]]
