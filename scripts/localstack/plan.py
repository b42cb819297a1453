"""What runs where: the processes of the stack and their ports (pure, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

GATEWAY_PORT = 4000
MONGO_PORT = 27017
SERVICE_PORTS: dict[str, int] = {
    "people": 4001,
    "cases": 4002,
    "points": 4003,
    "participation": 4004,
    "notifications": 4005,
}
MAX_REPLICAS = 20


class Kind(Enum):
    SERVICE = "service"
    PROXY = "proxy"
    GATEWAY = "gateway"


@dataclass(frozen=True)
class Proc:
    """One process of the stack, named as its pid and log files are."""

    name: str
    kind: Kind
    service: str
    port: int
    upstreams: tuple[int, ...] = ()


def replica_port(canonical: int, index: int) -> int:
    """Port of replica `index` (1-based) of the service whose canonical port is `canonical`.

    people 4001 -> 4101, 4102...; cases 4002 -> 4201...; points 4003 -> 4301...
    """
    if not 1 <= index <= MAX_REPLICAS:
        raise ValueError(f"replica index {index} outside 1..{MAX_REPLICAS}")
    return GATEWAY_PORT + (canonical - GATEWAY_PORT) * 100 + index


def service_procs(replicas: int) -> list[Proc]:
    """The service processes, replicas before the proxies that front them."""
    if not 1 <= replicas <= MAX_REPLICAS:
        raise ValueError(f"replicas must be between 1 and {MAX_REPLICAS}, not {replicas}")
    if replicas == 1:
        return [Proc(name, Kind.SERVICE, name, port) for name, port in SERVICE_PORTS.items()]
    procs: list[Proc] = []
    proxies: list[Proc] = []
    for service, port in SERVICE_PORTS.items():
        ports = tuple(replica_port(port, i) for i in range(1, replicas + 1))
        procs += [Proc(f"{service}-{i}", Kind.SERVICE, service, p) for i, p in enumerate(ports, 1)]
        proxies.append(Proc(f"{service}-proxy", Kind.PROXY, service, port, ports))
    return procs + proxies


def gateway_proc() -> Proc:
    return Proc("gateway", Kind.GATEWAY, "gateway", GATEWAY_PORT)


def proc_from_name(name: str) -> Proc | None:
    """Inverse of the plan: what a pid file called `name` stands for (None: not ours)."""
    if name == "gateway":
        return gateway_proc()
    if name in SERVICE_PORTS:
        return Proc(name, Kind.SERVICE, name, SERVICE_PORTS[name])
    service, _, suffix = name.rpartition("-")
    if service not in SERVICE_PORTS:
        return None
    if suffix == "proxy":
        return Proc(name, Kind.PROXY, service, SERVICE_PORTS[service])
    if suffix.isdigit() and 1 <= int(suffix) <= MAX_REPLICAS:
        return Proc(name, Kind.SERVICE, service, replica_port(SERVICE_PORTS[service], int(suffix)))
    return None


# Stop order for `down`: the front door first, the databases last.
_STOP_RANK = {Kind.GATEWAY: 0, Kind.PROXY: 1, Kind.SERVICE: 2}


def stop_order(names: list[str]) -> list[str]:
    """Gateway, proxies, services, then anything else (mongod) in name order."""

    def rank(name: str) -> tuple[int, str]:
        proc = proc_from_name(name)
        return (_STOP_RANK[proc.kind] if proc else 9, name)

    return sorted(names, key=rank)
