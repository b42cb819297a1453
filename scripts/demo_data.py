"""Load the demo area through the public graph. Idempotent: what exists is left alone.

python scripts/demo_data.py --graphql http://127.0.0.1:4000/graphql
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.demo.area import AREA, Unit, count
from scripts.demo.graphql_client import GraphQLClient

FIND = """query($filter: OrgUnitFilter) {
  orgUnits(filter: $filter, first: 1) { edges { node { id } } } }"""
CREATE = """mutation($input: CreateOrgUnitInput!) {
  createOrgUnit(input: $input) { orgUnit { id } } }"""


def ensure_unit(client: GraphQLClient, unit: Unit, parent_id: str | None) -> tuple[str, bool]:
    where = {"parentId": parent_id} if parent_id else {"rootsOnly": True}
    found = client.execute(FIND, {"filter": {**where, "name": unit.name}})["orgUnits"]["edges"]
    if found:
        return str(found[0]["node"]["id"]), False
    created = client.execute(
        CREATE, {"input": {"kind": unit.kind, "name": unit.name, "parentId": parent_id}}
    )
    return str(created["createOrgUnit"]["orgUnit"]["id"]), True


def load_tree(client: GraphQLClient, units: tuple[Unit, ...], parent_id: str | None) -> int:
    created = 0
    for unit in units:
        unit_id, new = ensure_unit(client, unit, parent_id)
        created += int(new)
        created += load_tree(client, unit.children, unit_id)
    return created


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graphql", default="http://127.0.0.1:4000/graphql")
    args = parser.parse_args(argv)
    client = GraphQLClient(args.graphql)
    client.wait_until_up()
    created = load_tree(client, AREA, None)
    print(f"demo data: {count()} org units in the demo area, {created} created now")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
