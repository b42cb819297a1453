"""What every scenario shares: a private stack, wrk, percentiles and where figures go."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pymongo import MongoClient

from tests.support.mongod import MongoServer, start_mongod
from tests.support.private_rabbit import queues_with_prefix
from tests.support.rabbit import BrokerNamespace, amqp_url
from tests.support.stack import SERVICES, Stack

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def save(name: str, figures: dict[str, Any]) -> None:
    """Print the figures and keep them in bench/out/<name>.json for run_all's report."""
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.json").write_text(json.dumps(figures, indent=2, default=str))
    print(json.dumps(figures, indent=2, default=str))


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    millis = [s * 1000 for s in seconds]
    return {
        "n": len(millis),
        "p50_ms": round(percentile(millis, 50), 2),
        "p99_ms": round(percentile(millis, 99), 2),
        "mean_ms": round(statistics.fmean(millis), 2) if millis else float("nan"),
    }


@contextlib.contextmanager
def private_mongod() -> Iterator[MongoServer]:
    server = start_mongod()
    try:
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def bench_stack(
    services: Sequence[str] = SERVICES, *, gateway: bool = True, env: dict[str, str] | None = None
) -> Iterator[tuple[Stack, MongoServer]]:
    """Services (and the gateway) as real processes on free ports, against a private mongod
    and the machine's RabbitMQ under a unique prefix; everything removed afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix="grassroots-bench-"))
    with private_mongod() as mongo:
        stack = Stack(mongo.url, amqp_url(), workdir, env=dict(env or {}))
        try:
            for service in services:
                stack.start_service(service)
            if gateway:
                stack.start_gateway()
            yield stack, mongo
        finally:
            stack.stop()
            asyncio.run(drop_queues(stack.amqp_url, stack.prefix))
            if os.environ.get("BENCH_KEEP"):
                print(f"kept the stack's logs in {workdir}")
            else:
                shutil.rmtree(workdir, ignore_errors=True)


async def drop_queues(url: str, prefix: str, node: str | None = None) -> None:
    namespace = BrokerNamespace(url, prefix=prefix)
    namespace.queues.update(queues_with_prefix(prefix, node or os.environ.get("BENCH_RABBIT_NODE")))
    await namespace.cleanup()


def mongo_sync(url: str) -> MongoClient[dict[str, Any]]:
    return MongoClient(url, tz_aware=True)


@dataclass(frozen=True)
class WrkResult:
    connections: int
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int
    non_2xx: int
    requests: int = 0

    def as_dict(self) -> dict[str, float]:
        return {
            "clients": self.connections,
            "req_per_s": round(self.requests_per_s, 1),
            "p50_ms": round(self.p50_ms, 2),
            "p99_ms": round(self.p99_ms, 2),
            "errors": self.errors,
            "non_2xx": self.non_2xx,
            "requests": self.requests,
        }


# Each wrk thread starts at its own offset in the bodies (spread evenly), so threads do not send
# the same body at the same moment; within a thread, consecutive requests take consecutive
# bodies. With more bodies than connections no two in-flight requests are identical, which is
# what a gateway's in-flight deduplication would otherwise merge.
_LUA = """wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
{auth}
local bodies = {{ {bodies} }}
local threads = 0
setup = function(thread)
  thread:set("offset", math.floor(threads * #bodies / {threads}))
  threads = threads + 1
end
local i = nil
request = function()
  if i == nil then i = offset or 0 end
  i = i % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[i])
end
"""


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def wrk_post(
    url: str,
    payload: dict[str, Any] | Sequence[dict[str, Any]],
    *,
    connections: int,
    seconds: int = 5,
    token: str | None = None,
) -> WrkResult:
    """A closed loop of `connections` keep-alive clients POSTing GraphQL bodies in turn.

    Pass several payloads (e.g. the same query for different ids) so that a gateway cannot
    answer concurrent identical requests with one subgraph call (in-flight deduplication)."""
    payloads = [payload] if isinstance(payload, dict) else list(payload)
    bodies = ", ".join(json.dumps(json.dumps(p)) for p in payloads)
    auth = f'wrk.headers["authorization"] = "Bearer {token}"' if token else ""
    threads = min(2, connections)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_LUA.format(auth=auth, bodies=bodies, threads=threads))
    try:
        done = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "--latency",
                "-s",
                script.name,
                url,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=True,
        )
    finally:
        os.unlink(script.name)
    return parse_wrk(done.stdout, connections)


def _millis(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        return float("nan")
    value, unit = float(match.group(1)), match.group(2)
    return value * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(out: str, connections: int) -> WrkResult:
    def latency(pct: str) -> float:
        match = re.search(rf"^\s+{pct}%\s+(\S+)", out, re.M)
        return _millis(match.group(1)) if match else float("nan")

    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    total = re.search(r"(\d+) requests in ", out)
    return WrkResult(
        connections=connections,
        requests_per_s=float(rate.group(1)) if rate else 0.0,
        p50_ms=latency("50"),
        p99_ms=latency("99"),
        errors=sum(int(g) for g in errors.groups()) if errors else 0,
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        requests=int(total.group(1)) if total else 0,
    )


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process (not its children) has used, from /proc."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS


def listener_pid(port: int) -> int | None:
    """The process listening on a local TCP port (the broker, say), from /proc; None if none
    of ours is."""
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table) as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(f"socket:[{fields[9]}]")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            for fd in (entry / "fd").iterdir():
                if os.readlink(fd) in inodes:
                    return int(entry.name)
    return None


def start_py_spy(pid: int, seconds: int, output: Path) -> subprocess.Popen[bytes]:
    """py-spy sampling a process for `seconds` into `output` (raw collapsed stacks)."""
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "py-spy"),
            "record",
            "--pid",
            str(pid),
            "--duration",
            str(seconds),
            "--rate",
            "200",
            "--format",
            "raw",
            "--output",
            str(output),
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def infrastructure_pids(stack: Stack) -> dict[str, int]:
    """mongod's and the broker's processes under a stack, found by the ports they listen on."""
    pids: dict[str, int] = {}
    for name, port in (
        ("mongod", urlsplit(stack.mongo_url).port),
        ("rabbitmq", urlsplit(stack.amqp_url).port or 5672),
    ):
        pid = listener_pid(port) if port else None
        if pid is not None:
            pids[name] = pid
    return pids


class CpuMeter:
    """CPU seconds each named process uses between `start()` and `stop()`."""

    def __init__(self, pids: dict[str, int]) -> None:
        self._pids = pids
        self._before: dict[str, float] = {}
        self.used: dict[str, float] = {}

    def start(self) -> None:
        self._before = {name: cpu_seconds(pid) for name, pid in self._pids.items()}

    def stop(self) -> dict[str, float]:
        self.used = {
            name: round(cpu_seconds(pid) - self._before[name], 3)
            for name, pid in self._pids.items()
        }
        return self.used


def machine() -> dict[str, Any]:
    load = os.getloadavg()
    return {
        "cpus": os.cpu_count(),
        "loadavg_1_5_15": [round(x, 2) for x in load],
        "cpu_model": _cpu_model(),
    }


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown"
