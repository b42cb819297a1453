"""Writing a workflow outcome: the case and its events commit together or not at all."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from grassroots_cases.domain.model import Case
from grassroots_cases.domain.workflow import Outcome
from grassroots_cases.handlers.publishing import to_cloud_event

if TYPE_CHECKING:
    from grassroots_kit.unit_of_work import UnitOfWork

    from grassroots_cases.handlers.ports import CasesTx

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """Now, to the millisecond: what MongoDB stores, so what is returned is what is kept."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


async def commit_outcome(
    uow: UnitOfWork[CasesTx],
    outcome: Outcome,
    also: Callable[[CasesTx], Awaitable[None]] | None = None,
) -> Case:
    """Save the changed case if its version is still the one read, with its events.

    The outcome was computed before the transaction from one read of the case; when the
    transaction is retried after a write conflict, the version check turns the lost race into
    CONFLICT instead of silently re-applying the change on top of the winner's.
    """

    async def work(tx: CasesTx) -> Case:
        if also is not None:  # more writes of the same transaction (photos attached)
            await also(tx)
        saved = await tx.cases.save(outcome.case)
        tx.publish(to_cloud_event(e) for e in outcome.events)
        return saved

    return await uow.run(work)
