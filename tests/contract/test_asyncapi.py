"""docs/asyncapi.yaml is generated from the contract models, valid, and covers what the
services publish."""

from __future__ import annotations

import ast
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from grassroots_contracts import event_types
from grassroots_contracts.catalog import EVENTS
from grassroots_contracts.org_units import OrgUnitSnapshot
from grassroots_contracts.people_events import RoleAssignment, RoleRevoked
from grassroots_contracts.producers import PRODUCERS
from grassroots_kit.messaging.envelope import new_event
from jsonschema import Draft202012Validator

from tests.support.contract import asyncapi, check_event, documented_types

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from scripts import asyncapi as generator  # noqa: E402


def test_the_checked_in_document_is_the_one_the_models_generate():
    assert (ROOT / "docs" / "asyncapi.yaml").read_text() == generator.render(), (
        "docs/asyncapi.yaml is stale: run python scripts/asyncapi.py"
    )


def test_a_stale_document_fails_the_check(tmp_path, monkeypatch):
    stale = tmp_path / "asyncapi.yaml"
    stale.write_text(generator.render().replace("minLength: 1", "minLength: 2", 1))
    monkeypatch.setattr(generator, "DOCUMENT", stale)
    monkeypatch.setattr(generator, "REPO_ROOT", tmp_path)

    assert generator.main(["--check"]) == 1
    stale.write_text(generator.render())
    assert generator.main(["--check"]) == 0


def test_every_produced_type_has_a_payload_model():
    assert set(EVENTS) == set(PRODUCERS)


def test_the_document_is_asyncapi_3_on_the_events_exchange():
    doc = asyncapi()

    assert doc["asyncapi"].startswith("3.")
    for channel in doc["channels"].values():
        assert channel["bindings"]["amqp"]["exchange"]["name"] == "grassroots.events"
        assert channel["bindings"]["amqp"]["exchange"]["type"] == "topic"


def test_every_schema_in_it_is_valid_json_schema():
    for schema in asyncapi()["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_every_channel_address_is_a_documented_message_name():
    addresses = {c["address"] for c in asyncapi()["channels"].values()}
    assert addresses == documented_types()


def _published_types() -> set[str]:
    """Event types that service code passes to `new_event`, read from the source."""
    names = {k: v for k, v in vars(event_types).items() if k.isupper() and "." in str(v)}
    found: set[str] = set()
    for path in (ROOT / "services").glob("*/src/**/*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "new_event":
                first = node.args[0]
                if isinstance(first, ast.Name) and first.id in names:
                    found.add(names[first.id])
                elif isinstance(first, ast.Constant):
                    found.add(str(first.value))
    return found


def test_every_event_type_the_services_publish_is_documented():
    published = _published_types()

    assert published, "expected to find new_event(...) calls in the services"
    assert published <= documented_types()


def test_an_event_that_breaks_the_contract_is_caught():
    event = new_event(
        "orgunit.created",
        source="grassroots/people",
        subject="u1",
        data={
            "id": "u1",
            "kind": "PLANET",
            "name": "x",
            "parentId": None,
            "path": [],
            "version": 1,
        },
    )

    with pytest.raises(AssertionError, match="kind"):
        check_event(event.to_dict())


def test_the_snapshot_the_code_emits_matches_the_contract():
    snapshot = OrgUnitSnapshot(
        id="u2", kind="STREET", name="Laojie Street", parent_id="u1", path=("u1",), version=3
    )
    event = new_event(
        "orgunit.created", source="grassroots/people", subject="u2", data=snapshot.to_data()
    )

    check_event(event.to_dict())


def test_role_events_carry_who_granted_and_who_revoked_as_the_contract_says():
    granted = RoleAssignment(
        id="r1",
        person_id="p1",
        role="GRID_MEMBER",
        org_unit_id="g1",
        org_unit_path=("d1", "g1"),
        organization_id=None,
        since=datetime(2026, 12, 7, tzinfo=UTC),
        until=None,
        granted_by="p9",
    )
    revoked = RoleRevoked(
        **granted.model_dump(), revoked_at=datetime(2026, 12, 8, tzinfo=UTC), revoked_by="p8"
    )

    assigned = new_event(
        "role.assigned", source="grassroots/people", subject="r1", data=granted.to_data()
    )
    gone = new_event(
        "role.revoked", source="grassroots/people", subject="r1", data=revoked.to_data()
    )

    check_event(assigned.to_dict())
    check_event(gone.to_dict())
    assert RoleRevoked.from_data(gone.data) == revoked
    assert gone.data["revokedAt"] == "2026-12-08T00:00:00Z"
    assert "revokedAt" not in assigned.data
