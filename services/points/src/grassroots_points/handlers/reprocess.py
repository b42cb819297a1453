"""Process the awarding events already consumed again, under the rules in force now.

For rules set after events arrived (the demo sets its rules after its cases closed). Exact:
the ledger holds at most one entry per event and person, and a closing that was reopened is
never awarded again.
"""

from __future__ import annotations

from dataclasses import dataclass

from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import msg
from grassroots_kit.messaging.consumer import PermanentEventError
from grassroots_kit.messaging.envelope import CloudEvent
from tenacity import (
    AsyncRetrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_incrementing,
)

from grassroots_points.domain.access import require_rule_manager
from grassroots_points.domain.concurrency import AlreadyRecorded, WriteConflict
from grassroots_points.domain.occasions import AWARDING_TYPES, MalformedEvent
from grassroots_points.handlers.ports import PointsPorts, PointsTx
from grassroots_points.handlers.reactions import REACTIONS

# A hot account also being awarded by the live consumer can outlast the unit of work's own
# retries: wait a little longer each time (50 ms, 100 ms, ... about 10 s in all) and try this
# event again rather than fail the whole replay.
_ATTEMPTS = 20
_WAIT_STEP_SECONDS = 0.05


@dataclass(frozen=True)
class Reprocessed:
    events: int
    entries: int


async def reprocess_events(ports: PointsPorts, caller: Principal, confirm: bool) -> Reprocessed:
    require_rule_manager(caller)
    if not confirm:
        raise BadUserInput(
            msg("set `confirm: true` to process the consumed events again"), field="confirm"
        )
    events = entries = 0
    async for event in ports.received.replay(set(AWARDING_TYPES)):
        events += 1
        entries += await _again(ports, event)
    return Reprocessed(events=events, entries=entries)


async def _again(ports: PointsPorts, event: CloudEvent) -> int:
    retrying = AsyncRetrying(
        retry=retry_if_exception_type(WriteConflict),
        stop=stop_after_attempt(_ATTEMPTS),
        wait=wait_incrementing(start=_WAIT_STEP_SECONDS, increment=_WAIT_STEP_SECONDS),
        reraise=True,
    )
    async for attempt in retrying:
        with attempt:
            return await _once(ports, event)
    raise AssertionError("unreachable: the last attempt returns or raises")


async def _once(ports: PointsPorts, event: CloudEvent) -> int:
    reaction = REACTIONS[event.type]

    async def work(tx: PointsTx) -> int:
        before = len(await tx.ledger.entries_of_event(event.id))
        await reaction(tx, event)
        return len(await tx.ledger.entries_of_event(event.id)) - before

    try:
        return await ports.replay_uow.run(work)
    except (MalformedEvent, PermanentEventError):
        return 0
    except AlreadyRecorded:
        # The live consumer awarded the same event meanwhile: the one-entry-per-event-and-person
        # rule kept the ledger exact and rolled this transaction back whole.
        return 0
