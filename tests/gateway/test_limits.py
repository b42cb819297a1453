"""Abuse limits: each hostile request is refused with a clear error; the dashboard query passes."""

from __future__ import annotations

import json
import time
import uuid

import jwt
import pytest
from grassroots_kit.auth import AUDIENCE, ISSUER

from tests.gateway.conftest import (
    MAX_REQUEST_BYTES,
    RATE_LIMIT_PER_IP,
    RATE_LIMIT_PER_USER,
    Gateway,
    operation,
)
from tests.support.tokens import TokenMint

DASHBOARD = operation("CommunityDashboard")


def refused(gateway: Gateway, query: str, limit: str, status: int = 400) -> str:
    response = gateway.post({"query": query})
    body = response.json()
    assert response.status_code == status, body
    assert body.get("data") is None, body
    matching = [e for e in body["errors"] if e.get("extensions", {}).get("limit") == limit]
    assert matching, body
    error = matching[0]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    message: str = error["message"]
    assert "exceeded" in message, message
    assert not message.startswith("Syntax Error"), message
    return message


def test_the_dashboard_query_passes_every_limit(gateway: Gateway) -> None:
    body = gateway.query(DASHBOARD, {"id": "no-such-unit"})

    assert body == {"data": {"orgUnit": None}}


def test_a_query_nested_too_deep_is_refused(gateway: Gateway) -> None:
    nested = "name"
    for _ in range(12):
        nested = f"parent {{ {nested} }}"

    message = refused(gateway, f'{{ orgUnit(id: "x") {{ {nested} }} }}', "maxDepth")

    assert "depth limit of 10" in message


def test_a_query_with_too_many_aliases_is_refused(gateway: Gateway) -> None:
    aliases = " ".join(f'u{i}: orgUnit(id: "x{i}") {{ id }}' for i in range(16))

    message = refused(gateway, f"{{ {aliases} }}", "maxAliases")

    assert "Aliases limit of 15" in message


def test_a_query_with_too_many_directives_is_refused(gateway: Gateway) -> None:
    fields = " ".join("__typename @skip(if: false)" for _ in range(21))

    message = refused(gateway, f"{{ {fields} }}", "maxDirectives")

    assert "Directives limit of 20" in message


def test_a_query_with_too_many_tokens_is_refused(gateway: Gateway) -> None:
    fields = " ".join("id" for _ in range(2100))

    # refused while parsing, where Yoga answers 200 with the error (validation answers 400)
    message = refused(gateway, f'{{ orgUnit(id: "x") {{ {fields} }} }}', "maxTokens", status=200)

    assert "Token limit of 2000" in message


def test_a_query_too_costly_is_refused(gateway: Gateway) -> None:
    fan_out = """{ orgUnits(first: 100) { edges { node {
        children(first: 100) { edges { node {
          cases(first: 100) { edges { node { id number title status } } } } } } } } } }"""

    message = refused(gateway, fan_out, "maxCost")

    assert "Cost limit of 20000" in message


def test_a_request_body_over_the_size_limit_is_refused_unread(gateway: Gateway) -> None:
    padding = "x" * (MAX_REQUEST_BYTES + 1)
    body = json.dumps({"query": "{ __typename }", "variables": {"padding": padding}}).encode()

    response = gateway.post(body)

    assert response.status_code == 413
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert f"the limit is {MAX_REQUEST_BYTES}" in error["message"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-CN", "请求体有"), ("en", "the request body has"), (None, "请求体有")],
)
def test_the_gateway_s_own_refusal_speaks_the_request_s_language(
    gateway: Gateway, language: str | None, expected: str
) -> None:
    padding = "x" * (MAX_REQUEST_BYTES + 1)
    body = json.dumps({"query": "{ __typename }", "variables": {"padding": padding}}).encode()

    response = gateway.post(body, language=language)

    assert response.status_code == 413
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "PAYLOAD_TOO_LARGE"}
    assert error["message"].startswith(expected), error["message"]
    assert str(MAX_REQUEST_BYTES) in error["message"]


def test_a_refusal_after_parsing_speaks_the_request_s_language(gateway: Gateway) -> None:
    fan_out = """{ orgUnits(first: 100) { edges { node {
        children(first: 100) { edges { node {
          cases(first: 100) { edges { node { id number title status } } } } } } } } } }"""

    zh = gateway.post({"query": fan_out}, language="zh-CN").json()["errors"][0]
    en = gateway.post({"query": fan_out}, language="en").json()["errors"][0]

    assert zh["extensions"] == en["extensions"]
    assert zh["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "i18n" not in zh["extensions"]
    assert zh["message"].startswith("查询开销超出上限"), zh["message"]
    assert en["message"].startswith("Query Cost limit"), en["message"]


def test_one_address_is_rate_limited(limited_gateway: Gateway, client_ip: str) -> None:
    gateway = limited_gateway
    for _ in range(RATE_LIMIT_PER_IP):
        assert gateway.post({"query": "{ __typename }"}, client_ip=client_ip).status_code == 200

    response = gateway.post({"query": "{ __typename }"}, client_ip=client_ip)

    assert response.status_code == 429
    assert int(response.headers["retry-after"]) > 0
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert "too many requests from this address" in error["message"]
    # another address is not affected
    assert gateway.post({"query": "{ __typename }"}).status_code == 200


def test_one_person_is_rate_limited_across_addresses(
    limited_gateway: Gateway, mint: TokenMint
) -> None:
    gateway = limited_gateway
    person = f"person-{uuid.uuid4().hex[:8]}"
    now = int(time.time())
    token = jwt.encode(
        {
            "sub": person,
            "iss": ISSUER,
            "aud": AUDIENCE,
            "iat": now,
            "exp": now + 900,
            "typ": "access",
            "roles": [],
        },
        mint.key,
        algorithm="RS256",
        headers={"kid": mint.kid},
    )
    for _ in range(RATE_LIMIT_PER_USER):
        assert gateway.post({"query": "{ __typename }"}, token=token).status_code == 200

    response = gateway.post({"query": "{ __typename }"}, token=token)

    assert response.status_code == 429
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert "too many requests from this person" in error["message"]
    # anonymous requests from the same addresses are not affected
    assert gateway.post({"query": "{ __typename }"}).status_code == 200


@pytest.mark.parametrize("path", ["/healthcheck", "/readiness"])
def test_health_endpoints_answer(gateway: Gateway, path: str) -> None:
    import httpx

    response = httpx.get(f"{gateway.process.url}{path}", timeout=10)

    assert response.status_code == 200


def test_metrics_are_exposed_for_prometheus(gateway: Gateway) -> None:
    import httpx

    gateway.query("{ __typename }")

    response = httpx.get(f"{gateway.process.url}/metrics", timeout=10)

    assert response.status_code == 200
    assert "graphql_" in response.text or "# TYPE" in response.text


def test_introspection_and_graphiql_stay_on_in_development(gateway: Gateway) -> None:
    import httpx

    body = gateway.query("{ __schema { queryType { name } } }")
    page = httpx.get(gateway.url, headers={"accept": "text/html"}, timeout=10)

    assert body == {"data": {"__schema": {"queryType": {"name": "Query"}}}}
    assert page.status_code == 200
    assert "<html" in page.text.lower()
