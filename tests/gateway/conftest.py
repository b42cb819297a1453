"""Gateways under test, all real `gateway/start.sh` processes over one stack of real services.

- `stack.gateway`: development mode, tokens verified against `jwks` (the tests' key plus people's
  keys), tight rate limits keyed by X-Forwarded-For so each test has its own client address.
- `production_gateway`: ENVIRONMENT=production (persisted operations only, no introspection,
  no GraphiQL) with a manifest the tests register, and a JWKS_URL nothing answers.
- `degraded_gateway`: `cases` is a server that never answers and `points` a process the test
  kills, to watch the gateway fail fast and keep the healthy subgraph's fields.
"""

from __future__ import annotations

import itertools
import os
import subprocess
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.gateway.servers import BlackHole, JwksServer
from tests.support.mongod import free_port
from tests.support.stack import ROOT, SERVICES, Process, Stack, remove_stack_state, wait_http
from tests.support.tokens import TokenMint

# Small enough to trip in a test (on `limited_gateway` only).
RATE_LIMIT_PER_IP = 40
RATE_LIMIT_PER_USER = 25
MAX_REQUEST_BYTES = 20_000
SUBGRAPH_TIMEOUT_MS = 2_000
JWKS_REFETCH_SECONDS = 1
# A production gateway refuses to start without one; this stack's subgraphs check none.
SIGNING_SECRET = "tests-gateway-signing-secret-0123456789abcdef"

_addresses = itertools.count(1)


