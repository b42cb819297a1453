"""`in_transaction` under contention: a hot document (a case-number counter) written by many
concurrent transactions must not turn into an internal error while the conflicts last."""

from __future__ import annotations

import asyncio

from grassroots_kit.mongo import Session, create_client, in_transaction
from pymongo import ReturnDocument
from pymongo.errors import OperationFailure


def _write_conflict() -> OperationFailure:
    return OperationFailure(
        "WriteConflict error: this operation conflicted with another operation",
        code=112,
        details={"errorLabels": ["TransientTransactionError"], "codeName": "WriteConflict"},
    )


async def test_a_transaction_that_keeps_conflicting_is_retried_for_a_while(mongo_url: str):
    # given work that conflicts more times in a row than a fixed number of attempts allows
    client = create_client(mongo_url, app_name="test-transactions")
    calls = 0

    async def work(session: Session) -> str:
        nonlocal calls
        calls += 1
        if calls <= 12:
            raise _write_conflict()
        return "done"

    try:
        # when it runs, then it succeeds once the conflicts stop (within the time budget)
        assert await in_transaction(client, work) == "done"
        assert calls == 13
    finally:
        await client.close()


async def test_many_concurrent_increments_of_one_counter_all_commit(mongo_url: str, db_name: str):
    client = create_client(mongo_url, app_name="test-transactions")
    db = client[db_name]

    async def increment(session: Session) -> int:
        doc = await db["counters"].find_one_and_update(
            {"_id": "hot"},
            {"$inc": {"value": 1}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        await asyncio.sleep(0.01)  # the rest of a reporting transaction, holding the write
        assert doc is not None
        return int(doc["value"])

    try:
        await db.create_collection("counters")
        values = await asyncio.gather(*(in_transaction(client, increment) for _ in range(20)))
        assert sorted(values) == list(range(1, 21))
    finally:
        await client.drop_database(db_name)
        await client.close()
