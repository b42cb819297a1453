"""Unit tests of the pure parts of scripts/stack.py (package scripts/localstack).

Nothing here starts a process or needs MongoDB or RabbitMQ: the stack itself is checked by
running `make up` / `make down` (docs/local-stack.md).
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.localstack import backing, cli, health, launch, mongo, plan, procs, proxy, rabbit  # noqa: E402
from scripts.localstack.commands import EXAMPLE_QUERY, log_files  # noqa: E402
from scripts.localstack.errors import StackError  # noqa: E402
from scripts.localstack.layout import REPO_ROOT, Layout  # noqa: E402
from scripts.localstack.plan import Kind, Proc  # noqa: E402

# --- arguments ---------------------------------------------------------------------------------


def test_up_defaults_to_one_replica_with_gateway_and_demo_data():
    args = cli.parse_args(["up"])

    assert (args.command, args.replicas, args.gateway, args.demo) == ("up", 1, True, True)


def test_up_takes_a_replica_count():
    assert cli.parse_args(["up", "--replicas", "3"]).replicas == 3


@pytest.mark.parametrize("value", ["0", "21", "two", "-1"])
def test_up_refuses_a_replica_count_out_of_range(value, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.parse_args(["up", "--replicas", value])

    assert exit_info.value.code == 2
    assert "--replicas" in capsys.readouterr().err


def test_up_can_skip_the_gateway_and_the_demo_data():
    args = cli.parse_args(["up", "--no-gateway", "--no-demo", "--timeout", "30"])

    assert (args.gateway, args.demo, args.timeout) == (False, False, 30.0)


def test_logs_takes_an_optional_service_and_follow_flag():
    everything = cli.parse_args(["logs"])
    one = cli.parse_args(["logs", "cases", "-f", "-n", "5"])

    assert (everything.service, everything.follow) == (None, False)
    assert (one.service, one.follow, one.lines) == ("cases", True, 5)


def test_a_command_is_required():
    with pytest.raises(SystemExit):
        cli.parse_args([])


def test_proxy_collects_every_upstream():
    args = cli.parse_args(
        ["proxy", "--port", "4001", "--upstream", "http://a:1", "--upstream", "http://b:2"]
    )

    assert (args.port, args.upstream) == (4001, ["http://a:1", "http://b:2"])


# --- ports and process names ------------------------------------------------------------------


def test_replica_ports_follow_the_canonical_port():
    assert [plan.replica_port(4001, i) for i in (1, 2, 3)] == [4101, 4102, 4103]
    assert plan.replica_port(4002, 1) == 4201
    assert plan.replica_port(4003, 20) == 4320


@pytest.mark.parametrize("index", [0, plan.MAX_REPLICAS + 1])
def test_replica_index_outside_the_range_is_refused(index):
    with pytest.raises(ValueError, match="replica index"):
        plan.replica_port(4001, index)


def test_one_replica_runs_each_service_on_its_canonical_port_without_proxy():
    procs_ = plan.service_procs(1)

    assert [(p.name, p.port, p.kind) for p in procs_] == [
        ("people", 4001, Kind.SERVICE),
        ("cases", 4002, Kind.SERVICE),
        ("points", 4003, Kind.SERVICE),
        ("participation", 4004, Kind.SERVICE),
        ("notifications", 4005, Kind.SERVICE),
    ]


def test_replicas_sit_behind_a_proxy_on_the_canonical_port():
    procs_ = {p.name: p for p in plan.service_procs(3)}

    assert procs_["people-proxy"] == Proc(
        "people-proxy", Kind.PROXY, "people", 4001, (4101, 4102, 4103)
    )
    assert procs_["cases-2"] == Proc("cases-2", Kind.SERVICE, "cases", 4202)
    assert len(procs_) == 5 * 3 + 5


def test_replicas_start_before_their_proxies():
    kinds = [p.kind for p in plan.service_procs(2)]

    assert kinds == [Kind.SERVICE] * 10 + [Kind.PROXY] * 5


def test_every_port_of_a_full_plan_is_distinct():
    ports = [p.port for p in plan.service_procs(plan.MAX_REPLICAS)] + [plan.GATEWAY_PORT]

    assert len(ports) == len(set(ports))


@pytest.mark.parametrize("replicas", [1, 2, 5])
def test_a_pid_file_name_maps_back_to_its_process(replicas):
    for proc in [*plan.service_procs(replicas), plan.gateway_proc()]:
        back = plan.proc_from_name(proc.name)
        assert back is not None
        assert (back.name, back.kind, back.service, back.port) == (
            proc.name,
            proc.kind,
            proc.service,
            proc.port,
        )


@pytest.mark.parametrize("name", ["mongod", "people-0", "people-99", "billing", "cases-x", ""])
def test_names_the_plan_never_uses_are_not_ours(name):
    assert plan.proc_from_name(name) is None


def test_down_stops_the_gateway_first_and_mongod_last():
    order = plan.stop_order(["mongod", "people-1", "people-proxy", "gateway", "cases-1"])

    assert order == ["gateway", "people-proxy", "cases-1", "people-1", "mongod"]


# --- pid files --------------------------------------------------------------------------------


def test_a_pid_file_holds_only_the_pid(tmp_path):
    path = tmp_path / "run" / "people.pid"

    procs.write_pidfile(path, 4321)

    assert path.read_text() == "4321\n"
    assert procs.read_pidfile(path) == 4321


@pytest.mark.parametrize("content", ["", "abc", "-5", "0", "12 34"])
def test_a_pid_file_without_a_pid_reads_as_none(tmp_path, content):
    path = tmp_path / "x.pid"
    path.write_text(content)

    assert procs.read_pidfile(path) is None


def test_a_missing_pid_file_reads_as_none(tmp_path):
    assert procs.read_pidfile(tmp_path / "nope.pid") is None


def test_a_live_process_with_a_fresh_pid_file_is_running(tmp_path):
    path = tmp_path / "me.pid"
    procs.write_pidfile(path, os.getpid())

    assert procs.running_pid(path) == os.getpid()


def test_a_pid_file_older_than_its_process_was_reused(tmp_path):
    # Given a pid file written long before the process with that pid started (a reboot, say)
    path = tmp_path / "me.pid"
    procs.write_pidfile(path, os.getpid())
    long_ago = time.time() - 10 * 24 * 3600
    os.utime(path, (long_ago, long_ago))

    # Then the process is not taken for ours, where /proc can tell
    expected = None if procs.process_start_time(os.getpid()) is not None else os.getpid()
    assert procs.running_pid(path) == expected


def test_a_pid_file_of_a_dead_process_is_not_running(tmp_path):
    path = tmp_path / "dead.pid"
    procs.write_pidfile(path, _unused_pid())

    assert procs.running_pid(path) is None


def test_same_process_allows_a_few_seconds_between_start_and_pid_file():
    assert procs.is_same_process(pidfile_mtime=100.0, started_at=99.0)
    assert procs.is_same_process(pidfile_mtime=100.0, started_at=103.0)
    assert not procs.is_same_process(pidfile_mtime=100.0, started_at=100.0 + 60)
    assert procs.is_same_process(pidfile_mtime=100.0, started_at=None)


def test_recorded_lists_pid_files_by_name(tmp_path):
    for name in ("people", "gateway", "mongod"):
        procs.write_pidfile(tmp_path / f"{name}.pid", 1)
    (tmp_path / "rabbitmq.started").touch()

    assert procs.recorded(tmp_path) == ["gateway", "mongod", "people"]
    assert procs.recorded(tmp_path / "missing") == []


def test_only_one_holder_gets_the_stack_lock(tmp_path):
    lock = tmp_path / "run" / "stack.lock"

    with procs.exclusive(lock) as first, procs.exclusive(lock) as second:
        assert (first, second) == (True, False)
    with procs.exclusive(lock) as again:
        assert again


def _unused_pid() -> int:
    pid = 4_000_000
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            pass
        pid -= 1


# --- MongoDB ----------------------------------------------------------------------------------


def _executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


@pytest.fixture
def fiftyone_mongod(tmp_path) -> Path:
    return _executable(tmp_path / "venv/lib/python3.11/site-packages/fiftyone/db/bin/mongod")


def test_mongod_from_the_environment_comes_first(tmp_path, fiftyone_mongod):
    on_path = _executable(tmp_path / "bin" / "mongod")
    env = {"MONGOD": "/opt/mongo/bin/mongod", "PATH": str(on_path.parent)}

    assert mongo.find_mongod(env, tmp_path / "venv") == Path("/opt/mongo/bin/mongod")


def test_mongod_on_path_comes_before_the_venv(tmp_path, fiftyone_mongod):
    on_path = _executable(tmp_path / "bin" / "mongod")

    assert mongo.find_mongod({"PATH": str(on_path.parent)}, tmp_path / "venv") == on_path


def test_mongod_from_fiftyone_in_the_venv_is_the_fallback(tmp_path, fiftyone_mongod):
    found = mongo.find_mongod({"PATH": str(tmp_path / "empty")}, tmp_path / "venv")

    assert found == fiftyone_mongod


def test_no_mongod_anywhere_is_none(tmp_path):
    assert mongo.find_mongod({"PATH": str(tmp_path)}, tmp_path / "venv") is None


def test_mongod_runs_as_a_single_node_replica_set_on_localhost(tmp_path):
    argv = mongo.mongod_argv(Path("/bin/mongod"), tmp_path / "data")

    assert argv[0] == "/bin/mongod"
    joined = " ".join(argv)
    assert "--replSet rs0" in joined
    assert "--bind_ip 127.0.0.1" in joined
    assert "--port 27017" in joined
    assert f"--dbpath {tmp_path / 'data'}" in joined
    assert "--wiredTigerCacheSizeGB 0.5" in joined


@pytest.mark.parametrize(
    ("hello", "state"),
    [
        (None, mongo.State.DOWN),
        ({"setName": "rs0", "isWritablePrimary": True}, mongo.State.PRIMARY),
        ({"setName": "rs0", "isWritablePrimary": False, "secondary": True}, mongo.State.ELECTING),
        ({"isWritablePrimary": False, "isreplicaset": True}, mongo.State.UNINITIATED),
        ({"isWritablePrimary": True}, mongo.State.STANDALONE),
    ],
)
def test_a_hello_reply_tells_the_replica_set_state(hello, state):
    assert mongo.classify(hello) is state


def test_the_default_mongodb_url_names_the_replica_set():
    assert mongo.DEFAULT_URL == "mongodb://127.0.0.1:27017/?replicaSet=rs0"


# --- RabbitMQ ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("amqp://guest:guest@127.0.0.1:5672/", ("127.0.0.1", 5672)),
        ("amqp://u:p@broker/vhost", ("broker", 5672)),
        ("amqps://u:p@broker/", ("broker", 5671)),
        ("amqp://localhost:5673", ("localhost", 5673)),
    ],
)
def test_the_broker_address_comes_from_the_url(url, address):
    assert rabbit.address(url) == address


def test_a_printed_url_hides_the_password():
    assert launch.redact("amqp://guest:s3cret@host:5672/") == "amqp://guest:***@host:5672/"
    assert launch.redact("mongodb://u:pw@db:27017/?replicaSet=rs0") == (
        "mongodb://u:***@db:27017/?replicaSet=rs0"
    )
    assert launch.redact("amqp://host:5672/") == "amqp://host:5672/"


@pytest.fixture
def listener() -> Iterator[tuple[socket.socket, int]]:
    server = socket.create_server(("127.0.0.1", 0))
    try:
        yield server, server.getsockname()[1]
    finally:
        server.close()


def test_a_broker_is_one_that_answers_the_amqp_header(listener):
    server, port = listener

    def broker() -> None:
        conn, _ = server.accept()
        with conn:
            assert conn.recv(8) == b"AMQP\x00\x00\x09\x01"
            conn.sendall(b"\x01\x00\x00")

    thread = threading.Thread(target=broker)
    thread.start()
    assert rabbit.answers("127.0.0.1", port)
    thread.join()


def test_a_port_that_answers_something_else_is_no_broker(listener):
    server, port = listener

    def other() -> None:
        conn, _ = server.accept()
        with conn:
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")

    thread = threading.Thread(target=other)
    thread.start()
    assert not rabbit.answers("127.0.0.1", port)
    thread.join()


def test_a_closed_port_is_no_broker(listener):
    server, port = listener
    server.close()

    assert not rabbit.answers("127.0.0.1", port, timeout=0.5)


def test_a_broker_from_amqp_url_is_used_as_it_is(monkeypatch, tmp_path):
    monkeypatch.setattr(rabbit, "answers", lambda host, port: (host, port) == ("mq", 5672))

    found = backing.ensure_rabbit(Layout(tmp_path), {"AMQP_URL": "amqp://u:p@mq/"})

    assert found == backing.Backing("amqp://u:p@mq/", "from AMQP_URL")


def test_an_amqp_url_nobody_answers_stops_the_stack_without_its_password(monkeypatch, tmp_path):
    monkeypatch.setattr(rabbit, "answers", lambda host, port: False)

    with pytest.raises(StackError) as error:
        backing.ensure_rabbit(Layout(tmp_path), {"AMQP_URL": "amqp://u:secret@mq/"})

    assert "secret" not in str(error.value)
    assert "mq:5672" in str(error.value)


def test_a_running_local_broker_is_used_and_not_claimed(monkeypatch, tmp_path):
    monkeypatch.setattr(rabbit, "answers", lambda host, port: True)

    found = backing.ensure_rabbit(Layout(tmp_path), {})

    assert found.url == rabbit.DEFAULT_URL
    assert "not started by the stack" in found.note
    assert backing.stop_rabbit_if_ours(Layout(tmp_path)) is None


def test_without_broker_or_rabbitmq_server_the_stack_says_how_to_get_one(monkeypatch, tmp_path):
    monkeypatch.setattr(rabbit, "answers", lambda host, port: False)
    monkeypatch.setattr(rabbit, "server_binary", lambda: None)

    with pytest.raises(StackError, match="apt-get install rabbitmq-server"):
        backing.ensure_rabbit(Layout(tmp_path), {})


def test_a_mongodb_url_that_answers_is_used_as_it_is(monkeypatch, tmp_path):
    monkeypatch.setattr(mongo, "ping_url", lambda url: None)

    found = backing.ensure_mongo(Layout(tmp_path), {"MONGODB_URL": "mongodb://db/?replicaSet=x"})

    assert found == backing.Backing("mongodb://db/?replicaSet=x", "from MONGODB_URL")


def test_a_standalone_mongod_the_stack_did_not_start_is_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(mongo, "probe", lambda: mongo.State.STANDALONE)

    with pytest.raises(StackError, match="not a replica-set primary"):
        backing.ensure_mongo(Layout(tmp_path), {})


def test_a_primary_already_on_27017_is_used_and_not_claimed(monkeypatch, tmp_path):
    monkeypatch.setattr(mongo, "probe", lambda: mongo.State.PRIMARY)
    monkeypatch.setattr(mongo, "wait_for", lambda wanted, **_: mongo.State.PRIMARY)

    found = backing.ensure_mongo(Layout(tmp_path), {})

    assert (found.url, found.note) == (
        mongo.DEFAULT_URL,
        "already running (not started by the stack)",
    )


# --- how processes are launched ----------------------------------------------------------------


def test_a_service_runs_as_its_package_module():
    proc = Proc("cases-2", Kind.SERVICE, "cases", 4202)

    assert launch.service_argv(proc, "/venv/python", Path("/r/scripts/stack.py")) == [
        "/venv/python",
        "-m",
        "grassroots_cases",
    ]


def test_a_proxy_runs_through_the_stack_script_with_each_upstream():
    proc = Proc("people-proxy", Kind.PROXY, "people", 4001, (4101, 4102))

    argv = launch.service_argv(proc, "py", Path("stack.py"))

    assert argv == [
        "py",
        "stack.py",
        "proxy",
        "--port",
        "4001",
        "--upstream",
        "http://127.0.0.1:4101",
        "--upstream",
        "http://127.0.0.1:4102",
    ]


def test_a_service_gets_its_port_and_backing_urls_over_the_inherited_ones():
    proc = Proc("points-1", Kind.SERVICE, "points", 4301)
    inherited = {"PORT": "9999", "HOST": "myhost", "LOG_LEVEL": "DEBUG", "MONGODB_URL": "old"}

    env = launch.service_env(proc, inherited, mongo_url="mongodb://m", amqp_url="amqp://a")

    assert env["PORT"] == "4301"
    assert env["HOST"] == "127.0.0.1"
    assert (env["MONGODB_URL"], env["AMQP_URL"]) == ("mongodb://m", "amqp://a")
    assert env["LOG_LEVEL"] == "DEBUG"
    assert env["PYTHONUNBUFFERED"] == "1"


def test_the_gateway_finds_each_subgraph_on_its_canonical_port():
    env = launch.gateway_env({"PORT": "1"})

    assert env["PORT"] == "4000"
    assert env["PEOPLE_URL"] == "http://127.0.0.1:4001/graphql"
    assert env["CASES_URL"] == "http://127.0.0.1:4002/graphql"
    assert env["POINTS_URL"] == "http://127.0.0.1:4003/graphql"
    assert env["PARTICIPATION_URL"] == "http://127.0.0.1:4004/graphql"
    assert env["NO_COLOR"] == "1"


def test_the_gateway_starts_with_its_npm_start_script(tmp_path):
    (tmp_path / "package.json").write_text('{"scripts": {"start": "sh start.sh"}}')

    assert launch.gateway_argv(tmp_path) == ["npm", "start", "--silent"]


def test_without_a_start_script_the_gateway_runs_the_hive_gateway_binary(tmp_path):
    (tmp_path / "package.json").write_text('{"scripts": {}}')
    binary = _executable(tmp_path / "node_modules" / ".bin" / "hive-gateway")

    assert launch.gateway_argv(tmp_path) == [str(binary), "supergraph", "supergraph.graphql"]


def test_without_a_package_json_there_is_no_gateway(tmp_path):
    assert launch.gateway_argv(tmp_path) is None


def test_the_gateway_is_ready_by_readiness_then_healthcheck():
    assert launch.ready_urls(plan.gateway_proc()) == (
        "http://127.0.0.1:4000/readiness",
        "http://127.0.0.1:4000/healthcheck",
    )
    assert launch.ready_urls(plan.service_procs(1)[0]) == ("http://127.0.0.1:4001/health/ready",)


# --- readiness --------------------------------------------------------------------------------


def test_ready_asks_the_next_url_only_when_one_does_not_exist():
    answers = {"a": 404, "b": 200}

    assert health.is_ready(["a", "b"], answers.get)
    assert not health.is_ready(["a", "b"], {"a": 503, "b": 200}.get)
    assert not health.is_ready(["a"], {}.get)


def test_waiting_reports_a_process_that_exited():
    probe = health.Probe("cases", ("u",), alive=lambda: False, log=Path("x.log"))

    failure = health.wait_ready([probe], timeout=5, status=lambda _: None, interval=0)

    assert failure == (probe, "exited before it was ready")


def test_waiting_reports_a_process_that_never_got_ready():
    probe = health.Probe("cases", ("u",), alive=lambda: True, log=Path("x.log"))

    failure = health.wait_ready([probe], timeout=0, status=lambda _: 503, interval=0)

    assert failure is not None
    assert failure[1].startswith("not ready after")


def test_waiting_ends_when_every_process_is_ready():
    probes = [health.Probe(n, (n,), alive=lambda: True, log=Path("x")) for n in ("a", "b")]

    assert health.wait_ready(probes, timeout=1, status=lambda _: 200, interval=0) is None


def test_a_failing_log_shows_only_its_latest_run():
    lines = ["==== start 1", "old error", "==== start 2", "new line", "new error"]

    assert health.last_run(lines, 40) == "new line\nnew error"
    assert health.last_run(lines, 1) == "new error"
    assert health.last_run(["no marker"], 40) == "no marker"


def test_log_tail_of_a_missing_file_is_empty(tmp_path):
    assert health.tail(tmp_path / "missing.log") == ""


def test_the_example_query_printed_by_up_fits_the_supergraph():
    graphql = pytest.importorskip("graphql")
    supergraph = ROOT / "gateway" / "supergraph.graphql"
    if not supergraph.exists():
        pytest.skip("gateway/supergraph.graphql is not composed yet")

    schema = graphql.build_schema(supergraph.read_text())

    assert graphql.validate(schema, graphql.parse(EXAMPLE_QUERY)) == []


# --- logs and layout --------------------------------------------------------------------------


def test_logs_of_a_service_include_its_replicas_and_proxy(tmp_path):
    for name in ("people", "people-1", "people-proxy", "peoplex", "cases", "mongod"):
        (tmp_path / f"{name}.log").touch()

    names = [p.stem for p in log_files(tmp_path, "people")]

    assert names == ["people", "people-1", "people-proxy"]
    assert [p.stem for p in log_files(tmp_path, "mongo")] == ["mongod"]
    assert len(log_files(tmp_path, None)) == 6
    assert log_files(tmp_path / "missing", None) == []


def test_state_lives_under_dot_local():
    layout = Layout(REPO_ROOT)

    assert layout.mongo_data == REPO_ROOT / ".local" / "data" / "mongo"
    assert layout.log("cases-2") == REPO_ROOT / ".local" / "logs" / "cases-2.log"
    assert layout.pidfile("mongod") == REPO_ROOT / ".local" / "run" / "mongod.pid"
    assert REPO_ROOT == ROOT


# --- the round-robin proxy --------------------------------------------------------------------


def test_hop_by_hop_headers_and_those_connection_names_are_dropped():
    raw = [
        (b"Connection", b"keep-alive, X-Secret"),
        (b"Keep-Alive", b"timeout=5"),
        (b"Transfer-Encoding", b"chunked"),
        (b"X-Secret", b"1"),
        (b"Set-Cookie", b"a=1"),
        (b"Set-Cookie", b"b=2"),
    ]

    assert proxy.end_to_end(raw) == [(b"Set-Cookie", b"a=1"), (b"Set-Cookie", b"b=2")]


def test_upstream_headers_record_who_asked_and_for_which_host():
    raw = [(b"host", b"localhost:4001"), (b"x-forwarded-for", b"10.0.0.1"), (b"accept", b"*/*")]

    headers = dict(proxy.request_headers(raw, client="127.0.0.1", scheme="http"))

    assert b"host" not in headers
    assert headers[b"x-forwarded-for"] == b"10.0.0.1, 127.0.0.1"
    assert headers[b"x-forwarded-host"] == b"localhost:4001"
    assert headers[b"x-forwarded-proto"] == b"http"
    assert headers[b"accept"] == b"*/*"


def test_round_robin_starts_each_request_at_the_next_upstream():
    balancer = proxy.RoundRobin(["http://a/", "http://b", "http://c"])

    firsts = [balancer.attempts()[0] for _ in range(4)]

    assert firsts == ["http://a", "http://b", "http://c", "http://a"]
    assert balancer.attempts() == ["http://b", "http://c", "http://a"]


def test_the_upstream_target_keeps_the_client_encoding():
    scope = {"path": "/a/b", "raw_path": b"/a%2Fb", "query_string": b"x=%20"}

    assert proxy.upstream_target(scope) == "/a%2Fb?x=%20"
    assert proxy.upstream_target({"path": "/graphql", "query_string": b""}) == "/graphql"


def _upstreams(down: set[str] | None = None) -> tuple[httpx.MockTransport, list[str]]:
    seen: list[str] = []

    async def handle(request: httpx.Request) -> httpx.Response:
        if request.url.host in (down or set()):
            raise httpx.ConnectError("refused", request=request)
        seen.append(request.url.host)
        body = await request.aread()

        async def chunks() -> AsyncIterator[bytes]:
            yield b"from " + request.url.host.encode()
            yield b" got " + str(len(body)).encode()

        headers = [
            ("x-echo-custom", request.headers.get("x-custom", "")),
            ("x-echo-accept-encoding", request.headers.get("accept-encoding", "-")),
            ("set-cookie", "a=1"),
            ("set-cookie", "b=2"),
        ]
        return httpx.Response(200, headers=headers, content=chunks())

    return httpx.MockTransport(handle), seen


@asynccontextmanager
async def _proxy_client(
    upstreams: list[str], transport: httpx.MockTransport
) -> AsyncIterator[httpx.AsyncClient]:
    app = proxy.create_app(upstreams, transport=transport)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://proxy"
        ) as client,
    ):
        yield client


async def test_the_proxy_takes_turns_and_passes_headers_and_bodies_both_ways():
    transport, seen = _upstreams()

    async with _proxy_client(["http://one:1", "http://two:2"], transport) as client:
        first = await client.post("/graphql?x=1", content=b"12345", headers={"x-custom": "yes"})
        second = await client.get("/health/ready")

    assert seen == ["one", "two"]
    assert first.text == "from one got 5"
    assert first.headers["x-echo-custom"] == "yes"
    assert first.headers.get_list("set-cookie") == ["a=1", "b=2"]
    assert second.text == "from two got 0"


async def test_the_proxy_adds_no_accept_encoding_the_client_did_not_send():
    transport, _ = _upstreams()

    async with _proxy_client(["http://one:1"], transport) as client:
        del client.headers["accept-encoding"]
        response = await client.get("/")

    assert response.headers["x-echo-accept-encoding"] == "-"


async def test_the_proxy_skips_an_upstream_that_refuses_the_connection():
    transport, seen = _upstreams(down={"two"})

    async with _proxy_client(["http://one:1", "http://two:2"], transport) as client:
        codes = [(await client.get("/")).status_code for _ in range(4)]

    assert codes == [200] * 4
    assert seen == ["one"] * 4


async def test_the_proxy_answers_502_when_no_upstream_is_reachable():
    transport, _ = _upstreams(down={"one", "two"})

    async with _proxy_client(["http://one:1", "http://two:2"], transport) as client:
        response = await client.get("/graphql")

    assert response.status_code == 502
