"""An independent service outside the repository learns of closed cases from the events alone."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import aio_pika

from tests.cases.e2e_area import make_area
from tests.support.apps import eventually
from tests.support.contract import check_event
from tests.support.stack import ROOT, Stack

SUBSCRIBER = ROOT / "examples" / "case-closed-subscriber" / "subscriber.py"
ACT = """mutation($i: %sInput!) { %s(input: $i) { case { status } } }"""


def _start(stack: Stack, notices: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "AMQP_URL": stack.amqp_url,
        "EVENTS_PREFIX": stack.prefix,
        "NOTICES_PATH": str(notices),
    }
    process = subprocess.Popen(
        [sys.executable, str(SUBSCRIBER)], env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 30
    while b"ready:" not in log.read_bytes():
        assert process.poll() is None, log.read_text()
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.1)
    return process


async def _delete_queue(url: str, name: str) -> None:
    """Only the subscriber's own queue: the stack's exchange is shared by the other tests."""
    connection = await aio_pika.connect(url)
    try:
        channel = await connection.channel()
        await channel.queue_delete(name)
    finally:
        await connection.close()


def _act(area, who: str, mutation: str, fields: dict[str, object]) -> str:  # type: ignore[no-untyped-def]
    name = mutation[0].upper() + mutation[1:]
    body = area.act(who, ACT % (name, mutation), {"i": fields})
    return str(body[mutation]["case"]["status"])


async def test_the_subscriber_thanks_the_reporter_once_per_closing(
    stack: Stack, stack_cleanup: None, tmp_path: Path
):
    # given the subscriber running with its own queue, and an area with people in roles
    notices = tmp_path / "notices.jsonl"
    process = _start(stack, notices, tmp_path / "subscriber.log")
    try:
        area = make_area(f"{stack.gateway.url}/graphql")

        # when a resident's case is posted, taken by the red partner, resolved and rated
        case = area.report("Drying rack collapsed at Liaoyuan Road No. 26")
        ref = {"caseId": case["id"]}
        _act(area, "staff", "postOrder", ref)
        _act(area, "partner", "takeOrder", ref)
        _act(area, "partner", "resolveCase", {**ref, "resolution": "Rack rebuilt"})
        assert _act(area, "resident", "rateCase", {**ref, "score": 5}) == "CLOSED"

        # then exactly one notice thanks the reporter, from an event matching the contract
        async def written() -> list[dict[str, object]]:
            if not notices.exists():
                return []
            lines = [json.loads(line) for line in notices.read_text().splitlines()]
            return [n for n in lines if n["caseId"] == case["id"]]

        (notice,) = await eventually(written, timeout=30)
        assert notice["reporterId"] == area.people["resident"]
        assert notice["rating"] == 5
        assert notice["number"] == case["number"]
        check_event(notice["event"])  # type: ignore[arg-type]

        # and a restart of the subscriber does not thank twice
        process.terminate()
        process.wait(timeout=20)
        process = _start(stack, notices, tmp_path / "subscriber2.log")
        await asyncio.sleep(1)
        assert len(await written()) == 1
    finally:
        process.terminate()
        process.wait(timeout=20)
        await _delete_queue(stack.amqp_url, f"{stack.prefix}thank-you.case-closed")
