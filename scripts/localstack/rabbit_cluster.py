"""A three-node RabbitMQ cluster, each node on a host of its own, beside the machine's broker.

    with RabbitCluster.started(workdir) as cluster:
        cluster.urls         # ["amqp://guest:guest@10.x.y.11:5672/", … .12 …, … .13 …]
        cluster.url          # the three, comma-separated (AMQP_URL of a service)
        cluster.kill(i)      # kill -9 node i;  cluster.start(i) starts it again on its data
        cluster.cut(i)       # partition node i away;  cluster.heal(i)
        cluster.leader("q")  # index of the node leading quorum queue q

Each node is a `rabbitmq-server` of this machine's installation with its own node name
(gr1@10.x.y.11 …, long names), its own data, log and config files and an Erlang cookie shared
only by the three (HOME points at a directory holding it). The nodes run in network namespaces
(scripts/localstack/netns.py), so each listens on 5672 (AMQP), 4369 (its own epmd) and 25672
(distribution) at its own address: the machine's broker (rabbit@localhost, 127.0.0.1:5672) and
its epmd are never touched. No plugin is enabled (no management port).
`cluster_partition_handling = pause_minority`: a node cut off from the other two stops serving
clients, so they move to a node of the majority, and rejoins when the partition heals.
Nodes 2 and 3 join node 1 (`rabbitmqctl stop_app / join_cluster / start_app`).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .netns import Net
from .rabbit import answers

PORT = 5672
NODES = 3
CONFIG = """\
listeners.tcp.default = {port}
loopback_users = none
cluster_partition_handling = pause_minority
log.console = false
log.file.level = info
"""


def _sbin(tool: str) -> str:
    """The tool itself, not Debian's /usr/sbin wrapper: run as root, that one switches to the
    `rabbitmq` user and the system's HOME (its cookie, its permissions on our directories)."""
    found = shutil.which(tool, path="/usr/lib/rabbitmq/bin") or shutil.which(
        tool, path="/usr/sbin:/usr/local/sbin"
    )
    if found is None:
        raise RuntimeError(f"{tool} is not installed (apt-get install rabbitmq-server)")
    return found


