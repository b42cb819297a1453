"""A private RabbitMQ node on free ports, for tests that must stop the broker.

The machine's shared RabbitMQ serves other suites and stacks: it is never stopped. A fault test
starts its own node (its own name, ports, data and plugins file), stops it and starts it again on
the same ports and data, then shuts it down for good.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import aio_pika

from tests.support.mongod import free_port


def rabbit_tool(name: str) -> str | None:
    """`rabbitmq-server` or `rabbitmqctl`, also where Debian puts them off the PATH."""
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin")


@dataclass
class PrivateRabbit:
    base: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="grassroots-rmq-")))
    node: str = field(default_factory=lambda: f"grassroots-fault-{uuid.uuid4().hex[:8]}@localhost")
    port: int = field(default_factory=free_port)
    dist_port: int = field(default_factory=free_port)

    @property
    def url(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:{self.port}/"

    def _env(self) -> dict[str, str]:
        plugins = self.base / "enabled_plugins"
        for folder in ("mnesia", "log"):
            (self.base / folder).mkdir(parents=True, exist_ok=True)
        # The machine's /etc/rabbitmq/rabbitmq.conf may pin the listener to 5672: use our own.
        config = self.base / "rabbitmq.conf"
        config.write_text(f"listeners.tcp.local = 127.0.0.1:{self.port}\n")
        _hand_to_broker_user(self.base)
        if not plugins.exists():
            plugins.write_text("[].\n")
        return {
            **os.environ,
            "RABBITMQ_NODENAME": self.node,
            "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
            "RABBITMQ_NODE_PORT": str(self.port),
            "RABBITMQ_DIST_PORT": str(self.dist_port),
            "RABBITMQ_MNESIA_BASE": str(self.base / "mnesia"),
            "RABBITMQ_LOG_BASE": str(self.base / "log"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(plugins),
            "RABBITMQ_CONFIG_FILE": str(config),
            "RABBITMQ_PID_FILE": str(self.base / "node.pid"),
        }

    def start(self, timeout: float = 90) -> None:
        server = rabbit_tool("rabbitmq-server")
        if server is None:
            raise RuntimeError("rabbitmq-server is not installed")
        subprocess.run(
            [server, "-detached"],
            env=self._env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
            start_new_session=True,
        )
        self.wait_up(timeout)

    def wait_up(self, timeout: float) -> None:
        """Until an AMQP client can open a connection (the node may boot slowly when loaded)."""
        import asyncio

        async def probe() -> bool:
            try:
                connection = await aio_pika.connect(self.url, timeout=3)
            except Exception:
                return False
            await connection.close()
            return True

        deadline = time.monotonic() + timeout
        while not asyncio.run(probe()):
            if time.monotonic() > deadline:
                raise TimeoutError(f"private RabbitMQ {self.node} not up after {timeout}s")
            time.sleep(0.5)

    def stop(self) -> None:
        """Shut the node down (its data stays, so `start` brings back durable queues)."""
        ctl = rabbit_tool("rabbitmqctl")
        if ctl is None:
            return
        with contextlib.suppress(subprocess.TimeoutExpired):
            subprocess.run(
                [ctl, "-n", self.node, "shutdown"],
                env=self._env(),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=120,
                check=False,
            )

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.base, ignore_errors=True)


def _hand_to_broker_user(base: Path) -> None:
    """Debian's rabbitmq-server drops to the `rabbitmq` user when started as root."""
    if os.geteuid() != 0:
        return
    try:
        import pwd

        pwd.getpwnam("rabbitmq")
    except KeyError:
        return
    for path in [base, *base.rglob("*")]:
        shutil.chown(path, "rabbitmq", "rabbitmq")


def queues_with_prefix(prefix: str, node: str | None = None) -> list[str]:
    """Names of the queues of a namespace, as the node lists them (empty if it cannot)."""
    ctl = rabbit_tool("rabbitmqctl")
    if ctl is None:
        return []
    command = [ctl, *(["-n", node] if node else []), "list_queues", "-q", "--no-table-headers"]
    try:
        done = subprocess.run(
            [*command, "name"], capture_output=True, text=True, timeout=60, check=False
        )
    except subprocess.TimeoutExpired:
        return []
    return [line.strip() for line in done.stdout.splitlines() if line.startswith(prefix)]
