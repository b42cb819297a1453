"""Per-request DataLoaders built from one batched fetch: a list of references costs one query.

`fetch` takes the keys a tick of resolvers asked for and returns what it found keyed by them
(one `$in` query); the loader hands each key back its own value, None (or an empty list)
where nothing was found, in the order the keys were asked. Build loaders per request: a
DataLoader caches what it loaded for as long as it lives.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Mapping, Sequence
from typing import TypeVar

from strawberry.dataloader import DataLoader

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def by_id(fetch: Callable[[Sequence[K]], Awaitable[Mapping[K, V]]]) -> DataLoader[K, V | None]:
    """One value per key, None for a key that has none."""

    async def load(keys: Sequence[K]) -> list[V | None]:
        found = await fetch(keys)
        return [found.get(k) for k in keys]

    return DataLoader(load_fn=load)


def grouped(
    fetch: Callable[[Sequence[K]], Awaitable[Mapping[K, list[V]]]],
) -> DataLoader[K, list[V]]:
    """A list per key (a household's members, a person's roles), empty for a key with none."""

    async def load(keys: Sequence[K]) -> list[list[V]]:
        found = await fetch(keys)
        return [found.get(k, []) for k in keys]

    return DataLoader(load_fn=load)