@dataclass
class RabbitCluster:
    workdir: Path
    nodes: int = NODES
    net: Net = field(init=False)
    processes: dict[int, subprocess.Popen[bytes]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.net = Net(self.nodes)

    # -- addresses ---------------------------------------------------------------------
    def node(self, index: int) -> str:
        return f"gr{index}@{self.net.address(index)}"

    def amqp_url(self, index: int) -> str:
        return f"amqp://guest:guest@{self.net.address(index)}:{PORT}/"

    @property
    def urls(self) -> list[str]:
        return [self.amqp_url(i) for i in range(1, self.nodes + 1)]

    @property
    def url(self) -> str:
        return ",".join(self.urls)

    @property
    def home(self) -> Path:
        return self.workdir / "rabbit-home"

    def _env(self, index: int) -> dict[str, str]:
        base = self.workdir / f"rabbit{index}"
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("RABBITMQ_", "ERL_"))
        }
        return {
            **env,
            "HOME": str(self.home),
            "RABBITMQ_CONF_ENV_FILE": str(base / "rabbitmq-env.conf"),
            "RABBITMQ_CONFIG_FILE": str(base / "rabbitmq.conf"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(base / "enabled_plugins"),
            "RABBITMQ_NODENAME": self.node(index),
            "RABBITMQ_USE_LONGNAME": "true",
            "RABBITMQ_NODE_IP_ADDRESS": self.net.address(index),
            "RABBITMQ_NODE_PORT": str(PORT),
            "RABBITMQ_DIST_PORT": "25672",
            "RABBITMQ_MNESIA_BASE": str(base / "mnesia"),
            "RABBITMQ_LOG_BASE": str(base / "log"),
            "RABBITMQ_PID_FILE": str(base / "pid"),
        }

    # -- life cycle --------------------------------------------------------------------
    @classmethod
    @contextlib.contextmanager
    def started(cls, workdir: Path, timeout: float = 180) -> Iterator[RabbitCluster]:
        cluster = cls(workdir)
        try:
            cluster.create(timeout)
            yield cluster
        finally:
            cluster.remove()

    def create(self, timeout: float = 180) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.home.mkdir(exist_ok=True)
        cookie = self.home / ".erlang.cookie"
        cookie.write_text(secrets.token_hex(16).upper())
        cookie.chmod(0o400)
        for index in range(1, self.nodes + 1):
            base = self.workdir / f"rabbit{index}"
            (base / "log").mkdir(parents=True, exist_ok=True)
            (base / "rabbitmq-env.conf").write_text("")
            (base / "rabbitmq.conf").write_text(CONFIG.format(port=PORT))
            (base / "enabled_plugins").write_text("[].\n")
        self.net.create()
        for index in range(1, self.nodes + 1):
            self.start(index)
        for index in range(1, self.nodes + 1):
            self.wait_node(index, timeout)
        for index in range(2, self.nodes + 1):
            self.ctl(index, "stop_app")
            self.ctl(index, "join_cluster", self.node(1))
            self.ctl(index, "start_app")
        self.wait_cluster(timeout)

    def start(self, index: int) -> None:
        log = (self.workdir / f"rabbit{index}.log").open("ab")
        self.processes[index] = subprocess.Popen(
            self.net.argv(index, [_sbin("rabbitmq-server")]),
            env=self._env(index),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()

    def ctl(self, index: int, *args: str, timeout: float = 120) -> str:
        """`rabbitmqctl` against node `index`, run inside its namespace."""
        argv = self.net.argv(
            index, [_sbin("rabbitmqctl"), "--longnames", "-n", self.node(index), *args]
        )
        done = subprocess.run(
            argv,
            env=self._env(index),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        if done.returncode != 0:
            raise RuntimeError(f"rabbitmqctl {' '.join(args)} on {self.node(index)}: {done.stderr}")
        return done.stdout

    def wait_node(self, index: int, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not answers(self.net.address(index), PORT, timeout=1.0):
            process = self.processes.get(index)
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"{self.node(index)} exited; see {self.workdir}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.node(index)} not answering after {timeout}s")
            time.sleep(0.5)

    def running_nodes(self, index: int) -> set[str]:
        """The nodes node `index` sees running in its cluster."""
        import json

        out = self.ctl(index, "cluster_status", "--formatter", "json", timeout=30)
        return set(json.loads(out).get("running_nodes", []))

    def wait_cluster(self, timeout: float = 120) -> None:
        """Wait until every node runs and sees all the others."""
        everyone = {self.node(i) for i in range(1, self.nodes + 1)}
        deadline = time.monotonic() + timeout
        while True:
            try:
                if all(
                    answers(self.net.address(i), PORT, timeout=1.0)
                    and self.running_nodes(i) == everyone
                    for i in range(1, self.nodes + 1)
                ):
                    return
            except (RuntimeError, subprocess.TimeoutExpired):
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"rabbit cluster not whole after {timeout}s; see {self.workdir}")
            time.sleep(1.0)

    def _queue_row(self, queue: str) -> dict[str, object]:
        import json

        for index in range(1, self.nodes + 1):
            if not answers(self.net.address(index), PORT, timeout=1.0):
                continue
            out = self.ctl(
                index, "list_queues", "name", "leader", "members", "--formatter", "json", timeout=30
            )
            for row in json.loads(out):
                if row.get("name") == queue:
                    return dict(row)
            break
        raise LookupError(f"{queue} not found")

    def _index(self, node: object) -> int:
        for candidate in range(1, self.nodes + 1):
            if self.node(candidate) == node:
                return candidate
        raise LookupError(f"{node} is no node of this cluster")

    def leader(self, queue: str) -> int:
        """The node that leads quorum queue `queue`."""
        return self._index(self._queue_row(queue).get("leader"))

    def members(self, queue: str) -> set[int]:
        """The nodes holding a replica of quorum queue `queue`."""
        row = self._queue_row(queue)
        members = row.get("members")
        return {self._index(node) for node in (members if isinstance(members, list) else [])}

    def kill(self, index: int, sig: int = signal.SIGKILL) -> None:
        process = self.processes.get(index)
        if process is None or process.poll() is not None:
            return
        if sig == signal.SIGTERM:
            # A clean stop: rabbitmqctl stop waits for the node to leave its queues orderly.
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                self.ctl(index, "stop", timeout=120)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig if sig != signal.SIGTERM else signal.SIGKILL)
        process.wait(timeout=60)

    def restart(self, index: int, timeout: float = 180) -> None:
        """Stop node `index` cleanly, start it again, wait until the cluster is whole."""
        self.kill(index, signal.SIGTERM)
        self.start(index)
        self.wait_node(index, timeout)
        self.wait_cluster(timeout)

    def cut(self, index: int) -> None:
        self.net.cut(index)

    def heal(self, index: int) -> None:
        self.net.heal(index)

    def remove(self) -> None:
        for index in list(self.processes):
            self.kill(index)
        self.net.remove()  # also ends each namespace's epmd
        for index in range(1, self.nodes + 1):
            shutil.rmtree(self.workdir / f"rabbit{index}", ignore_errors=True)
        shutil.rmtree(self.home, ignore_errors=True)
