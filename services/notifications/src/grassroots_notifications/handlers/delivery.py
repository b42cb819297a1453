"""The delivery worker: sends due outbound deliveries, each with a time limit, retrying with
exponential back-off and marking a delivery dead after the last attempt. It runs apart from the
consumers, so a channel that hangs delays only its own deliveries."""

from __future__ import annotations

import asyncio
import logging

from grassroots_kit.i18n import msg

from grassroots_notifications.domain.deliveries import Delivery, DeliveryState, sent
from grassroots_notifications.handlers.ports import NotificationsPorts, Outbound

log = logging.getLogger(__name__)


async def deliver_due(ports: NotificationsPorts) -> list[Delivery]:
    """One pass: claim what is due by the clock and try each once, concurrently. Returns the
    deliveries as they ended up."""
    due = await ports.deliveries.claim_due(ports.clock(), ports.lease, ports.batch)
    if not due:
        return []
    return list(await asyncio.gather(*(_attempt(ports, d) for d in due)))


async def _attempt(ports: NotificationsPorts, delivery: Delivery) -> Delivery:
    notices = await ports.notices.get_many([delivery.notice_id])
    notice = notices.get(delivery.notice_id)
    sender = ports.senders.get(delivery.channel)
    error: str | None = None
    if notice is None:
        error = "notice not found"
    elif sender is None:
        error = f"channel {delivery.channel.value} is not configured"
    else:
        subject = msg("Grassroots notice: case {number}", number=notice.params.get("number", ""))
        message = Outbound(
            address=delivery.address,
            subject=subject.render(delivery.locale),
            text=notice.render(delivery.locale),
            number=str(notice.params.get("number", "")),
            locale=delivery.locale,
        )
        try:
            async with asyncio.timeout(ports.send_timeout):
                await sender.send(message)
        except TimeoutError:
            error = f"timed out after {ports.send_timeout:g} s"
        except Exception as exc:  # any failure of a channel is retried, never fatal
            error = f"{type(exc).__name__}: {exc}"[:500]
    now = ports.clock()
    ended = sent(delivery, now) if error is None else ports.retry.failed(delivery, error, now)
    await ports.deliveries.save(ended)
    if ended.state is DeliveryState.DEAD:
        log.warning(
            "delivery dead after %d attempts",
            ended.attempts,
            extra={"delivery": ended.id, "channel": ended.channel.value, "error": error},
        )
    return ended


async def deliver_forever(ports: NotificationsPorts, interval: float) -> None:
    while True:
        try:
            await deliver_due(ports)
        except Exception:  # the store was unreachable: try again next interval
            log.exception("delivery pass failed")
        await asyncio.sleep(interval)
