"""A Server-Sent Events GraphQL subscription client, as a front end would use one."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx


@dataclass
class Subscription:
    """One open subscription: results arrive on `results` (dicts with data/errors) until the
    server completes the stream, after which `done` is set."""

    results: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    status: int | None = None
    opened: asyncio.Event = field(default_factory=asyncio.Event)

    async def next(self, timeout: float = 20) -> dict[str, Any]:
        return await asyncio.wait_for(self.results.get(), timeout)


async def _frames(response: httpx.Response) -> AsyncIterator[tuple[str, str]]:
    buffer = ""
    async for chunk in response.aiter_text():
        buffer += chunk.replace("\r\n", "\n")
        while "\n\n" in buffer:
            frame, buffer = buffer.split("\n\n", 1)
            event, data = "message", []
            for line in frame.split("\n"):
                if line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].strip())
            yield event, "\n".join(data)


async def _run(
    client: httpx.AsyncClient,
    url: str,
    body: dict[str, Any],
    headers: dict[str, str],
    subscription: Subscription,
) -> None:
    try:
        async with client.stream("POST", url, json=body, headers=headers) as response:
            subscription.status = response.status_code
            subscription.opened.set()
            if "text/event-stream" not in response.headers.get("content-type", ""):
                await response.aread()
                subscription.results.put_nowait(json.loads(response.text or "{}"))
                return
            async for event, data in _frames(response):
                if event == "complete":
                    return
                if data:
                    subscription.results.put_nowait(json.loads(data))
    finally:
        subscription.opened.set()
        subscription.done.set()


@contextlib.asynccontextmanager
async def subscribe(
    url: str,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str | None = None,
    headers: dict[str, str] | None = None,
) -> AsyncIterator[Subscription]:
    """Open `query` as a subscription at `url` (a gateway's or subgraph's /graphql)."""
    sent = {"accept": "text/event-stream", **(headers or {})}
    if token:
        sent["authorization"] = f"Bearer {token}"
    subscription = Subscription()
    async with httpx.AsyncClient(timeout=httpx.Timeout(30, read=None)) as client:
        task = asyncio.create_task(
            _run(client, url, {"query": query, "variables": variables or {}}, sent, subscription)
        )
        try:
            await subscription.opened.wait()
            yield subscription
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, httpx.HTTPError):
                await task
