"""The edge and the service boundary, attacked: a production-mode stack whose subgraphs serve only
requests the gateway signed, a gateway keyed on real client addresses, and the cost limit.

The stack here is this module's own: its subgraphs run with ENVIRONMENT=production and a signing
secret; its gateways (development mode, so any document may be sent) sign with the same secret.
"""

from __future__ import annotations

import base64
import json
import os
import time
import uuid
from collections.abc import AsyncIterator, Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from grassroots_kit.auth import AUDIENCE, ISSUER
from grassroots_kit.gateway_signature import MAX_SKEW_SECONDS, sign
from pymongo import AsyncMongoClient
from websockets.typing import Subprotocol

from tests.abuse._attacker import Attacker, error_codes
from tests.gateway.conftest import start_gateway
from tests.support.live import subscribe
from tests.support.stack import SERVICES, Process, Stack, remove_stack_state
from tests.support.tokens import TokenMint

pytestmark = pytest.mark.e2e

SECRET = "abuse-edge-signing-secret-0123456789abcdef"
ADMIN_PHONE = "13900000001"
ADMIN_PASSWORD = "edge-admin-password-" + uuid.uuid4().hex
RATE_LIMIT_PER_IP = 10
LOGIN = "mutation($input: LoginInput!) { login(input: $input) { accessToken } }"
UNITS = "{ orgUnits(first: 1) { totalCount } }"


