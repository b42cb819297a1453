"""Command-line interface of `scripts/stack.py`."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from .plan import MAX_REPLICAS

DEFAULT_TIMEOUT_S = 120.0


def replicas(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 1 <= value <= MAX_REPLICAS:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_REPLICAS}")
    return value


def _port(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"not a port: {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stack.py",
        description="Run Grassroots locally: MongoDB, RabbitMQ, the four services, the gateway.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    up = sub.add_parser("up", help="start whatever is not running yet and wait until it is ready")
    up.add_argument(
        "--replicas",
        type=replicas,
        default=1,
        metavar="N",
        help=f"processes per service (1-{MAX_REPLICAS}); more than one adds a round-robin proxy",
    )
    up.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT_S,
        metavar="SECONDS",
        help=f"how long to wait for readiness (default {DEFAULT_TIMEOUT_S:.0f})",
    )
    up.add_argument(
        "--cluster",
        action="store_true",
        help="run on a three-member MongoDB replica set and a three-node RabbitMQ cluster "
        "(network namespaces: needs root) instead of one mongod and the machine's broker",
    )
    up.add_argument("--no-demo", dest="demo", action="store_false", help="do not load demo data")
    up.add_argument(
        "--no-gateway", dest="gateway", action="store_false", help="start the subgraphs only"
    )

    sub.add_parser("down", help="stop everything the stack started")
    sub.add_parser("status", help="show what runs and whether it is ready")

    logs = sub.add_parser("logs", help="show the logs under .local/logs")
    logs.add_argument(
        "service",
        nargs="?",
        help="people, cases, points, participation, notifications, gateway or mongod "
        "(default: all)",
    )
    logs.add_argument("-f", "--follow", action="store_true", help="keep printing as the logs grow")
    logs.add_argument(
        "-n", "--lines", type=int, default=50, help="lines of each log to show first (default 50)"
    )

    proxy = sub.add_parser("proxy")  # internal: the round-robin proxy in front of replicas
    proxy.add_argument("--port", type=_port, required=True)
    proxy.add_argument("--upstream", action="append", required=True)
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    return build_parser().parse_args(argv)
