"""Stage 1: the demo area's org-unit tree."""

from __future__ import annotations

from scripts.demo.area import AREA, Unit, count
from scripts.demo.auth import ensure_admin_token
from scripts.demo.context import DemoContext

FIND = """query($filter: OrgUnitFilter) {
  orgUnits(filter: $filter, first: 1) { edges { node { id } } } }"""
CREATE = """mutation($input: CreateOrgUnitInput!) {
  createOrgUnit(input: $input) { orgUnit { id } } }"""


def _ensure(ctx: DemoContext, unit: Unit, parent_id: str | None) -> tuple[str, bool]:
    where = {"parentId": parent_id} if parent_id else {"rootsOnly": True}
    found = ctx.client.execute(FIND, {"filter": {**where, "name": unit.name}})
    edges = found["orgUnits"]["edges"]
    if edges:
        return str(edges[0]["node"]["id"]), False
    created = ctx.client.execute(
        CREATE, {"input": {"kind": unit.kind, "name": unit.name, "parentId": parent_id}}
    )
    return str(created["createOrgUnit"]["orgUnit"]["id"]), True


def _load(
    ctx: DemoContext, units: tuple[Unit, ...], parent_id: str | None, names: tuple[str, ...]
) -> int:
    created = 0
    for unit in units:
        unit_id, new = _ensure(ctx, unit, parent_id)
        ctx.org_units[(*names, unit.name)] = unit_id
        created += int(new) + _load(ctx, unit.children, unit_id, (*names, unit.name))
    return created


def load(ctx: DemoContext) -> str:
    ensure_admin_token(ctx)
    created = _load(ctx, AREA, None, ())
    return f"{count()} org units ({created} created now)"
