"""How each process of the stack is started: its command line, directory and environment."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from .plan import GATEWAY_PORT, SERVICE_PORTS, Kind, Proc

LOCALHOST = "127.0.0.1"


def graphql_url(port: int) -> str:
    return f"http://{LOCALHOST}:{port}/graphql"


def redact(url: str) -> str:
    """`url` with its password hidden, for printing."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def ready_urls(proc: Proc) -> tuple[str, ...]:
    """Where to ask whether `proc` is ready, in order (see `health.wait_ready`)."""
    base = f"http://{LOCALHOST}:{proc.port}"
    if proc.kind is Kind.GATEWAY:
        # Hive Gateway: /readiness once the supergraph is loaded; /healthcheck is liveness,
        # asked only where /readiness does not exist.
        return (f"{base}/readiness", f"{base}/healthcheck")
    return (f"{base}/health/ready",)


def service_argv(proc: Proc, python: str, stack_script: Path) -> list[str]:
    if proc.kind is Kind.PROXY:
        upstreams = [f"http://{LOCALHOST}:{port}" for port in proc.upstreams]
        argv = [python, str(stack_script), "proxy", "--port", str(proc.port)]
        for upstream in upstreams:
            argv += ["--upstream", upstream]
        return argv
    if proc.kind is Kind.SERVICE:
        return [python, "-m", f"grassroots_{proc.service}"]
    raise ValueError(f"{proc.name} is not a service")


def service_env(
    proc: Proc, base: Mapping[str, str], *, mongo_url: str, amqp_url: str
) -> dict[str, str]:
    env = dict(base)
    env["PYTHONUNBUFFERED"] = "1"
    if proc.kind is Kind.SERVICE:
        env.update(HOST=LOCALHOST, PORT=str(proc.port), MONGODB_URL=mongo_url, AMQP_URL=amqp_url)
    return env


def gateway_argv(gateway_dir: Path) -> list[str] | None:
    """The gateway's command, run in `gateway_dir`; None when there is no gateway package."""
    package = gateway_dir / "package.json"
    try:
        scripts = json.loads(package.read_text()).get("scripts", {})
    except (OSError, ValueError):
        return None
    if "start" in scripts:
        return ["npm", "start", "--silent"]
    binary = gateway_dir / "node_modules" / ".bin" / "hive-gateway"
    if binary.exists():
        return [str(binary), "supergraph", "supergraph.graphql"]
    return ["npm", "run", "start"]


def gateway_env(base: Mapping[str, str]) -> dict[str, str]:
    env = dict(base)
    # NO_COLOR: its log goes to a file, where colour codes are noise (https://no-color.org).
    env.update(HOST=LOCALHOST, PORT=str(GATEWAY_PORT), NO_COLOR="1")
    # The demo loader's bulk admin operations (importCases, reprocessEvents) outlast the
    # gateway's production default of 10 s per subgraph call.
    env.setdefault("SUBGRAPH_TIMEOUT_MS", "600000")
    for service, port in SERVICE_PORTS.items():
        env[f"{service.upper()}_URL"] = graphql_url(port)
    return env
