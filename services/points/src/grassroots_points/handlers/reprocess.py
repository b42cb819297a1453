"""Process the awarding events already consumed again, under the rules in force now.

For rules set after events arrived (the demo sets its rules after its cases closed). Exact:
the ledger holds at most one entry per event and person, and a closing that was reopened is
never awarded again.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput
from grassroots_kit.host import ServiceHost
from grassroots_kit.messaging.consumer import PermanentEventError
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.mongo import Session
from pymongo.errors import DuplicateKeyError, OperationFailure

from grassroots_points.adapters.ledger import LedgerStore
from grassroots_points.adapters.received import ReceivedEvents
from grassroots_points.domain.access import require_rule_manager
from grassroots_points.domain.occasions import AWARDING_TYPES, MalformedEvent
from grassroots_points.handlers.reactions import REACTIONS

_ATTEMPTS = 20


@dataclass(frozen=True)
class Reprocessed:
    events: int
    entries: int


async def reprocess_events(host: ServiceHost, caller: Principal, confirm: bool) -> Reprocessed:
    require_rule_manager(caller)
    if not confirm:
        raise BadUserInput(
            "set `confirm: true` to process the consumed events again", field="confirm"
        )
    events = entries = 0
    async for event in ReceivedEvents(host.db).replay(set(AWARDING_TYPES)):
        events += 1
        entries += await _again(host, event)
    return Reprocessed(events=events, entries=entries)


async def _again(host: ServiceHost, event: CloudEvent) -> int:
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            return await _once(host, event)
        except OperationFailure as exc:
            # A hot account also being awarded by the live consumer: wait and try this event
            # again rather than fail the whole replay.
            if not exc.has_error_label("TransientTransactionError") or attempt == _ATTEMPTS:
                raise
            await asyncio.sleep(0.05 * attempt)
    raise AssertionError("unreachable")


async def _once(host: ServiceHost, event: CloudEvent) -> int:
    reaction = REACTIONS[event.type]

    async def work(session: Session) -> int:
        ledger = LedgerStore(host.db)
        before = len(await ledger.entries_of_event(event.id, session))
        await reaction(host.db, event, session)
        return len(await ledger.entries_of_event(event.id, session)) - before

    try:
        return await host.transaction(work)
    except (MalformedEvent, PermanentEventError):
        return 0
    except DuplicateKeyError:
        # The live consumer awarded the same event meanwhile: the unique (event, person) index
        # kept the ledger exact and aborted this transaction whole.
        return 0
