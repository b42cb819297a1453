"""The stack's subcommands: up, down, status, logs."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path

from . import backing, broker_users, clusters, health, launch, mongo, plan, procs, rabbit
from .errors import StackError
from .layout import Layout
from .plan import GATEWAY_PORT, MONGO_PORT, SERVICE_PORTS, Kind, Proc

GATEWAY_GRAPHQL = launch.graphql_url(GATEWAY_PORT)
STOP_TIMEOUT_S = 15.0
MONGOD_STOP_TIMEOUT_S = 60.0
# Checked against gateway/supergraph.graphql by tests/static/test_stack_script.py.
EXAMPLE_QUERY = (
    "{ orgUnits(first: 5, filter: {rootsOnly: true})"
    " { totalCount edges { node { id name kind } } } }"
)


def _say(message: str = "") -> None:
    print(message, flush=True)


def _running(layout: Layout) -> dict[str, int]:
    """Every process with a pid file that still runs; stale pid files are removed."""
    alive: dict[str, int] = {}
    for name in procs.recorded(layout.run):
        pid = procs.running_pid(layout.pidfile(name))
        if pid is None:
            layout.pidfile(name).unlink(missing_ok=True)
        else:
            alive[name] = pid
    return alive


def _rel(layout: Layout, path: Path) -> str:
    try:
        return str(path.relative_to(layout.root))
    except ValueError:
        return str(path)


def _port_taken(proc: Proc) -> StackError:
    return StackError(
        f"port {proc.port} (for {proc.name}) is taken by a process the stack did not start.\n"
        f"  Find it with `ss -ltnp 'sport = :{proc.port}'`, stop it, and run `make up` again."
    )


def _check_ports(to_start: Sequence[Proc]) -> None:
    """Fail before starting anything when a port we need is already taken."""
    for proc in to_start:
        if health.port_in_use(proc.port):
            raise _port_taken(proc)


def _start(layout: Layout, proc: Proc, argv: Sequence[str], env: Mapping[str, str]) -> int:
    if health.port_in_use(proc.port):
        raise _port_taken(proc)
    cwd = layout.gateway if proc.kind is Kind.GATEWAY else layout.root
    log, pidfile = layout.log(proc.name), layout.pidfile(proc.name)
    pid = procs.spawn(argv, env=env, cwd=cwd, log=log, pidfile=pidfile)
    _say(f"started {proc.name:<14} pid {pid:<8} port {proc.port}")
    return pid


def _wait(layout: Layout, targets: Sequence[tuple[Proc, int]], timeout: float) -> None:
    probes = [
        health.Probe(
            name=proc.name,
            urls=launch.ready_urls(proc),
            alive=partial(procs.pid_alive, pid),
            log=layout.log(proc.name),
        )
        for proc, pid in targets
    ]
    failure = health.wait_ready(probes, timeout=timeout)
    if failure is not None:
        probe, why = failure
        raise StackError(
            f"{probe.name} {why}. The end of {_rel(layout, probe.log)}:\n"
            f"{health.tail(probe.log)}\n"
            "Whatever did start is left running for a look; `make down` stops it."
        )


def _check_gateway(layout: Layout) -> list[str]:
    argv = launch.gateway_argv(layout.gateway)
    if argv is None:
        raise StackError(
            "gateway/package.json is missing or unreadable, so the gateway cannot start.\n"
            "  Start the subgraphs alone with `scripts/stack.py up --no-gateway`."
        )
    if not (layout.gateway / "node_modules").is_dir():
        raise StackError("gateway/node_modules is missing: run scripts/bootstrap.sh first.")
    if not (layout.gateway / "supergraph.graphql").is_file():
        raise StackError("gateway/supergraph.graphql is missing: run `make schema` first.")
    return argv


def up(
    layout: Layout,
    *,
    replicas: int,
    timeout: float,
    demo: bool,
    gateway: bool,
    env: Mapping[str, str] | None = None,
    cluster: bool = False,
) -> int:
    env = dict(os.environ if env is None else env)
    if cluster:
        members = clusters.ensure(layout)
        env.update(MONGODB_URL=members.mongodb_url, AMQP_URL=members.amqp_url)
    services = plan.service_procs(replicas)
    wanted = services + ([plan.gateway_proc()] if gateway else [])
    layout.ensure_dirs()
    running = _running(layout)
    strays = sorted(set(running) - {p.name for p in wanted} - {"mongod"})
    if strays:
        raise StackError(
            f"the stack runs with another layout ({', '.join(strays)}): "
            "run `make down` first to change the number of replicas."
        )
    gateway_argv = _check_gateway(layout) if gateway else []
    _check_ports([p for p in wanted if p.name not in running])

    # people has no fixed admin password: this stack's is made once and kept under .local/.
    env.setdefault("BOOTSTRAP_ADMIN_PASSWORD", _admin_password(layout))
    mongo_backing = backing.ensure_mongo(layout, env)
    amqp_backing = backing.ensure_rabbit(layout, env)
    # One broker user per service, each allowed to publish only its own event types.
    amqp_urls = broker_users.service_urls(
        amqp_backing.url,
        layout.local / "broker-users.json",
        prefix=env.get("EVENTS_PREFIX", ""),
        warn=_say,
    )

    python = layout.python()
    stack_script = layout.root / "scripts" / "stack.py"
    started: list[str] = []
    targets: list[tuple[Proc, int]] = []
    for proc in services:
        pid = running.get(proc.name)
        if pid is None:
            argv = launch.service_argv(proc, python, stack_script)
            amqp_url = amqp_urls.get(proc.service, amqp_backing.url)
            urls = {"mongo_url": mongo_backing.url, "amqp_url": amqp_url}
            pid = _start(layout, proc, argv, launch.service_env(proc, env, **urls))
            started.append(proc.name)
        targets.append((proc, pid))
    _wait(layout, targets, timeout)

    if gateway:
        proc = plan.gateway_proc()
        pid = running.get(proc.name)
        if pid is None:
            pid = _start(layout, proc, gateway_argv, launch.gateway_env(env))
            started.append(proc.name)
        _wait(layout, [(proc, pid)], timeout)

    code = 0
    if not started:
        _say("the stack was already up: nothing started.")
    elif demo and gateway:
        code = _load_demo(layout, python, env)
    _summary(layout, replicas, gateway, mongo_backing, amqp_backing)
    return code


def _admin_password(layout: Layout) -> str:
    path = layout.admin_password
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_urlsafe(18) + "\n")
    return path.read_text().strip()


def _load_demo(layout: Layout, python: str, env: Mapping[str, str]) -> int:
    script = layout.root / "scripts" / "demo_data.py"
    if not script.exists():
        _say("demo data: scripts/demo_data.py does not exist yet; skipped.")
        return 0
    _say("loading demo data ...")
    done = subprocess.run(
        [python, str(script), "--graphql", GATEWAY_GRAPHQL],
        cwd=layout.root,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    if done.returncode != 0:
        _say(f"demo data: {_rel(layout, script)} failed (exit {done.returncode}); stack stays up.")
        return 1
    return 0


def _summary(
    layout: Layout,
    replicas: int,
    gateway: bool,
    mongo_backing: backing.Backing,
    amqp_backing: backing.Backing,
) -> None:
    base = f"http://{launch.LOCALHOST}"
    rows: list[tuple[str, str, str]] = []
    if gateway:
        rows.append(("gateway", GATEWAY_GRAPHQL, f"{base}:{GATEWAY_PORT}/readiness"))
    for service, port in SERVICE_PORTS.items():
        rows.append((service, launch.graphql_url(port), f"{base}:{port}/health/ready"))
    _say()
    _say("Grassroots is up.")
    for name, graphql, ready in rows:
        _say(f"  {name:<14}{graphql:<34}ready: {ready}")
    if replicas > 1:
        spread = ", ".join(
            f"{service} {plan.replica_port(port, 1)}-{plan.replica_port(port, replicas)}"
            for service, port in SERVICE_PORTS.items()
        )
        _say(f"  {'':<9}{replicas} replicas each ({spread}) behind round-robin proxies")
    _say(f"  {'metrics':<9}/metrics on each port above")
    _say(f"  {'MongoDB':<9}{launch.redact(mongo_backing.url)}   {mongo_backing.note}")
    _say(f"  {'RabbitMQ':<9}{launch.redact(amqp_backing.url)}   {amqp_backing.note}")
    _say(f"  {'logs':<9}{_rel(layout, layout.logs)}/   (make logs, make logs SERVICE=cases)")
    _say(
        f"  {'admin':<9}platform admin 10000000000, password in "
        f"{_rel(layout, layout.admin_password)} (unless BOOTSTRAP_ADMIN_PASSWORD was set)"
    )
    _say()
    target = GATEWAY_GRAPHQL if gateway else launch.graphql_url(SERVICE_PORTS["people"])
    _say("Try:")
    _say(f"  curl -s {target} -H 'content-type: application/json' \\")
    _say(f'       -d \'{{"query": "{EXAMPLE_QUERY}"}}\'')
    _say("Stop everything with `make down`.")


def down(layout: Layout) -> int:
    # Tier by tier (gateway, proxies, services, mongod), each tier all at once.
    tiers: dict[str, list[tuple[str, int]]] = {}
    for name in plan.stop_order(procs.recorded(layout.run)):
        pid = procs.running_pid(layout.pidfile(name))
        if pid is None:
            layout.pidfile(name).unlink(missing_ok=True)
            continue
        proc = plan.proc_from_name(name)
        tiers.setdefault(proc.kind.value if proc else name, []).append((name, pid))
    stopped = 0
    failed: list[str] = []
    for tier, members in tiers.items():
        timeout = MONGOD_STOP_TIMEOUT_S if tier == "mongod" else STOP_TIMEOUT_S
        left = set(procs.stop([pid for _, pid in members], timeout=timeout))
        for name, pid in members:
            if pid in left:
                failed.append(name)
                _say(f"could not stop {name} (pid {pid})")
            else:
                layout.pidfile(name).unlink(missing_ok=True)
                stopped += 1
                _say(f"stopped {name:<14} pid {pid}")
    note = backing.stop_rabbit_if_ours(layout)
    cluster_note = clusters.remove(layout)
    if cluster_note:
        _say(cluster_note)
    if note:
        _say(note)
    elif not stopped and not failed and not cluster_note:
        _say("nothing of the stack is running.")
    return 1 if failed else 0


def _row(name: str, pid: int | str, port: int | str, state: str) -> str:
    return f"{name:<15}{pid!s:<9}{port!s:<7}{state}"


def status(layout: Layout, env: Mapping[str, str] | None = None) -> int:
    env = os.environ if env is None else env
    pids = {name: procs.running_pid(layout.pidfile(name)) for name in procs.recorded(layout.run)}
    _say(_row("process", "pid", "port", "state"))
    if env.get("MONGODB_URL"):
        url = launch.redact(env["MONGODB_URL"])
        _say(_row("mongod", "-", MONGO_PORT, f"from MONGODB_URL ({url})"))
    else:
        state = mongo.probe()
        owner = "started by the stack" if pids.get("mongod") else "not started by the stack"
        shown = "down" if state is mongo.State.DOWN else f"{state.value} ({owner})"
        _say(_row("mongod", pids.get("mongod") or "-", MONGO_PORT, shown))
    host, port = rabbit.address(env.get("AMQP_URL") or rabbit.DEFAULT_URL)
    ours = layout.marker("rabbitmq").exists()
    owner = "started by the stack" if ours else "not started by the stack"
    _say(_row("rabbitmq", "-", port, f"up ({owner})" if rabbit.answers(host, port) else "down"))
    listed = sorted(
        (p for name in pids if (p := plan.proc_from_name(name)) is not None),
        key=lambda p: p.port,
    )
    healthy = True
    for proc in listed:
        pid = pids[proc.name]
        if pid is None:
            shown = f"EXITED: see {_rel(layout, layout.log(proc.name))}; `make up` restarts it"
        else:
            shown = "ready" if health.is_ready(launch.ready_urls(proc)) else "NOT READY"
        healthy &= shown == "ready"
        _say(_row(proc.name, pid or "-", proc.port, shown))
    if not listed:
        _say("no service of the stack is running (`make up` starts them).")
    return 0 if healthy else 1


def log_files(logs_dir: Path, service: str | None) -> list[Path]:
    """The log files `logs` shows: all, or one service's (its replicas and proxy too)."""
    if not logs_dir.is_dir():
        return []
    if service is None:
        return sorted(logs_dir.glob("*.log"), key=lambda p: p.stem)
    name = "mongod" if service in ("mongo", "mongodb") else service
    found = {*logs_dir.glob(f"{name}.log"), *logs_dir.glob(f"{name}-*.log")}
    return sorted(found, key=lambda p: p.stem)


def logs(layout: Layout, *, service: str | None, follow: bool, lines: int) -> int:
    files = log_files(layout.logs, service)
    if not files:
        what = f"for {service!r} " if service else ""
        print(f"no logs {what}in {_rel(layout, layout.logs)}/ yet.", file=sys.stderr)
        return 1
    argv = ["tail", "-n", str(lines), *(["-F"] if follow else []), *map(str, files)]
    sys.stdout.flush()
    os.execvp(argv[0], argv)
