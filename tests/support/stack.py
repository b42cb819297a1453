"""The whole stack as real processes: four services and the gateway on free ports.

Each stack gets its own databases and event prefix, so it collides with nothing: not another
test, not another worker, not a `make up` stack running on the same machine.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.mongod import free_port

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("people", "cases", "points", "participation", "notifications")


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def alive(self) -> bool:
        return self.popen.poll() is None

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.alive():
            os.killpg(self.popen.pid, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.popen.wait(timeout=20)
        if self.alive():
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait()

    def tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


# (broker URL, prefix) of every stack this test process made.
STARTED: list[tuple[str, str]] = []


@dataclass
class Stack:
    mongo_url: str
    amqp_url: str
    workdir: Path
    prefix: str = field(default_factory=lambda: f"e{uuid.uuid4().hex[:10]}.")
    processes: dict[str, list[Process]] = field(default_factory=dict)
    # Extra environment for every process (services and gateway), e.g. JWKS_URL or limits.
    env: dict[str, str] = field(default_factory=dict)
    # A service's own broker URL (its own user), instead of `amqp_url`.
    service_amqp_urls: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Remembered so that the session's end removes the stack's queues and exchanges even
        # when the test that made it did not (tests/conftest.py, pytest_sessionfinish).
        STARTED.append((self.amqp_url, self.prefix))

    def database(self, service: str) -> str:
        return f"{self.prefix.rstrip('.')}_{service}"

    def admin_login_env(self) -> dict[str, str]:
        """people's platform admin login (no deployment has a fixed one): the tests' own."""
        from tests.support.people_auth import ADMIN_PASSWORD, ADMIN_PHONE

        login = {"BOOTSTRAP_ADMIN_PHONE": ADMIN_PHONE, "BOOTSTRAP_ADMIN_PASSWORD": ADMIN_PASSWORD}
        return {**login, **{k: v for k, v in self.env.items() if k in login}}

    def service_env(self, service: str, port: int) -> dict[str, str]:
        return {
            **os.environ,
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "MONGODB_URL": self.mongo_url,
            "MONGODB_DATABASE": self.database(service),
            "AMQP_URL": self.service_amqp_urls.get(service, self.amqp_url),
            "EVENTS_PREFIX": self.prefix,
            "RELAY_POLL_SECONDS": "0.2",
            "LOG_LEVEL": "INFO",
            **self.admin_login_env(),
            # Services verify tokens against this stack's people, once people is up.
            **(
                {"JWKS_URL": f"{self.processes['people'][0].url}/.well-known/jwks.json"}
                if self.processes.get("people")
                else {}
            ),
            **self.env,
        }

    def start_service(self, service: str) -> Process:
        port = free_port()
        index = len(self.processes.get(service, []))
        log = self.workdir / f"{service}-{index}.log"
        popen = subprocess.Popen(
            [sys.executable, "-m", f"grassroots_{service}"],
            env=self.service_env(service, port),
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process = Process(service, popen, port, log)
        self.processes.setdefault(service, []).append(process)
        wait_http(f"{process.url}/health/ready", process)
        return process

    def start_gateway(self) -> Process:
        port = free_port()
        log = self.workdir / "gateway.log"
        env = {
            **os.environ,
            "PORT": str(port),
            "HOST": "127.0.0.1",
            **{f"{s.upper()}_URL": f"{self.processes[s][0].url}/graphql" for s in SERVICES},
            # The gateway verifies tokens against this stack's people, not a `make up` one.
            "JWKS_URL": f"{self.processes['people'][0].url}/.well-known/jwks.json",
            # As in `make up`: the demo loader's bulk admin operations outlast 10 s.
            "SUBGRAPH_TIMEOUT_MS": "600000",
            **self.env,
        }
        popen = subprocess.Popen(
            ["sh", str(ROOT / "gateway" / "start.sh")],
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process = Process("gateway", popen, port, log)
        self.processes["gateway"] = [process]
        wait_http(f"{process.url}/readiness", process, timeout=90)
        return process

    @property
    def gateway(self) -> Process:
        return self.processes["gateway"][0]

    def stop(self) -> None:
        for group in self.processes.values():
            for process in group:
                process.kill(signal.SIGTERM)


def wait_http(url: str, process: Process, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if not process.alive():
            raise RuntimeError(f"{process.name} exited early:\n{process.tail()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} not ready after {timeout}s:\n{process.tail()}")
        time.sleep(0.2)


def post_graphql(
    url: str,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    import json

    headers = {"content-type": "application/json"}
    if language:
        headers["accept-language"] = language
    if token:
        headers["authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        url,
        data=json.dumps({"query": query, "variables": variables or {}}).encode(),
        headers=headers,
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body: dict[str, Any] = json.loads(response.read())
    except urllib.error.HTTPError as exc:
        body = json.loads(exc.read())
    return body


@contextlib.contextmanager
def running_stack(
    mongo_url: str, amqp_url: str, workdir: Path, env: dict[str, str] | None = None
) -> Iterator[Stack]:
    stack = Stack(mongo_url, amqp_url, workdir, env=dict(env or {}))
    try:
        for service in SERVICES:
            stack.start_service(service)
        stack.start_gateway()
        yield stack
    finally:
        stack.stop()


# Every durable queue a stack's services declare (each also has a `.dead` twin).
STACK_QUEUES = {
    "cases": ("projections",),
    "points": ("projections", "awards"),
    "participation": ("projections",),
    "notifications": ("projections", "notices"),
}


async def remove_stack_queues(amqp_url: str, prefix: str) -> None:
    """Delete the queues, parking queues and exchanges a stack with this prefix declared."""
    from tests.support.rabbit import BrokerNamespace

    namespace = BrokerNamespace(amqp_url, prefix=prefix)
    for service, purposes in STACK_QUEUES.items():
        for purpose in purposes:
            namespace.track(f"{prefix}{service}.{purpose}")
    with contextlib.suppress(Exception):
        await namespace.cleanup()


async def remove_stack_state(stack: Stack, mongo_url: str) -> None:
    """Delete a stack's queues, exchange and databases, so runs leave nothing behind."""
    from pymongo import AsyncMongoClient

    await remove_stack_queues(stack.amqp_url, stack.prefix)
    client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(
        mongo_url, serverSelectionTimeoutMS=5000
    )
    try:
        for service in SERVICES:
            with contextlib.suppress(Exception):
                await client.drop_database(stack.database(service))
    finally:
        await client.close()
