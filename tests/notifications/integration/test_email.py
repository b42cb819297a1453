"""Email through a real local SMTP server, quiet hours by the service's clock, and a worker that
sends apart from the consumer."""

from __future__ import annotations

from datetime import timedelta

from grassroots_notifications.domain.deliveries import DeliveryState
from grassroots_notifications.handlers.delivery import deliver_due

from tests.notifications.events import case_assigned
from tests.notifications.fakes import Clock
from tests.notifications.helpers import SET_PREFS, Notifications


async def opt_in(notifications: Notifications, person: str, **extra: object) -> None:
    prefs = {"channels": ["EMAIL"], "email": f"{person}@example.cn", "locale": "EN", **extra}
    await notifications.ok(SET_PREFS, {"input": prefs}, as_person=person)


async def test_an_email_reaches_the_smtp_server_for_a_person_who_opted_in(
    notifications: Notifications,
):
    await opt_in(notifications, "worker")
    await notifications.handled(case_assigned("case1", "worker"), case_assigned("case2", "other"))

    ended = await deliver_due(notifications.ports)

    assert [d.state for d in ended] == [DeliveryState.SENT]
    [(recipients, message)] = notifications.mail.messages
    assert recipients == ["worker@example.cn"]
    assert message["Subject"] == "Grassroots notice: case WC-2026-000001"
    assert "Case WC-2026-000001 was assigned to you." in message.get_content()
    # Sent once: a second pass finds nothing due.
    assert await deliver_due(notifications.ports) == []
    assert len(notifications.mail.messages) == 1


async def test_quiet_hours_hold_the_email_until_they_end(
    notifications: Notifications, clock: Clock
):
    # The clock says 10:00 in Beijing; quiet from 09:30 to 11:00.
    await opt_in(notifications, "worker", quietHours={"start": "09:30", "end": "11:00"})
    await notifications.handled(case_assigned("case1", "worker"))
    assert (await notifications.inbox("worker"))["unreadNoticeCount"] == 1

    assert await deliver_due(notifications.ports) == []
    clock.advance(timedelta(minutes=59, seconds=59))
    assert await deliver_due(notifications.ports) == []
    assert notifications.mail.messages == []

    clock.advance(timedelta(seconds=1))  # 11:00 in Beijing
    assert [d.state for d in await deliver_due(notifications.ports)] == [DeliveryState.SENT]
    assert len(notifications.mail.messages) == 1
