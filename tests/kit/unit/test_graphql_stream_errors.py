"""A subscription served as Server-Sent Events: POSTed only, expected failures keep their code, an
unexpected exception in the stream is masked like any resolver's."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any

import httpx
import strawberry
from grassroots_kit.errors import Conflict
from grassroots_kit.graphql.app import _GraphQL
from grassroots_kit.graphql.schema import SubgraphSchema
from grassroots_kit.i18n import msg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.routing import Route


@strawberry.type
class Query:
    ok: int = 1


@strawberry.type
class Subscription:
    @strawberry.subscription
    async def conflicted(self) -> AsyncGenerator[int, None]:
        yield 1
        raise Conflict(msg("fell behind"), reason="FELL_BEHIND")

    @strawberry.subscription
    async def broken(self) -> AsyncGenerator[int, None]:
        yield 1
        raise RuntimeError("mongodb://user:secret@db")


SCHEMA = SubgraphSchema(service="streamtest", query=Query, subscription=Subscription)


async def _context(request: Request) -> dict[str, Any]:
    return {}


def _app() -> Starlette:
    view = _GraphQL(SCHEMA, _context, ide=None)
    return Starlette(routes=[Route("/graphql", view, methods=["GET", "POST"])])


async def _events(query: str) -> tuple[str, str]:
    transport = httpx.ASGITransport(app=_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.post(
            "/graphql", json={"query": query}, headers={"accept": "text/event-stream"}
        )
    return response.headers["content-type"], response.text


async def test_a_subscription_streams_sse_with_lf_line_ends_the_gateway_splits_on():
    content_type, body = await _events("subscription { conflicted }")

    assert content_type.startswith("text/event-stream")
    assert "\r" not in body
    assert body.startswith('event: next\ndata: {"data":{"conflicted":1}}\n\n')
    assert body.endswith("event: complete\ndata: \n\n")


async def test_an_expected_failure_in_a_stream_keeps_its_code():
    _, body = await _events("subscription { conflicted }")

    assert '"code":"CONFLICT"' in body
    assert '"reason":"FELL_BEHIND"' in body


async def test_an_unexpected_exception_in_a_stream_is_masked():
    _, body = await _events("subscription { broken }")

    assert '"errors":[{"message":' in body
    assert "mongodb" not in body
    assert "secret" not in body


async def test_a_subscription_sent_with_get_is_refused_its_operation_would_be_unsigned():
    transport = httpx.ASGITransport(app=_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get(
            "/graphql",
            params={"query": "subscription { conflicted }"},
            headers={"accept": "text/event-stream"},
        )

    assert response.status_code == 405
    assert "text/event-stream" not in response.headers.get("content-type", "")
