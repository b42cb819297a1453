"""Notices per second from a burst of cases' events, next to the raw consume rate.

    python -m bench.notices_burst [--events 2000] [--rounds 3]

Each round starts the notifications service in this process (its own database on a private
mongod, its own broker prefix on the local RabbitMQ), publishes a burst of `case.assigned`
events (each to one of 200 assignees, so the rate limit never drops one) and times from the
first publish to the last event committed by the `notifications.notices` consumer: every event
looks up its case, checks preferences, dedupe and the rate limit, writes one notice and its
`notice.created` outbox row. Next to it, the same number of messages consumed with an ack and
nothing else from a quorum queue (bench/raw_rates.py's measure) says what the broker alone
allows. The figures are the median of the rounds and their range.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from typing import Any

from grassroots_kit.messaging.broker import Broker
from grassroots_notifications.main import create_app
from grassroots_notifications.settings import NotificationsSettings

from bench._common import machine, private_mongod, save
from bench.raw_rates import amqp_rates
from tests.notifications.events import case_assigned
from tests.support.apps import run_service
from tests.support.rabbit import BrokerNamespace, amqp_url

ASSIGNEES = 200


async def one_round(mongo_url: str, events: int) -> float:
    ns = BrokerNamespace(amqp_url(), f"bench{uuid.uuid4().hex[:8]}.")
    settings = NotificationsSettings(
        mongodb_url=mongo_url,
        mongodb_database=f"bench_notices_{uuid.uuid4().hex[:8]}",
        amqp_url=ns.url,
        events_prefix=ns.prefix,
        delivery_poll_seconds=0,
        notice_rate_limit=events,
        log_level="WARNING",
    )
    burst = [case_assigned(f"case-{n}", f"person-{n % ASSIGNEES}") for n in range(events)]
    try:
        async with run_service(create_app, settings, ns) as running:
            publisher = Broker(ns.url, ns.exchange, app_name="bench-publisher")
            await publisher.connect()
            processed = running.host.db["processed_events"]
            started = time.perf_counter()
            try:
                await asyncio.gather(*(publisher.publish(event) for event in burst))
            finally:
                await publisher.close()
            while await processed.count_documents({}) < events:  # noqa: ASYNC110
                await asyncio.sleep(0.02)
            elapsed = time.perf_counter() - started
            notices = await running.host.db["notices"].count_documents({})
            assert notices == events, (notices, events)
            return events / elapsed
    finally:
        await ns.cleanup()


async def run(events: int, rounds: int) -> dict[str, Any]:
    notices: list[float] = []
    raw: list[float] = []
    with private_mongod() as mongod:
        for _ in range(rounds):
            notices.append(await one_round(mongod.url, events))
            raw.append((await amqp_rates(events // 2))["consume_ack_prefetch32_per_s"])

    def spread(values: list[float]) -> dict[str, float]:
        return {
            "median": round(statistics.median(values), 1),
            "min": round(min(values), 1),
            "max": round(max(values), 1),
        }

    return {
        "events_per_round": events,
        "rounds": rounds,
        "notices_per_s": spread(notices),
        "raw_consume_ack_per_s": spread(raw),
        "machine": machine(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    save("notices_burst", asyncio.run(run(args.events, args.rounds)))


if __name__ == "__main__":
    main()
