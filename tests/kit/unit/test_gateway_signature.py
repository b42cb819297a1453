"""A subgraph's /graphql serves only what the gateway signed (when a secret is set), reads no body
over its limit, and answers no introspection in production; `_service` still answers."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
import pytest
import strawberry
from grassroots_kit.gateway_signature import (
    MAX_SKEW_SECONDS,
    GatewaySignatureMiddleware,
    check_timestamp,
    client_address,
    sign,
)
from grassroots_kit.graphql.app import _GraphQL
from grassroots_kit.graphql.schema import SubgraphSchema
from grassroots_kit.settings import ServiceSettings
from pydantic import ValidationError
from starlette.requests import Request

SECRET = b"k" * 40


@strawberry.type
class Query:
    @strawberry.field
    def caller(self, info: strawberry.Info) -> str:
        return str(info.context["address"])


SCHEMA = SubgraphSchema(service="signature-test", query=Query)


async def _context(request: Request) -> dict[str, Any]:
    return {"address": client_address(request)}


def _app(*, secret: bytes | None = SECRET, introspection: bool = True, limit: int = 10_000) -> Any:
    return GatewaySignatureMiddleware(
        _GraphQL(SCHEMA, _context, ide=None),
        secret=secret,
        max_body_bytes=limit,
        introspection=introspection,
    )


def _signed_headers(
    body: bytes,
    *,
    secret: bytes = SECRET,
    at: float | None = None,
    authorization: str = "",
    address: str = "198.51.100.9",
) -> dict[str, str]:
    timestamp = str(int(time.time() if at is None else at))
    headers = {
        "content-type": "application/json",
        "x-gateway-timestamp": timestamp,
        "x-gateway-signature": sign(secret, timestamp, authorization, address, body),
        "x-client-address": address,
    }
    if authorization:
        headers["authorization"] = authorization
    return headers


async def _post(app: Any, body: bytes, headers: dict[str, str]) -> httpx.Response:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.post("/graphql", content=body, headers=headers)


QUERY = json.dumps({"query": "{ caller }"}).encode()


async def test_a_request_the_gateway_signed_is_served_with_the_client_address_it_vouches_for():
    response = await _post(_app(), QUERY, _signed_headers(QUERY))

    assert response.json() == {"data": {"caller": "198.51.100.9"}}


@pytest.mark.parametrize(
    ("name", "headers", "status", "code"),
    [
        ("unsigned", {"content-type": "application/json"}, 401, "UNAUTHENTICATED"),
        ("another key", _signed_headers(QUERY, secret=b"x" * 40), 403, "FORBIDDEN"),
        ("old", _signed_headers(QUERY, at=time.time() - MAX_SKEW_SECONDS - 5), 403, "FORBIDDEN"),
        ("another body", _signed_headers(b'{"query":"{ __typename }"}'), 403, "FORBIDDEN"),
        (
            "another address",
            {**_signed_headers(QUERY), "x-client-address": "203.0.113.1"},
            403,
            "FORBIDDEN",
        ),
        (
            "another token",
            {**_signed_headers(QUERY, authorization="Bearer a"), "authorization": "Bearer b"},
            403,
            "FORBIDDEN",
        ),
    ],
)
async def test_a_request_not_signed_by_the_gateway_is_refused_unparsed(
    name: str, headers: dict[str, str], status: int, code: str
):
    response = await _post(_app(), QUERY, headers)

    assert response.status_code == status, name
    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == code
    assert "gateway" in body["errors"][0]["message"]


async def test_without_a_secret_requests_pass_unsigned():
    response = await _post(_app(secret=None), QUERY, {"content-type": "application/json"})

    assert response.json() == {"data": {"caller": "127.0.0.1"}}


async def test_a_body_over_the_limit_is_refused_before_it_is_read():
    big = json.dumps({"query": "{ caller }", "variables": {"x": "y" * 200}}).encode()

    response = await _post(_app(limit=100), big, _signed_headers(big))

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_introspection_is_refused_in_production_and_federation_sdl_still_answers():
    app = _app(introspection=False)
    introspect = json.dumps({"query": "{ __schema { queryType { name } } }"}).encode()
    sdl = json.dumps({"query": "{ _service { sdl } }"}).encode()

    refused = (await _post(app, introspect, _signed_headers(introspect))).json()
    served = (await _post(app, sdl, _signed_headers(sdl))).json()
    dev = (await _post(_app(), introspect, _signed_headers(introspect))).json()

    assert refused["data"] is None
    assert "introspection" in refused["errors"][0]["message"].lower()
    assert "caller" in served["data"]["_service"]["sdl"]
    assert dev == {"data": {"__schema": {"queryType": {"name": "Query"}}}}


@pytest.mark.parametrize(
    ("timestamp", "refusal"),
    [(None, "missing"), ("soon", "malformed"), ("-5", "malformed"), ("100", "stale")],
)
def test_a_timestamp_is_checked_before_the_body(timestamp: str | None, refusal: str):
    assert check_timestamp(timestamp, now=1_700_000_000) == refusal


def test_production_requires_a_signing_secret_of_32_characters(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ENVIRONMENT", "production")
    with pytest.raises(ValidationError, match="SUBGRAPH_SIGNING_SECRET is required"):
        ServiceSettings()
    monkeypatch.setenv("SUBGRAPH_SIGNING_SECRET", "short")
    with pytest.raises(ValidationError, match="at least 32"):
        ServiceSettings()
    monkeypatch.setenv("SUBGRAPH_SIGNING_SECRET", "z" * 32)
    assert ServiceSettings().subgraph_signing_secret is not None
