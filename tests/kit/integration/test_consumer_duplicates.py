"""A duplicate delivery is acknowledged quietly: never retried, never parked."""

from __future__ import annotations

import asyncio

from grassroots_kit.messaging.consumer import PROCESSED
from grassroots_kit.messaging.envelope import new_event
from grassroots_kit.metrics import EVENTS_HANDLED

from tests.kit.integration.test_consumer import Harness, harness, record_effect
from tests.support.apps import eventually

__all__ = ["harness"]


async def test_duplicates_are_acknowledged_without_reaching_the_dead_letters(harness: Harness):
    await harness.start_consumer({"thing.made": record_effect(harness)})
    event = new_event("thing.made", source="t", subject="1", data={"n": 1})
    await harness.publish(event)
    await eventually(lambda: harness.db[PROCESSED].count_documents({}))

    def duplicates() -> float:
        return EVENTS_HANDLED.labels(harness.queue, "duplicate")._value.get()

    # when the same event arrives three more times after it was applied
    await harness.publish(event, times=3)

    # then each copy is acknowledged as a duplicate at once, with no effect and nothing parked
    async def acknowledged() -> bool:
        return duplicates() >= 3

    await eventually(acknowledged, timeout=3)
    await asyncio.sleep(0.3)
    assert await harness.effects() == [{"event": event.id, "n": 1}]
    assert await harness.dead_letters() == []
