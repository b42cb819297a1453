"""A unit of work that says MongoDB's concurrency failures in the domain's words.

Reprocessing runs beside the live consumer and must tell "conflicted, try again" and "already
awarded" apart from real failures; that reading of pymongo's errors belongs here, not in the
use case.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from grassroots_kit.unit_of_work import Transaction, UnitOfWork
from pymongo.errors import BulkWriteError, DuplicateKeyError, OperationFailure

from grassroots_points.domain.concurrency import AlreadyRecorded, WriteConflict

T = TypeVar("T")
TxT = TypeVar("TxT", bound=Transaction)


class TranslatingUnitOfWork(Generic[TxT]):
    """Runs `work` through `inner`, raising WriteConflict for a transaction still conflicting
    after the inner retries and AlreadyRecorded for a unique key another writer took first."""

    def __init__(self, inner: UnitOfWork[TxT]) -> None:
        self._inner = inner

    async def run(self, work: Callable[[TxT], Awaitable[T]]) -> T:
        try:
            return await self._inner.run(work)
        except DuplicateKeyError as exc:
            raise AlreadyRecorded(str(exc)) from exc
        except BulkWriteError as exc:
            # Awards are inserted many at once, whose duplicate key comes as a bulk error.
            if _only_duplicate_keys(exc):
                raise AlreadyRecorded(str(exc)) from exc
            raise
        except OperationFailure as exc:
            if exc.has_error_label("TransientTransactionError"):
                raise WriteConflict(str(exc)) from exc
            raise


_DUPLICATE_KEY = 11000


def _only_duplicate_keys(exc: BulkWriteError) -> bool:
    errors = exc.details.get("writeErrors", [])
    return bool(errors) and all(e.get("code") == _DUPLICATE_KEY for e in errors)