@pytest.fixture(scope="module")
def edge_stack(
    mongo_url: str, rabbit_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    """Subgraphs in production, requiring the gateway's signature; a gateway that signs."""
    workdir: Path = tmp_path_factory.mktemp("abuse-edge")
    stack = Stack(
        mongo_url,
        rabbit_url,
        workdir,
        env={
            "ENVIRONMENT": "production",
            "SUBGRAPH_SIGNING_SECRET": SECRET,
            # production people seals its signing keys (docs/security.md)
            "SIGNING_KEY_ENCRYPTION_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
            "BOOTSTRAP_ADMIN_PHONE": ADMIN_PHONE,
            "BOOTSTRAP_ADMIN_PASSWORD": ADMIN_PASSWORD,
        },
    )
    try:
        for service in SERVICES:
            stack.start_service(service)
        _gateway(stack, "gateway")  # stack.gateway, the one `edge.graphql` posts to
        yield stack
    finally:
        stack.stop()


@pytest.fixture(scope="module")
async def edge_cleanup(edge_stack: Stack, mongo_url: str) -> AsyncIterator[None]:
    yield
    await remove_stack_state(edge_stack, mongo_url)


@pytest.fixture
def edge(
    edge_stack: Stack, edge_cleanup: None, mongo: AsyncMongoClient[dict[str, object]]
) -> Attacker:
    return Attacker(edge_stack, mongo)


def _gateway(stack: Stack, name: str, **env: str) -> Process:
    """Another gateway over the edge stack's subgraphs (same secret, people's keys)."""
    return start_gateway(
        stack,
        name,
        {
            "ENVIRONMENT": "development",
            "JWKS_URL": f"{stack.processes['people'][0].url}/.well-known/jwks.json",
            **env,
        },
    )


@pytest.fixture(scope="module")
def limited_gateway(edge_stack: Stack) -> str:
    """Per-address limit small enough to trip; the test client on 127.0.0.1 plays the ingress."""
    process = _gateway(
        edge_stack,
        "gateway-limited",
        RATE_LIMIT_PER_IP=str(RATE_LIMIT_PER_IP),
        RATE_LIMIT_WINDOW_SECONDS="300",
        TRUSTED_PROXIES="127.0.0.1/32",
    )
    return f"{process.url}/graphql"


async def _post(
    url: str,
    body: bytes | Mapping[str, Any],
    *,
    headers: Mapping[str, str] | None = None,
    local_address: str | None = None,
) -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    transport = httpx.AsyncHTTPTransport(local_address=local_address)
    async with httpx.AsyncClient(transport=transport, timeout=60) as client:
        return await client.post(
            url, content=content, headers={"content-type": "application/json", **(headers or {})}
        )


def _signed(body: bytes, *, secret: str = SECRET, at: float | None = None) -> dict[str, str]:
    timestamp = str(int(time.time() if at is None else at))
    return {
        "x-gateway-timestamp": timestamp,
        "x-gateway-signature": sign(secret.encode(), timestamp, "", "", body),
    }


async def _snapshot(edge: Attacker, service: str) -> dict[str, list[dict[str, object]]]:
    """Every document of a service's database (this stack holds few): proof nothing changed."""
    db = edge.db(service)
    names = sorted(await db.list_collection_names())
    return {name: [doc async for doc in db[name].find({}).sort("_id")] for name in names}


def _refused(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    assert response.status_code == status, body
    assert body.get("data") is None, body
    assert code in error_codes(body), body
    return body


# -- only the gateway reaches a subgraph ---------------------------------------------------------


async def test_the_gateways_signed_requests_reach_the_production_subgraphs(edge: Attacker) -> None:
    """The control for the refusals below: the same stack serves what the gateway sends."""
    body = await edge.graphql(UNITS)

    assert body == {"data": {"orgUnits": {"totalCount": 0}}}


async def test_direct_caller_cannot_skip_the_gateway_limits_on_a_subgraph_port(
    edge: Attacker,
) -> None:
    nested = "name"
    for _ in range(14):  # deeper than the gateway's MAX_DEPTH
        nested = f"parent {{ {nested} }}"
    aliases = " ".join(f"u{i}: orgUnits(first: 100) {{ totalCount }}" for i in range(40))
    query = f'{{ orgUnit(id: "x") {{ {nested} }} {aliases} }}'

    response = await _post(edge.subgraph_url("people"), {"query": query})

    _refused(response, 401, "UNAUTHENTICATED")


async def test_direct_caller_cannot_write_through_a_subgraph_port(edge: Attacker) -> None:
    before = await _snapshot(edge, "people")
    login = {"query": LOGIN, "variables": {"input": {"phone": ADMIN_PHONE, "password": "guess"}}}

    response = await _post(edge.subgraph_url("people"), login)

    _refused(response, 401, "UNAUTHENTICATED")
    assert await _snapshot(edge, "people") == before


async def test_direct_caller_cannot_introspect_a_subgraph(edge: Attacker) -> None:
    introspect = json.dumps({"query": "{ __schema { types { name } } }"}).encode()
    url = edge.subgraph_url("cases")

    unsigned = await _post(url, introspect)
    # even a request bearing the gateway's signature gets no schema in production
    signed = await _post(url, introspect, headers=_signed(introspect))

    _refused(unsigned, 401, "UNAUTHENTICATED")
    body = signed.json()
    assert body.get("data") is None, body
    assert "introspection" in json.dumps(body["errors"]).lower()


async def test_direct_caller_cannot_make_a_subgraph_read_an_oversize_body(edge: Attacker) -> None:
    padding = "x" * 1_500_000  # over the subgraphs' MAX_BODY_BYTES (1 MB)
    body = json.dumps({"query": UNITS, "variables": {"padding": padding}}).encode()

    response = await _post(edge.subgraph_url("points"), body)

    _refused(response, 413, "PAYLOAD_TOO_LARGE")


async def test_forger_cannot_pass_as_the_gateway_with_a_signature_of_their_own(
    edge: Attacker,
) -> None:
    before = await _snapshot(edge, "people")
    login = json.dumps(
        {"query": LOGIN, "variables": {"input": {"phone": ADMIN_PHONE, "password": "guess"}}}
    ).encode()

    response = await _post(
        edge.subgraph_url("people"), login, headers=_signed(login, secret="not-the-secret" * 4)
    )

    _refused(response, 403, "FORBIDDEN")
    assert await _snapshot(edge, "people") == before


async def test_eavesdropper_cannot_replay_an_old_gateway_request(edge: Attacker) -> None:
    before = await _snapshot(edge, "people")
    login = json.dumps(
        {"query": LOGIN, "variables": {"input": {"phone": ADMIN_PHONE, "password": "guess"}}}
    ).encode()
    # a request the gateway really signed, captured and sent again later
    captured = _signed(login, at=time.time() - MAX_SKEW_SECONDS - 30)

    response = await _post(edge.subgraph_url("people"), login, headers=captured)

    _refused(response, 403, "FORBIDDEN")
    assert await _snapshot(edge, "people") == before


# -- the cost limit --------------------------------------------------------------------------------


async def test_anonymous_caller_cannot_fan_out_with_a_huge_page_size_in_a_variable(
    edge: Attacker,
) -> None:
    query = """query Fan($n: Int) { orgUnits(first: $n) { edges { node {
        children(first: $n) { edges { node { cases(first: $n) { edges { node { id } } } } } }
    } } } }"""

    response = await _post(edge.gateway_url, {"query": query, "variables": {"n": 10000}})

    body = _refused(response, 400, "QUERY_TOO_COMPLEX")
    assert body["errors"][0]["extensions"]["limit"] == "maxCost"


async def test_anonymous_caller_cannot_fan_out_by_leaving_the_page_size_out(
    edge: Attacker,
) -> None:
    # each list answers its default page (20): 20 units x 20 children x 20 cases
    query = """{ orgUnits { edges { node {
        children { edges { node { cases { edges { node { id title } } } } } }
    } } } }"""

    response = await _post(edge.gateway_url, {"query": query})

    body = _refused(response, 400, "QUERY_TOO_COMPLEX")
    assert body["errors"][0]["extensions"]["limit"] == "maxCost"


# -- keys -----------------------------------------------------------------------------------------


async def test_forger_with_random_kids_cannot_lock_real_tokens_out(edge_stack: Stack) -> None:
    # a gateway fresh from a restart: it has not verified anyone's token yet
    gateway = f"{_gateway(edge_stack, 'gateway-kid-flood').url}/graphql"
    now = int(time.time())
    claims = {"sub": "x", "iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + 600}
    forger = TokenMint()
    for i in range(40):
        token = jwt.encode(
            {**claims, "typ": "access"}, forger.key, "RS256", headers={"kid": uuid.uuid4().hex}
        )
        response = await _post(
            gateway, {"query": UNITS}, headers={"authorization": f"Bearer {token}"}
        )
        assert response.status_code == 401, (i, response.text)

    login = await _post(
        gateway,
        {
            "query": LOGIN,
            "variables": {"input": {"phone": ADMIN_PHONE, "password": ADMIN_PASSWORD}},
        },
    )
    token = login.json()["data"]["login"]["accessToken"]
    answer = await _post(gateway, {"query": UNITS}, headers={"authorization": f"Bearer {token}"})

    assert answer.json() == {"data": {"orgUnits": {"totalCount": 0}}}


# -- client addresses -----------------------------------------------------------------------------


async def test_client_spoofing_x_forwarded_for_cannot_dodge_the_per_address_limit(
    limited_gateway: str,
) -> None:
    # an attacker straight at the gateway (not through the ingress) invents an address each time
    statuses = []
    for i in range(RATE_LIMIT_PER_IP + 5):
        response = await _post(
            limited_gateway,
            {"query": "{ __typename }"},
            headers={"x-forwarded-for": f"198.51.{i // 250}.{i % 250 + 1}"},
            local_address="127.0.0.2",
        )
        statuses.append(response.status_code)

    assert statuses[:RATE_LIMIT_PER_IP] == [200] * RATE_LIMIT_PER_IP
    assert set(statuses[RATE_LIMIT_PER_IP:]) == {429}
    assert "RATE_LIMITED" in error_codes(response.json())


async def test_one_flooding_client_cannot_spend_its_neighbours_budget(limited_gateway: str) -> None:
    for _ in range(RATE_LIMIT_PER_IP + 2):
        flood = await _post(limited_gateway, {"query": "{ __typename }"}, local_address="127.0.0.3")
    assert flood.status_code == 429

    neighbour = await _post(limited_gateway, {"query": "{ __typename }"}, local_address="127.0.0.4")

    assert neighbour.status_code == 200, neighbour.text
    assert neighbour.json() == {"data": {"__typename": "Query"}}


async def test_client_behind_the_ingress_cannot_dodge_the_limit_by_prepending_addresses(
    limited_gateway: str,
) -> None:
    # the ingress (127.0.0.1, trusted) appends the address it saw to what the client sent
    statuses = []
    for i in range(RATE_LIMIT_PER_IP + 3):
        response = await _post(
            limited_gateway,
            {"query": "{ __typename }"},
            headers={"x-forwarded-for": f"10.77.{i // 250}.{i % 250 + 1}, 203.0.113.77"},
        )
        statuses.append(response.status_code)

    assert statuses[:RATE_LIMIT_PER_IP] == [200] * RATE_LIMIT_PER_IP
    assert set(statuses[RATE_LIMIT_PER_IP:]) == {429}


# -- subscriptions keep the boundary -------------------------------------------------------------

SUBSCRIBE = {
    "query": 'subscription { caseChanged(orgUnitId: "nowhere") { eventId case { description } } }'
}


async def test_direct_caller_cannot_subscribe_on_a_subgraph_port(edge: Attacker) -> None:
    response = await _post(
        edge.subgraph_url("cases"), SUBSCRIBE, headers={"accept": "text/event-stream"}
    )

    assert "text/event-stream" not in response.headers.get("content-type", "")
    _refused(response, 401, "UNAUTHENTICATED")


async def _websocket_refused(url: str) -> bool:
    from websockets.asyncio.client import connect
    from websockets.exceptions import InvalidHandshake

    try:
        async with connect(
            url.replace("http://", "ws://"), subprotocols=[Subprotocol("graphql-transport-ws")]
        ) as socket:
            await socket.send(json.dumps({"type": "connection_init"}))
            await socket.recv()
    except InvalidHandshake:
        return True
    return False


async def test_direct_caller_cannot_open_a_websocket_on_a_subgraph_port(edge: Attacker) -> None:
    assert await _websocket_refused(edge.subgraph_url("cases"))


async def test_client_cannot_subscribe_over_a_websocket_that_skips_the_gateways_limits(
    edge: Attacker,
) -> None:
    assert await _websocket_refused(edge.gateway_url)


async def test_the_gateway_signs_the_subscriptions_it_forwards(edge: Attacker) -> None:
    """The control: a subscription through the gateway reaches the subgraph's own rules."""
    token = (
        await edge.graphql(LOGIN, {"input": {"phone": ADMIN_PHONE, "password": ADMIN_PASSWORD}})
    )["data"]["login"]["accessToken"]

    async with subscribe(edge.gateway_url, SUBSCRIBE["query"], token=token) as live:
        result = await live.next(timeout=30)

    # the subgraph ran the resolver (no such unit), so the gateway's signature verified
    assert error_codes(result) == {"NOT_FOUND"}, result
