"""Thank the resident when their case is closed: a minimal consumer of Grassroots' `case.closed`.

It knows Grassroots only through docs/asyncapi.yaml: the topic exchange `grassroots.events`,
the routing key `case.closed`, and the CloudEvent it carries. It binds its own durable quorum
queue, writes one thank-you notice per closing to a JSON-lines file, and acknowledges a message
only after the notice is on disk. Delivery is at least once, so notices are keyed by the event
id and a redelivered event writes nothing new.

    AMQP_URL=amqp://guest:guest@127.0.0.1:5672/ NOTICES_PATH=notices.jsonl python subscriber.py

Environment: AMQP_URL, EVENTS_PREFIX (prefix of the exchange and queue names, as the services
use it), QUEUE_NAME (default `thank-you.case-closed`), NOTICES_PATH (default `notices.jsonl`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
from pathlib import Path
from typing import Any

import aio_pika
from aio_pika.abc import AbstractIncomingMessage

log = logging.getLogger("case-closed-subscriber")

EXCHANGE = "grassroots.events"
ROUTING_KEY = "case.closed"
SUPPORTED_DATAVERSION = "1"


class Notices:
    """The JSON-lines file of notices, and the event ids already written to it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.seen: set[str] = set()
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    self.seen.add(json.loads(line)["eventId"])

    def write(self, notice: dict[str, Any]) -> bool:
        if notice["eventId"] in self.seen:
            return False
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(notice, ensure_ascii=False) + "\n")
            out.flush()
            os.fsync(out.fileno())
        self.seen.add(notice["eventId"])
        return True


def notice_for(event: dict[str, Any]) -> dict[str, Any] | None:
    """The thank-you notice for a `case.closed` CloudEvent; None when nobody can be thanked."""
    data = event["data"]
    if data.get("reporterId") is None:
        return None  # reported anonymously
    rating = data.get("rating")
    text = f"Thank you for reporting case {data['number']}. It has been closed"
    text += f" and you rated it {rating} of 5." if rating is not None else "."
    return {
        "eventId": event["id"],
        "caseId": data["caseId"],
        "number": data["number"],
        "closure": data["closure"],
        "reporterId": data["reporterId"],
        "rating": rating,
        "closedAt": data["closedAt"],
        "notice": text,
        "event": event,
    }


def check_event(event: Any) -> None:
    """What this consumer relies on, from docs/asyncapi.yaml (CloudEvent + CaseClosed)."""
    if not isinstance(event, dict) or event.get("specversion") != "1.0":
        raise ValueError("not a CloudEvents 1.0 event")
    if event.get("type") != ROUTING_KEY or not isinstance(event.get("id"), str):
        raise ValueError(f"unexpected event type {event.get('type')!r}")
    if event.get("dataversion") != SUPPORTED_DATAVERSION:
        raise ValueError(f"unsupported dataversion {event.get('dataversion')!r}")
    data = event.get("data")
    required = ("caseId", "number", "closure", "reporterId", "rating", "closedAt")
    if not isinstance(data, dict) or any(name not in data for name in required):
        raise ValueError("data lacks a field of CaseClosed")


async def handle(message: AbstractIncomingMessage, notices: Notices) -> None:
    try:
        event = json.loads(message.body)
        check_event(event)
    except ValueError as exc:  # json.JSONDecodeError is a ValueError
        # A message we can never handle: drop it with a log line rather than loop on it.
        log.error("skipping message %s: %s", message.message_id, exc)
        await message.ack()
        return
    notice = notice_for(event)
    if notice is not None and notices.write(notice):
        log.info("thanked %s for case %s", notice["reporterId"], notice["number"])
    await message.ack()


async def run() -> None:
    prefix = os.environ.get("EVENTS_PREFIX", "")
    url = os.environ.get("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
    queue_name = prefix + os.environ.get("QUEUE_NAME", "thank-you.case-closed")
    notices = Notices(Path(os.environ.get("NOTICES_PATH", "notices.jsonl")))

    connection = await aio_pika.connect_robust(
        url, client_properties={"connection_name": "thank-you"}
    )
    channel = await connection.channel()
    await channel.set_qos(prefetch_count=16)
    exchange = await channel.declare_exchange(
        prefix + EXCHANGE, aio_pika.ExchangeType.TOPIC, durable=True
    )
    queue = await channel.declare_queue(
        queue_name, durable=True, arguments={"x-queue-type": "quorum"}
    )
    await queue.bind(exchange, routing_key=ROUTING_KEY)
    await queue.consume(lambda message: handle(message, notices))
    print(f"ready: consuming {queue_name}", flush=True)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await connection.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    asyncio.run(run())
