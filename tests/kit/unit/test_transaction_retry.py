"""A transient transaction error is retried within its budget; any other error is not."""

from __future__ import annotations

from typing import Any

import pytest
from grassroots_kit import mongo
from grassroots_kit.mongo import in_transaction
from pymongo.errors import OperationFailure

from tests.kit.unit.test_commit_retry import FakeClient, FakeSession


def _conflict() -> OperationFailure:
    return OperationFailure(
        "write conflict", code=112, details={"errorLabels": ["TransientTransactionError"]}
    )


async def test_work_that_conflicts_is_run_again_until_it_commits():
    runs = 0

    async def work(session: Any) -> str:
        nonlocal runs
        runs += 1
        if runs < 3:
            raise _conflict()
        return "done"

    session = FakeSession(failures=0)
    assert await in_transaction(FakeClient(session), work) == "done"  # type: ignore[arg-type]
    assert runs == 3
    assert session.commits == 1


async def test_conflicts_stop_once_both_budgets_are_spent(monkeypatch):
    monkeypatch.setattr(mongo, "_TRANSACTION_ATTEMPTS", 4)
    monkeypatch.setattr(mongo, "_TRANSACTION_RETRY_SECONDS", 0.0)
    runs = 0

    async def work(session: Any) -> str:
        nonlocal runs
        runs += 1
        raise _conflict()

    with pytest.raises(OperationFailure):
        await in_transaction(FakeClient(FakeSession(failures=0)), work)  # type: ignore[arg-type]
    assert runs == 4


async def test_an_error_without_the_transient_label_is_not_retried():
    runs = 0

    async def work(session: Any) -> str:
        nonlocal runs
        runs += 1
        raise OperationFailure("duplicate key", code=11000)

    with pytest.raises(OperationFailure, match="duplicate key"):
        await in_transaction(FakeClient(FakeSession(failures=0)), work)  # type: ignore[arg-type]
    assert runs == 1
