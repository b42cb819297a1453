"""Production mode: registered (persisted) operations only, no introspection, no GraphiQL."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import httpx

from tests.gateway.conftest import OPERATIONS, Gateway, operation
from tests.support.stack import ROOT
from tests.support.tokens import TokenMint

PERSIST = ROOT / "gateway" / "persist.mjs"


def registered(name: str, manifest: Path) -> tuple[str, str]:
    """The hash and stored text of operation `name` in `manifest`."""
    operations: dict[str, str] = json.loads(manifest.read_text())["operations"]
    for digest, text in operations.items():
        if f"query {name}(" in text or f"query {name} " in text:
            return digest, text
    raise AssertionError(f"{name} is not registered in {manifest}")


def test_a_registered_operation_runs_by_its_hash(
    production_gateway: Gateway, production_manifest: Path
) -> None:
    digest, _ = registered("OrgUnitName", production_manifest)

    apollo = production_gateway.post(
        {
            "variables": {"id": "no-such-unit"},
            "extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}},
        }
    )
    by_document_id = production_gateway.post(
        {"documentId": f"sha256:{digest}", "variables": {"id": "no-such-unit"}}
    )

    assert apollo.json() == {"data": {"orgUnit": None}}
    assert by_document_id.json() == {"data": {"orgUnit": None}}


def test_the_registered_dashboard_runs_in_production(
    production_gateway: Gateway, production_manifest: Path
) -> None:
    digest, _ = registered("CommunityDashboard", production_manifest)

    response = production_gateway.post({"documentId": digest, "variables": {"id": "nothing"}})

    assert response.json() == {"data": {"orgUnit": None}}


def test_an_arbitrary_document_is_refused(production_gateway: Gateway) -> None:
    response = production_gateway.post({"query": operation("OrgUnitName")})

    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "PERSISTED_QUERY_REQUIRED"
    assert "registered" in error["message"]


def test_an_unknown_hash_is_refused(production_gateway: Gateway) -> None:
    unknown = hashlib.sha256(b"query Evil { __typename }").hexdigest()

    response = production_gateway.post(
        {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": unknown}}}
    )

    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert "persist.mjs" in error["message"]


def test_graphiql_and_the_landing_page_are_off(production_gateway: Gateway) -> None:
    page = httpx.get(production_gateway.url, headers={"accept": "text/html"}, timeout=10)
    root = httpx.get(production_gateway.process.url + "/", headers={"accept": "text/html"})

    assert "graphiql" not in page.text.lower()
    assert "laboratory" not in page.text.lower()
    assert root.status_code == 404


def test_introspection_is_off_even_when_registered(tmp_path: Path, stack: object) -> None:
    # given an introspection query registered by mistake
    source = tmp_path / "Introspect.graphql"
    source.write_text("query Introspect { __schema { queryType { name } } }\n")
    manifest = tmp_path / "manifest.json"
    manifest.write_text('{"operations": {}}\n')
    completed = subprocess.run(
        ["node", str(PERSIST), str(source)],
        env={**os.environ, "PERSISTED_OPERATIONS_PATH": str(manifest)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    digest = completed.stdout.split()[0]
    from tests.gateway.conftest import SIGNING_SECRET, start_gateway
    from tests.support.stack import Stack

    assert isinstance(stack, Stack)
    gateway = Gateway(
        start_gateway(
            stack,
            "gateway-production-introspection",
            {
                "ENVIRONMENT": "production",
                "SUBGRAPH_SIGNING_SECRET": SIGNING_SECRET,
                "PERSISTED_OPERATIONS_PATH": str(manifest),
            },
        )
    )
    try:
        response = gateway.post({"documentId": digest})
    finally:
        gateway.process.kill()

    body = response.json()
    assert body.get("data") is None
    assert "introspection" in json.dumps(body["errors"]).lower()


def test_persist_registers_each_operation_with_its_fragments(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.json"

    completed = subprocess.run(
        ["node", str(PERSIST), str(OPERATIONS / "OrgUnitName.graphql")],
        env={**os.environ, "PERSISTED_OPERATIONS_PATH": str(manifest)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    digest, name = completed.stdout.split()
    operations = json.loads(manifest.read_text())["operations"]
    text = operations[digest]
    assert name == "OrgUnitName"
    assert hashlib.sha256(text.encode()).hexdigest() == digest
    assert "fragment UnitLabel on OrgUnit" in text


def test_persist_refuses_an_operation_the_supergraph_cannot_run(tmp_path: Path) -> None:
    source = tmp_path / "Broken.graphql"
    source.write_text("query Broken { orgUnit(id: 1) { noSuchField } }\n")

    completed = subprocess.run(
        ["node", str(PERSIST), str(source)],
        env={**os.environ, "PERSISTED_OPERATIONS_PATH": str(tmp_path / "m.json")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert completed.returncode == 2
    assert "noSuchField" in completed.stderr


def test_the_committed_allow_list_still_validates_against_the_supergraph() -> None:
    completed = subprocess.run(
        ["node", str(PERSIST), "--check"], capture_output=True, text=True, timeout=60, check=False
    )

    assert completed.returncode == 0, (
        "a registered operation no longer runs on gateway/supergraph.graphql: the schema change "
        f"breaks a front end, or the operation must be re-registered\n{completed.stderr}"
    )


def test_every_operation_of_the_guide_is_registered(tmp_path: Path) -> None:
    fresh = tmp_path / "guide.json"
    subprocess.run(
        ["node", str(PERSIST), str(ROOT / "docs" / "graph.md")],
        env={**os.environ, "PERSISTED_OPERATIONS_PATH": str(fresh)},
        capture_output=True,
        timeout=60,
        check=True,
    )
    committed = json.loads((ROOT / "gateway" / "persisted-operations.json").read_text())

    missing = set(json.loads(fresh.read_text())["operations"]) - set(committed["operations"])

    assert not missing, (
        "docs/graph.md has operations production would refuse: run "
        "`node gateway/persist.mjs docs/graph.md` and commit gateway/persisted-operations.json"
    )


def test_a_guide_recipe_runs_in_production_by_its_hash(production_gateway: Gateway) -> None:
    committed = json.loads((ROOT / "gateway" / "persisted-operations.json").read_text())
    [digest] = [h for h, text in committed["operations"].items() if text.startswith("query Me ")]

    body = production_gateway.post({"documentId": digest}).json()

    # it ran: people answered (an anonymous caller has no `me`)
    assert body["data"] == {"me": None}
    assert body["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED", "serviceName": "people"}


def test_unreachable_signing_keys_are_a_clear_503_not_a_masked_error(
    production_gateway: Gateway, mint: TokenMint
) -> None:
    # this gateway's JWKS_URL answers nothing: a token cannot be verified either way
    response = production_gateway.post({"documentId": "any"}, token=mint.token("someone"))

    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert "signing keys are unreachable" in error["message"]
