"""Load the demo data through the public graph. Idempotent: what exists is left alone.

    python scripts/demo_data.py --graphql http://127.0.0.1:4000/graphql

Stages run in order; each one's `load(ctx)` reads what earlier stages left in the context.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.demo import cases, notices, org_units, participation, people, points
from scripts.demo.context import DemoContext
from scripts.demo.graphql_client import GraphQLClient

STAGES: list[tuple[str, Callable[[DemoContext], str]]] = [
    ("org units", org_units.load),
    ("people", people.load),
    ("cases", cases.load),
    ("participation", participation.load),
    ("points", points.load),
    ("notices", notices.load),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load the Grassroots demo data.")
    parser.add_argument("--graphql", default="http://127.0.0.1:4000/graphql")
    args = parser.parse_args(argv)
    client = GraphQLClient(args.graphql)
    client.wait_until_up()
    ctx = DemoContext(client)
    for name, load in STAGES:
        print(f"demo data: {name}: {load(ctx)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
