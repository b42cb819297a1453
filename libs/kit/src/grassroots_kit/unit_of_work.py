"""The unit of work a handler depends on: its writes and their events commit together or not at all.

A handler never sees a MongoDB session or the `ServiceHost`. It receives a `UnitOfWork[Tx]` and
calls `await uow.run(work)`; `work(tx)` gets a service-defined transaction object `Tx` that holds
the repositories bound to this one transaction and collects the events to publish
(`tx.publish(...)`). The MongoDB implementation writes the events to the outbox in the same
transaction; the in-memory one, for fast handler tests, keeps them in `published` and undoes
every change to its state when `work` raises, so a test sees what production would commit.

A service's `Tx` subclasses `Transaction` and adds its repositories as attributes, e.g.

    @dataclass
    class CasesTx(Transaction):
        cases: CaseStore
        counters: CounterStore

The service builds the MongoDB binding once (`MongoUnitOfWork(host, bind)`, where
`bind(session)` returns a `CasesTx` with Mongo repositories on that session) and its tests build
`InMemoryUnitOfWork(state, bind)` over in-memory fakes that pass the same contract tests.
Consumers, which already run inside the consumer's transaction, call `uow.within(session, work)`
to use the same `Tx` shape without starting a second transaction.
"""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from grassroots_kit.messaging.envelope import CloudEvent

if TYPE_CHECKING:
    from grassroots_kit.host import ServiceHost
    from grassroots_kit.mongo import Session

T = TypeVar("T")
S = TypeVar("S")
TxT = TypeVar("TxT", bound="Transaction")
TxT_co = TypeVar("TxT_co", bound="Transaction", covariant=True)


@dataclass
class Transaction:
    """What every transaction object offers: a place for the events its changes produce.

    A dataclass whose one field is keyword-only with a default, so a service's `@dataclass`
    subclass adds its repositories as ordinary fields and still gets `events` set up.
    """

    events: list[CloudEvent] = field(default_factory=list, kw_only=True)

    def publish(self, events: Iterable[CloudEvent]) -> None:
        """Queue events; they are stored with the transaction's writes and published after."""
        self.events.extend(events)


class UnitOfWork(Protocol[TxT_co]):
    """Runs `work` atomically: its repository writes and published events, or nothing."""

    async def run(self, work: Callable[[TxT_co], Awaitable[T]]) -> T: ...


class MongoUnitOfWork(Generic[TxT]):
    """The production unit of work: one MongoDB transaction with the outbox (host.transaction)."""

    def __init__(self, host: ServiceHost, bind: Callable[[Session], TxT]) -> None:
        self._host = host
        self._bind = bind

    async def run(self, work: Callable[[TxT], Awaitable[T]]) -> T:
        return await self._host.transaction(lambda session: self.within(session, work))

    async def within(self, session: Session, work: Callable[[TxT], Awaitable[T]]) -> T:
        """Run `work` in a transaction someone else opened (a consumer's), outbox included."""
        from grassroots_kit.messaging.outbox import add_to_outbox

        tx = self._bind(session)
        result = await work(tx)
        await add_to_outbox(self._host.db, session, tx.events)
        return result


class InMemoryUnitOfWork(Generic[S, TxT]):
    """A unit of work over in-memory state, for handler tests in the fast lane.

    `state` is any object holding the fakes' data (a dataclass of dicts, say); it is deep-copied
    before each run and restored when `work` raises, so a failed handler leaves nothing behind,
    as a rolled-back transaction would. Events of committed runs accumulate in `published`.
    """

    def __init__(self, state: S, bind: Callable[[S], TxT]) -> None:
        self.state = state
        self._bind = bind
        self.published: list[CloudEvent] = []
        self.runs = 0

    async def run(self, work: Callable[[TxT], Awaitable[T]]) -> T:
        before = copy.deepcopy(self.state)
        tx = self._bind(self.state)
        try:
            result = await work(tx)
        except BaseException:
            self._restore(before)
            raise
        self.runs += 1
        self.published.extend(tx.events)
        return result

    def _restore(self, before: S) -> None:
        # Restore in place, so the state object every fake holds stays the same object. Fakes
        # must therefore keep a reference to the state object and reach its parts through it
        # (`self._state.cases[...]`), never keep a part (`self._cases = state.cases`).
        if hasattr(self.state, "__dict__"):
            self.state.__dict__.clear()
            self.state.__dict__.update(before.__dict__)
        else:
            self.state = before

    def published_types(self) -> list[str]:
        return [event.type for event in self.published]