@dataclass
class Gateway:
    process: Process

    @property
    def url(self) -> str:
        return f"{self.process.url}/graphql"

    def post(
        self,
        body: dict[str, Any] | bytes,
        *,
        token: str | None = None,
        headers: dict[str, str] | None = None,
        client_ip: str | None = None,
        language: str | None = "en",
        timeout: float = 30,
    ) -> httpx.Response:
        # The tests read English messages unless they ask for another language (`language`);
        # `None` sends no Accept-Language, which gets the default (zh-CN).
        sent = {"content-type": "application/json", **(headers or {})}
        if language is not None:
            sent.setdefault("accept-language", language)
        if token is not None:
            sent["authorization"] = f"Bearer {token}"
        # Every request comes from an address of its own unless the test pins one: only the
        # rate-limit tests spend an address's budget.
        sent["x-forwarded-for"] = client_ip or fresh_address()
        content = body if isinstance(body, bytes) else httpx.Request("POST", "/", json=body).read()
        return httpx.post(self.url, content=content, headers=sent, timeout=timeout)

    def query(
        self, query: str, variables: dict[str, Any] | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        response = self.post({"query": query, "variables": variables or {}}, **kwargs)
        body: dict[str, Any] = response.json()
        return body


def start_gateway(stack: Stack, name: str, env: dict[str, str]) -> Process:
    """Another gateway process over `stack`'s services, with `env` on top of the stack's."""
    port = free_port()
    log = stack.workdir / f"{name}.log"
    popen = subprocess.Popen(
        ["sh", str(ROOT / "gateway" / "start.sh")],
        env={
            **os.environ,
            "PORT": str(port),
            "HOST": "127.0.0.1",
            **{f"{s.upper()}_URL": f"{stack.processes[s][0].url}/graphql" for s in SERVICES},
            **stack.env,
            **env,
        },
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    process = Process(name, popen, port, log)
    stack.processes.setdefault(name, []).append(process)
    wait_http(f"{process.url}/readiness", process, timeout=90)
    return process


@pytest.fixture(scope="session")
def mint() -> TokenMint:
    return TokenMint()


@pytest.fixture(scope="session")
def jwks(mint: TokenMint) -> Iterator[JwksServer]:
    server = JwksServer(mint)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
async def stack(
    mongo_url: str, rabbit_url: str, jwks: JwksServer, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Stack]:
    workdir: Path = tmp_path_factory.mktemp("gateway-stack")
    running = Stack(
        mongo_url,
        rabbit_url,
        workdir,
        env={
            "JWKS_URL": jwks.url,
            # The tests' client is the proxy: each test's X-Forwarded-For is its own address.
            "TRUSTED_PROXIES": "127.0.0.1/32,::1/128",
            # A key rotation is picked up within a second (the unknown-kid refetch interval).
            "JWKS_REFETCH_SECONDS": str(JWKS_REFETCH_SECONDS),
            "MAX_REQUEST_BYTES": str(MAX_REQUEST_BYTES),
        },
    )
    try:
        running.start_service("people")
        jwks.people_url = f"{running.processes['people'][0].url}/.well-known/jwks.json"
        for service in SERVICES[1:]:
            running.start_service(service)
        running.start_gateway()
        yield running
    finally:
        running.stop()
        await remove_stack_state(running, mongo_url)


@pytest.fixture(scope="session")
def gateway(stack: Stack) -> Gateway:
    return Gateway(stack.gateway)


@pytest.fixture(scope="session")
def limited_gateway(stack: Stack) -> Gateway:
    """Rate limits small enough to trip in a test, on a gateway of their own."""
    return Gateway(
        start_gateway(
            stack,
            "gateway-limited",
            {
                "RATE_LIMIT_PER_IP": str(RATE_LIMIT_PER_IP),
                "RATE_LIMIT_PER_USER": str(RATE_LIMIT_PER_USER),
                "RATE_LIMIT_WINDOW_SECONDS": "120",
            },
        )
    )


BOOTSTRAP_ADMIN = {"phone": "10000000000", "password": "grassroots-bootstrap"}
LOGIN = "mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }"


@pytest.fixture(scope="session")
def admin_token(gateway: Gateway) -> str:
    """A real access token from people's `login`: the platform admin people bootstraps."""
    body = gateway.query(LOGIN, {"input": BOOTSTRAP_ADMIN})
    if body.get("errors") or not body.get("data"):
        pytest.skip(f"people's bootstrap admin cannot log in: {body.get('errors')}")
    token: str = body["data"]["login"]["accessToken"]
    return token


def fresh_address() -> str:
    n = next(_addresses)
    return f"10.{n // 62500 % 250}.{n // 250 % 250}.{n % 250 + 1}"


@pytest.fixture
def client_ip() -> str:
    """An address of its own for a test that spends a rate limit."""
    return fresh_address()


@pytest.fixture(scope="session")
def production_manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed manifest plus the operations the tests register (tests/gateway/operations)."""
    path = tmp_path_factory.mktemp("persisted") / "persisted-operations.json"
    committed = ROOT / "gateway" / "persisted-operations.json"
    path.write_text(committed.read_text())
    subprocess.run(
        ["node", str(ROOT / "gateway" / "persist.mjs"), *map(str, OPERATIONS.glob("*.graphql"))],
        env={**os.environ, "PERSISTED_OPERATIONS_PATH": str(path)},
        check=True,
        capture_output=True,
        timeout=60,
    )
    return path


@pytest.fixture(scope="session")
def production_gateway(stack: Stack, production_manifest: Path) -> Gateway:
    return Gateway(
        start_gateway(
            stack,
            "gateway-production",
            {
                "ENVIRONMENT": "production",
                "SUBGRAPH_SIGNING_SECRET": SIGNING_SECRET,
                "PERSISTED_OPERATIONS_PATH": str(production_manifest),
                # people's keys unreachable from this gateway (a port nothing listens on)
                "JWKS_URL": f"http://127.0.0.1:{free_port()}/.well-known/jwks.json",
                "RATE_LIMIT_PER_IP": "0",
                "RATE_LIMIT_PER_USER": "0",
            },
        )
    )


@dataclass
class Degraded:
    gateway: Gateway
    points: Process
    hanging_cases: BlackHole


@pytest.fixture(scope="session")
def degraded(stack: Stack) -> Iterator[Degraded]:
    hole = BlackHole()
    points = stack.start_service("points")  # a replica of its own, for the test to kill
    try:
        process = start_gateway(
            stack,
            "gateway-degraded",
            {
                "CASES_URL": hole.url,
                "POINTS_URL": f"{points.url}/graphql",
                "SUBGRAPH_TIMEOUT_MS": str(SUBGRAPH_TIMEOUT_MS),
            },
        )
        yield Degraded(Gateway(process), points, hole)
    finally:
        hole.close()


OPERATIONS = Path(__file__).parent / "operations"


def operation(name: str) -> str:
    return (OPERATIONS / f"{name}.graphql").read_text()
