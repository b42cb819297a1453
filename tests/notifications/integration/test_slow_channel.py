"""A hanging SMTP server does not delay notices: the consumer only writes delivery jobs, and the
background worker that sends them times out on its own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.notifications.events import case_assigned
from tests.notifications.helpers import SET_PREFS, Notifications
from tests.notifications.mail import SilentServer
from tests.support.apps import eventually


@pytest.fixture
def silent() -> Iterator[SilentServer]:
    server = SilentServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def overrides(silent: SilentServer) -> dict[str, object]:
    # The worker runs in the background against an SMTP server that never answers, and would
    # wait for it far longer than this test takes.
    return {
        "smtp_port": silent.port,
        "delivery_poll_seconds": 0.05,
        "delivery_timeout_seconds": 600,
    }


async def test_a_hanging_smtp_server_does_not_delay_inbox_notices(
    notifications: Notifications, silent: SilentServer
):
    prefs = {"channels": ["EMAIL"], "email": "worker@example.cn"}
    await notifications.ok(SET_PREFS, {"input": prefs}, as_person="worker")
    await notifications.handled(case_assigned("case1", "worker"))

    # The worker took the first delivery and is stuck talking to the silent server.
    async def stuck() -> bool:
        return silent.connections >= 1

    await eventually(stuck, timeout=20)
    # Notices for later events still arrive.
    later = [case_assigned(f"case{i}", "worker") for i in range(2, 5)]
    await notifications.handled(*later)
    assert (await notifications.inbox("worker"))["unreadNoticeCount"] == 4
    pending = await notifications.db["deliveries"].count_documents({"state": "PENDING"})
    assert pending == 4
