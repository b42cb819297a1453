"""Send hostile requests and judge the answers: never a 500, never a stack trace, and a
rejected request leaves every database as it was."""

from __future__ import annotations

import asyncio
import hashlib
import json
import ssl
from typing import Any

import httpx
from pymongo import AsyncMongoClient

from tests.support.stack import SERVICES, Stack

# One TLS context for every client: building one per client loads the CA bundle, tens of ms of
# CPU per request on a busy machine (the suites only speak plain HTTP to localhost anyway).
_TLS = ssl.create_default_context()
TRACE_MARKERS = ("Traceback", 'File "/', "site-packages", "pymongo.errors", "at Object.<anonymous>")
# Collections whose counts may move without a business write (bookkeeping).
BOOKKEEPING = {"processed_events", "signing_keys", "refresh_tokens", "sessions", "login_attempts"}


async def post(
    url: str, query: str, variables: dict[str, Any] | None = None, token: str | None = None
) -> tuple[int, dict[str, Any], str]:
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    # ASCII-escaped JSON, so a lone surrogate travels as `\\ud800` the way a hostile client
    # would send it (it cannot be encoded as UTF-8).
    payload = json.dumps({"query": query, "variables": variables or {}}, ensure_ascii=True)
    async with httpx.AsyncClient(timeout=60, verify=_TLS) as client:
        response = await client.post(url, content=payload.encode(), headers=headers)
    text = response.text
    try:
        body: dict[str, Any] = json.loads(text)
    except ValueError:
        body = {}
    return response.status_code, body, text


INTERNAL = {"INTERNAL_SERVER_ERROR", "DOWNSTREAM_SERVICE_ERROR"}


def assert_clean(status: int, text: str) -> None:
    """No 500, no stack trace, and no masked internal error (what a resolver's crash becomes:
    `INTERNAL_SERVER_ERROR` from a subgraph, `DOWNSTREAM_SERVICE_ERROR` through the gateway)."""
    assert status < 500, f"HTTP {status}: {text[:500]}"
    try:
        body = json.loads(text)
    except ValueError:
        body = None
    for part in body if isinstance(body, list) else [body]:
        if isinstance(part, dict):
            assert not error_codes(part) & INTERNAL, f"internal error: {text[:500]}"
    for marker in TRACE_MARKERS:
        assert marker not in text, f"stack trace leaked ({marker!r}): {text[:500]}"


def error_codes(body: dict[str, Any]) -> set[str]:
    return {
        str((error.get("extensions") or {}).get("code", "")) for error in body.get("errors") or []
    }


async def counts(mongo_url: str, stack: Stack) -> dict[str, int]:
    """Documents per collection in every service's database, once earlier work has settled:
    no unsent outbox row and the consumers' processed-event counts still for a moment, so a
    projection of an earlier test's write cannot land between two snapshots."""
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo_url)
    try:
        dbs = [client[stack.database(service)] for service in SERVICES]
        last: list[int] = []
        for _ in range(100):  # at most ~20 s
            unsent = [await db["outbox"].count_documents({"sentAt": None}) for db in dbs]
            processed = [await db["processed_events"].count_documents({}) for db in dbs]
            if not any(unsent) and processed == last:
                break
            last = processed
            await asyncio.sleep(0.2)
        out: dict[str, int] = {}
        for service, db in zip(SERVICES, dbs, strict=True):
            for name in await db.list_collection_names():
                if name in BOOKKEEPING or name.startswith("system."):
                    continue
                out[f"{service}.{name}"] = await db[name].count_documents({})
        return out
    finally:
        await client.close()


async def fingerprints(mongo_url: str, stack: Stack) -> dict[str, str]:
    """A digest of every document of every business collection, once earlier work has settled
    (as `counts`): an update in place changes it as surely as an insert."""
    await counts(mongo_url, stack)
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo_url)
    try:
        out: dict[str, str] = {}
        for service in SERVICES:
            db = client[stack.database(service)]
            for name in await db.list_collection_names():
                if name in BOOKKEEPING or name.startswith("system."):
                    continue
                digest = hashlib.sha256()
                async for doc in db[name].find({}).sort("_id", 1):
                    digest.update(json.dumps(doc, sort_keys=True, default=str).encode())
                out[f"{service}.{name}"] = digest.hexdigest()
        return out
    finally:
        await client.close()
