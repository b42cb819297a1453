"""RabbitMQ: is one answering, and start or stop the machine's own when we must."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Callable
from urllib.parse import urlsplit

DEFAULT_URL = "amqp://guest:guest@127.0.0.1:5672/"
INSTALL_HINT = (
    "RabbitMQ is not running on 127.0.0.1:5672 and rabbitmq-server is not installed.\n"
    "  Install and start it:  apt-get install rabbitmq-server && rabbitmq-server -detached\n"
    "  or point the stack at one you have:  AMQP_URL=amqp://user:pass@host:5672/ make up"
)
# The AMQP 0-9-1 protocol header a client opens with; a broker answers with a method frame
# (type 1) carrying Connection.Start.
_PROTOCOL_HEADER = b"AMQP\x00\x00\x09\x01"


def address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    default = 5671 if parts.scheme == "amqps" else 5672
    return parts.hostname or "127.0.0.1", parts.port or default


def answers(host: str, port: int, timeout: float = 2.0) -> bool:
    """Whether an AMQP 0-9-1 broker is accepting connections at host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.settimeout(timeout)
            sock.sendall(_PROTOCOL_HEADER)
            return sock.recv(1) == b"\x01"
    except OSError:
        return False


def _sbin(tool: str) -> str | None:
    """`tool` on PATH, or in /usr/sbin (not on PATH for everyone) where Debian puts it."""
    return shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/usr/local/sbin")


def server_binary() -> str | None:
    return _sbin("rabbitmq-server")


def start(binary: str) -> None:
    """Start the machine's RabbitMQ node in the background (returns before it is up)."""
    subprocess.run(
        [binary, "-detached"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        start_new_session=True,
    )


def wait(host: str, port: int, timeout: float, up: Callable[[str, int], bool] = answers) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if up(host, port):
            return True
        time.sleep(1.0)
    return up(host, port)


def stop() -> bool:
    """Stop the machine's RabbitMQ node (only ever called for one the stack started)."""
    ctl = _sbin("rabbitmqctl")
    if ctl is None:
        return False
    try:
        done = subprocess.run(
            [ctl, "shutdown"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0
