"""Generate docs/asyncapi.yaml from the payload models in grassroots_contracts.

    python scripts/asyncapi.py          write docs/asyncapi.yaml
    python scripts/asyncapi.py --check  write nothing; exit 1 when the file is stale

The models (and their docstrings, which become the descriptions) are the contract; this
document is how consumers outside this repository read it. Edit the models, never the file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]  # no stubs in the venv
from grassroots_contracts.catalog import EVENTS
from grassroots_contracts.payload import Payload
from grassroots_contracts.producers import SOURCES
from pydantic.json_schema import GenerateJsonSchema, models_json_schema

REPO_ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = REPO_ROOT / "docs" / "asyncapi.yaml"
EXCHANGE = "grassroots.events"

INFO = {
    "title": "Grassroots events",
    "version": "0.2.0",
    "description": """\
The events Grassroots services publish, for consumers inside and outside this repository.
Generated from the payload models in `grassroots_contracts` by `scripts/asyncapi.py`; do not
edit by hand.

Every event is a CloudEvents 1.0 message in structured JSON mode
(`content-type: application/cloudevents+json`), published persistently to the durable topic
exchange `grassroots.events` with the event `type` as routing key. Delivery is at least once:
a consumer must be idempotent, keyed by the event `id`. Bind your own durable queue to the
routing keys you need (for example `case.closed`, or `case.*`).

`dataversion` is the version of the `data` schema of that type. A change that would break a
consumer publishes a new `dataversion`; consumers ignore or park versions they do not know.
Each `data` schema below allows additional properties so that adding a field is not breaking.
""",
}

SERVERS = {
    "local": {
        "host": "127.0.0.1:5672",
        "protocol": "amqp",
        "protocolVersion": "0.9.1",
        "description": "The local stack's RabbitMQ (`make up`).",
    }
}

# The envelope is the kit's (grassroots_kit.messaging.envelope), the same for every type.
CLOUD_EVENT: dict[str, Any] = {
    "type": "object",
    "description": "The CloudEvents 1.0 envelope every Grassroots event uses.",
    "required": [
        "specversion",
        "id",
        "source",
        "type",
        "subject",
        "time",
        "datacontenttype",
        "dataversion",
        "data",
    ],
    "properties": {
        "specversion": {"const": "1.0"},
        "id": {
            "type": "string",
            "minLength": 1,
            "description": "Unique per event; consumers deduplicate by it.",
        },
        "source": {
            "type": "string",
            "description": "The publishing service, e.g. `grassroots/people`.",
            "pattern": f"^grassroots/({'|'.join(SOURCES)})$",
        },
        "type": {"type": "string", "description": "The event type, also the routing key."},
        "subject": {
            "type": "string",
            "minLength": 1,
            "description": "Id of the entity the event is about.",
        },
        "time": {"type": "string", "format": "date-time"},
        "datacontenttype": {"const": "application/json"},
        "dataversion": {
            "type": "string",
            "description": "Version of the `data` schema of this type.",
        },
        "data": {"type": "object"},
        "traceparent": {
            "type": "string",
            "pattern": "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$",
            "description": (
                "Present when the publisher traces: the W3C trace context of the work that "
                "caused the event (CloudEvents distributed-tracing extension). Consumers "
                "continue the trace."
            ),
        },
        "tracestate": {
            "type": "string",
            "description": "W3C `tracestate` accompanying `traceparent`, when there is one.",
        },
    },
}


class _Untitled(GenerateJsonSchema):
    """Pydantic titles every property after its name; the names say it already."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def _one_line(node: Any) -> None:
    """Docstrings wrap at the code's width; a description is one paragraph."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                node[key] = " ".join(value.split())
            else:
                _one_line(value)
    elif isinstance(node, list):
        for item in node:
            _one_line(item)


def _key(event_type: str) -> str:
    """`case.closed` -> `caseClosed`: the channel, message and operation names."""
    family, _, what = event_type.partition(".")
    return family + what[:1].upper() + what[1:]


def _schemas() -> dict[str, Any]:
    models: list[type[Payload]] = []
    for spec in EVENTS.values():
        if spec.payload not in models:
            models.append(spec.payload)
    _, top = models_json_schema(
        [(m, "serialization") for m in models],
        ref_template="#/components/schemas/{model}",
        schema_generator=_Untitled,
    )
    defs: dict[str, Any] = top["$defs"]
    for schema in defs.values():
        schema.pop("title", None)
    _one_line(defs)
    return {"CloudEvent": CLOUD_EVENT, **dict(sorted(defs.items()))}


def document() -> dict[str, Any]:
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for spec in EVENTS.values():
        key = _key(spec.event_type)
        service = spec.source.removeprefix("grassroots/")
        channels[key] = {
            "address": spec.event_type,
            "description": spec.description,
            "messages": {key: {"$ref": f"#/components/messages/{key}"}},
            "bindings": {
                "amqp": {
                    "is": "routingKey",
                    "exchange": {
                        "name": EXCHANGE,
                        "type": "topic",
                        "durable": True,
                        "autoDelete": False,
                        "vhost": "/",
                    },
                }
            },
        }
        operations[f"publish{key[:1].upper()}{key[1:]}"] = {
            "action": "send",
            "title": f"{service} publishes {spec.event_type}",
            "channel": {"$ref": f"#/channels/{key}"},
            "messages": [{"$ref": f"#/channels/{key}/messages/{key}"}],
        }
        messages[key] = {
            "name": spec.event_type,
            "title": spec.title,
            "summary": spec.description,
            "contentType": "application/cloudevents+json",
            "payload": {
                "allOf": [
                    {"$ref": "#/components/schemas/CloudEvent"},
                    {
                        "type": "object",
                        "properties": {
                            "type": {"const": spec.event_type},
                            "source": {"const": spec.source},
                            "dataversion": {"const": spec.dataversion},
                            "data": {"$ref": f"#/components/schemas/{spec.payload.__name__}"},
                        },
                    },
                ]
            },
        }
    return {
        "asyncapi": "3.0.0",
        "info": INFO,
        "defaultContentType": "application/cloudevents+json",
        "servers": SERVERS,
        "channels": channels,
        "operations": operations,
        "components": {"schemas": _schemas(), "messages": messages},
    }


def render() -> str:
    body = yaml.safe_dump(document(), sort_keys=False, width=100, allow_unicode=True)
    return f"# Generated by scripts/asyncapi.py from grassroots_contracts; do not edit.\n{body}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if DOCUMENT.read_text() != text:
            print(f"{DOCUMENT.relative_to(REPO_ROOT)} is stale: run python scripts/asyncapi.py")
            return 1
        return 0
    DOCUMENT.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
