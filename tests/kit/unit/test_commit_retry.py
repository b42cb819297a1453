"""An unknown commit result is retried within a budget, then reported, never forever."""

from __future__ import annotations

import time
from typing import Any

import pytest
from grassroots_kit import mongo
from grassroots_kit.mongo import CommitOutcomeUnknown, in_transaction
from pymongo.errors import OperationFailure


def _unknown_commit() -> OperationFailure:
    return OperationFailure(
        "operation was interrupted",
        code=11602,
        details={"errorLabels": ["UnknownTransactionCommitResult"]},
    )


class FakeSession:
    """A session whose commit never learns its outcome (as while MongoDB is down)."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.commits = 0
        self.in_transaction = False

    async def __aenter__(self) -> FakeSession:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    async def start_transaction(self, **_: Any) -> None:
        self.in_transaction = True

    async def abort_transaction(self) -> None:
        self.in_transaction = False

    async def commit_transaction(self) -> None:
        self.commits += 1
        if self.commits <= self.failures:
            raise _unknown_commit()
        self.in_transaction = False


class FakeClient:
    def __init__(self, session: FakeSession) -> None:
        self.session = session

    def start_session(self) -> FakeSession:
        return self.session


async def _work(session: Any) -> str:
    return "done"


async def test_a_commit_that_never_learns_its_outcome_ends_with_a_typed_error(monkeypatch):
    # given a database that answers every commit with UnknownTransactionCommitResult
    monkeypatch.setattr(mongo, "COMMIT_RETRY_SECONDS", 0.5)
    session = FakeSession(failures=10**9)
    started = time.monotonic()
    # when a transaction commits, then it gives up within the budget with a typed error
    with pytest.raises(CommitOutcomeUnknown):
        await in_transaction(FakeClient(session), _work)  # type: ignore[arg-type]
    assert time.monotonic() - started < 2.0
    assert 1 < session.commits <= mongo.COMMIT_ATTEMPTS


async def test_the_attempts_are_bounded_even_when_time_remains(monkeypatch):
    monkeypatch.setattr(mongo, "COMMIT_ATTEMPTS", 3)
    session = FakeSession(failures=10**9)
    with pytest.raises(CommitOutcomeUnknown):
        await in_transaction(FakeClient(session), _work)  # type: ignore[arg-type]
    assert session.commits == 3


async def test_an_unknown_result_that_clears_is_retried_to_success():
    session = FakeSession(failures=2)
    assert await in_transaction(FakeClient(session), _work) == "done"  # type: ignore[arg-type]
    assert session.commits == 3


def test_consumers_see_an_unknown_outcome_as_an_outage_not_a_poison_message():
    from pymongo.errors import ConnectionFailure

    assert issubclass(CommitOutcomeUnknown, ConnectionFailure)
