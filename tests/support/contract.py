"""The AsyncAPI document as a validator: every event the services emit must match it."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ASYNCAPI = Path(__file__).resolve().parents[2] / "docs" / "asyncapi.yaml"
_URI = "urn:grassroots:asyncapi"


@functools.cache
def asyncapi() -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(ASYNCAPI.read_text())
    return doc


@functools.cache
def _validators() -> dict[str, Draft202012Validator]:
    doc = asyncapi()
    registry: Registry[Any] = Registry().with_resource(
        _URI, Resource.from_contents(doc, default_specification=DRAFT202012)
    )
    validators = {}
    for key, message in doc["components"]["messages"].items():
        schema = {"$ref": f"{_URI}#/components/messages/{key}/payload"}
        validators[message["name"]] = Draft202012Validator(
            schema, registry=registry, format_checker=FormatChecker()
        )
    return validators


def documented_types() -> set[str]:
    return set(_validators())


def check_event(raw: dict[str, Any] | str) -> None:
    event = json.loads(raw) if isinstance(raw, str) else raw
    validator = _validators().get(event.get("type"))
    if validator is None:
        raise AssertionError(f"event type {event.get('type')!r} is not in docs/asyncapi.yaml")
    errors = sorted(validator.iter_errors(event), key=lambda e: list(e.path))
    if errors:
        details = "; ".join(f"{list(e.path)}: {e.message}" for e in errors)
        raise AssertionError(f"{event['type']} does not match docs/asyncapi.yaml: {details}")
