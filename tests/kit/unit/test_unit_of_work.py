"""The in-memory unit of work behaves as a transaction: all of a run, or nothing of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.unit_of_work import InMemoryUnitOfWork, Transaction


@dataclass
class State:
    counts: dict[str, int] = field(default_factory=dict)


class Counts:
    def __init__(self, state: State) -> None:
        self._state = state

    def bump(self, key: str) -> int:
        self._state.counts[key] = self._state.counts.get(key, 0) + 1
        return self._state.counts[key]


class Tx(Transaction):
    def __init__(self, state: State) -> None:
        super().__init__()
        self.counts = Counts(state)


def _event(n: int) -> CloudEvent:
    return CloudEvent(
        id=f"e{n}", type="thing.counted", source="test", subject=str(n),
        time=datetime.now(UTC), data={"n": n},
    )  # fmt: skip


async def test_a_committed_run_keeps_its_writes_and_events() -> None:
    uow = InMemoryUnitOfWork(State(), Tx)

    async def work(tx: Tx) -> int:
        n = tx.counts.bump("a")
        tx.publish([_event(n)])
        return n

    assert await uow.run(work) == 1
    assert await uow.run(work) == 2
    assert uow.state.counts == {"a": 2}
    assert uow.published_types() == ["thing.counted", "thing.counted"]
    assert uow.runs == 2


async def test_a_failed_run_leaves_nothing_behind() -> None:
    uow = InMemoryUnitOfWork(State(counts={"a": 5}), Tx)
    state = uow.state

    async def work(tx: Tx) -> None:
        tx.counts.bump("a")
        tx.counts.bump("b")
        tx.publish([_event(1)])
        raise ValueError("refused")

    with pytest.raises(ValueError, match="refused"):
        await uow.run(work)
    assert uow.state is state
    assert state.counts == {"a": 5}
    assert uow.published == []
    assert uow.runs == 0
