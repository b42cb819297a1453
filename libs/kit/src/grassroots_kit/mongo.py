"""MongoDB plumbing: a durable client, transactions with retry, and declared indexes."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pymongo import AsyncMongoClient, IndexModel, UpdateOne, monitoring
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import ConnectionFailure, OperationFailure, PyMongoError
from pymongo.read_concern import ReadConcern
from pymongo.write_concern import WriteConcern
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    stop_all,
    stop_before_delay,
    wait_exponential,
    wait_random_exponential,
)

from grassroots_kit import tracing
from grassroots_kit.metrics import MONGODB_COMMAND_FAILURES, MONGODB_COMMANDS

Document = dict[str, Any]
Database = AsyncDatabase[Document]
Session = AsyncClientSession
T = TypeVar("T")

log = logging.getLogger(__name__)

MAJORITY = WriteConcern(w="majority")
# A transient error (a write conflict on a hot document such as a counter) is retried at least
# this many times, and for as long as this budget lasts: under load a burst of conflicting
# transactions can outlast any fixed number of quick attempts.
_TRANSACTION_ATTEMPTS = 8
_TRANSACTION_RETRY_SECONDS = 10.0
# A commit whose outcome is unknown (the primary stepped down, the network dropped the answer)
# is safe to retry, but not forever: during an outage every mutation would hang with it. A
# failover elects a new primary within ~12 s (electionTimeoutMillis 10 s plus the vote), so the
# retries last a little longer than that and then give up with `CommitOutcomeUnknown`.
COMMIT_RETRY_SECONDS = 15.0
COMMIT_ATTEMPTS = 50


class CommitOutcomeUnknown(ConnectionFailure):
    """The database never confirmed nor refused a commit within the retry budget: the change
    may or may not have been applied. Callers must re-read before retrying the whole command.
    A `ConnectionFailure`, so consumers treat it as an outage (keep the message and wait; their
    processed markers make the retry safe) rather than as a poison message."""


def create_client(url: str, *, app_name: str, timeout_ms: int = 5000) -> AsyncMongoClient[Document]:
    """A client whose every write waits for a majority: acknowledged writes survive failover.

    Its commands are counted and timed in /metrics, and traced when tracing is on.
    """
    return AsyncMongoClient(
        url,
        appname=app_name,
        w="majority",
        readConcernLevel="majority",
        serverSelectionTimeoutMS=timeout_ms,
        connectTimeoutMS=timeout_ms,
        tz_aware=True,
        uuidRepresentation="standard",
        event_listeners=[CommandMetrics(app_name), *tracing.mongo_listeners()],
    )


class CommandMetrics(monitoring.CommandListener):
    """Latency of every command and a count of failed ones, labelled by command name."""

    def __init__(self, service: str) -> None:
        self._service = service

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        pass

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        MONGODB_COMMANDS.labels(self._service, event.command_name).observe(
            event.duration_micros / 1_000_000
        )

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        MONGODB_COMMANDS.labels(self._service, event.command_name).observe(
            event.duration_micros / 1_000_000
        )
        MONGODB_COMMAND_FAILURES.labels(self._service, event.command_name).inc()


async def ping(client: AsyncMongoClient[Document]) -> bool:
    try:
        await client.admin.command("ping")
    except PyMongoError:
        return False
    return True


async def in_transaction(
    client: AsyncMongoClient[Document],
    work: Callable[[Session], Awaitable[T]],
) -> T:
    """Run `work` in a majority transaction, retrying transient errors and unknown commits.

    `work` may run more than once, so it must not have effects outside the session.
    """
    retrying = AsyncRetrying(
        retry=retry_if_exception(_labelled("TransientTransactionError")),
        # Both budgets must run out: at least this many attempts, and for at least this long.
        stop=stop_all(
            stop_after_attempt(_TRANSACTION_ATTEMPTS), stop_after_delay(_TRANSACTION_RETRY_SECONDS)
        ),
        # Full jitter (on average 5 ms doubling to 0.5 s), so transactions that conflicted do
        # not retry in lockstep.
        wait=wait_random_exponential(multiplier=0.01, max=1.0),
        before_sleep=_log_retry("transient transaction error, retrying"),
        reraise=True,
    )
    async with client.start_session() as session:
        async for attempt in retrying:
            with attempt:
                await session.start_transaction(
                    read_concern=ReadConcern("snapshot"), write_concern=MAJORITY
                )
                try:
                    result = await work(session)
                except BaseException:
                    if session.in_transaction:
                        await session.abort_transaction()
                    raise
                await _commit(session)
                return result
    raise AssertionError("unreachable: the retries return or raise")


async def _commit(session: Session) -> None:
    """Commit, retrying an unknown outcome with back-off until the budget or attempts run out."""
    unknown = _labelled("UnknownTransactionCommitResult")
    retrying = AsyncRetrying(
        retry=retry_if_exception(unknown),
        # Read at call time, so the budgets are the module's (tests shorten them).
        stop=stop_after_attempt(COMMIT_ATTEMPTS) | stop_before_delay(COMMIT_RETRY_SECONDS),
        wait=wait_exponential(multiplier=0.01, max=1.0),
        before_sleep=_log_retry("unknown commit result, retrying"),
        reraise=True,
    )
    try:
        async for attempt in retrying:
            with attempt:
                await session.commit_transaction()
    except (OperationFailure, ConnectionFailure) as exc:
        if not unknown(exc):
            raise
        attempts = retrying.statistics.get("attempt_number", 1)
        raise CommitOutcomeUnknown(
            f"the commit was neither confirmed nor refused after {attempts} attempts"
        ) from exc


def _labelled(label: str) -> Callable[[BaseException], bool]:
    def has(exc: BaseException) -> bool:
        return isinstance(exc, (OperationFailure, ConnectionFailure)) and exc.has_error_label(label)

    return has


def _log_retry(message: str) -> Callable[[RetryCallState], None]:
    def before_sleep(state: RetryCallState) -> None:
        log.debug(message, extra={"attempt": state.attempt_number})

    return before_sleep


@dataclass(frozen=True)
class Indexes:
    """Indexes a collection needs, created idempotently when a service starts."""

    collection: str
    models: Sequence[IndexModel] = field(default_factory=tuple)


async def ensure_indexes(db: Database, declared: Sequence[Indexes]) -> None:
    for spec in declared:
        if spec.models:
            await db[spec.collection].create_indexes(list(spec.models))


async def ensure_collections(db: Database, names: Sequence[str]) -> None:
    """Create collections up front: MongoDB 6 cannot create them inside a transaction
    that also has to create an index."""
    existing = set(await db.list_collection_names())
    for name in names:
        if name not in existing:
            try:
                await db.create_collection(name)
            except OperationFailure as exc:
                if exc.code != 48:  # NamespaceExists: another replica won the race
                    raise


def newer_version_update(doc_id: str, version: int, fields: Document) -> UpdateOne:
    """One write that stores a projection document unless a newer version of it is there.

    The version test runs on the server (an update pipeline), so a projection costs one round
    trip and many of them go in one bulk write. Values are taken literally: a field holding a
    string that starts with `$` stays a string.
    """
    stored_version = {"$ifNull": ["$version", -1]}
    incoming = {"$literal": {**fields, "version": version}}
    return UpdateOne(
        {"_id": doc_id},
        [
            {
                "$replaceWith": {
                    "$cond": [
                        {"$gte": [stored_version, version]},
                        "$$ROOT",
                        {"$mergeObjects": ["$$ROOT", incoming]},
                    ]
                }
            }
        ],
        upsert=True,
    )


async def upsert_if_newer(
    db: Database, collection: str, session: Session, doc_id: str, version: int, fields: Document
) -> bool:
    """Store a projection document unless a newer version of it is already there; says
    whether it did. Events may arrive out of order or twice; the version each carries decides
    which wins."""
    update = newer_version_update(doc_id, version, fields)
    result = await db[collection].bulk_write([update], session=session)
    return bool(result.upserted_count or result.modified_count)
