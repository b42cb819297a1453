"""CloudEvents 1.0 in structured JSON mode."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

CONTENT_TYPE = "application/cloudevents+json"
SPEC_VERSION = "1.0"
_REQUIRED = ("id", "source", "specversion", "type")


class InvalidEvent(ValueError):
    """A message that is not a usable CloudEvent; it is parked, never retried."""


@dataclass(frozen=True)
class CloudEvent:
    id: str
    type: str
    source: str
    subject: str
    time: datetime
    data: Mapping[str, Any]
    dataversion: str = "1"
    extensions: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.extensions,
            "specversion": SPEC_VERSION,
            "id": self.id,
            "type": self.type,
            "source": self.source,
            "subject": self.subject,
            "time": self.time.isoformat().replace("+00:00", "Z"),
            "datacontenttype": "application/json",
            "dataversion": self.dataversion,
            "data": dict(self.data),
        }

    def to_json(self) -> bytes:
        return json.dumps(self.to_dict(), separators=(",", ":"), ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, body: bytes) -> CloudEvent:
        try:
            raw = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InvalidEvent(f"body is not JSON: {exc}") from None
        if not isinstance(raw, dict):
            raise InvalidEvent("body is not a JSON object")
        return cls.from_dict(raw)

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> CloudEvent:
        missing = [
            name for name in _REQUIRED if not isinstance(raw.get(name), str) or not raw[name]
        ]
        if missing:
            raise InvalidEvent(f"missing CloudEvents attribute(s): {', '.join(missing)}")
        if raw["specversion"] != SPEC_VERSION:
            raise InvalidEvent(f"unsupported specversion {raw['specversion']!r}")
        data = raw.get("data")
        if not isinstance(data, dict):
            raise InvalidEvent("data must be a JSON object")
        try:
            time = datetime.fromisoformat(str(raw.get("time", "")).replace("Z", "+00:00"))
        except ValueError:
            raise InvalidEvent(f"time is not an RFC 3339 timestamp: {raw.get('time')!r}") from None
        if time.tzinfo is None:
            raise InvalidEvent("time has no time zone")
        known = {*_REQUIRED, "subject", "time", "datacontenttype", "dataversion", "data"}
        extensions = {k: str(v) for k, v in raw.items() if k not in known}
        return cls(
            id=raw["id"],
            type=raw["type"],
            source=raw["source"],
            subject=str(raw.get("subject", "")),
            time=time,
            data=data,
            dataversion=str(raw.get("dataversion", "1")),
            extensions=extensions,
        )


def new_event(
    type: str,
    *,
    source: str,
    subject: str,
    data: Mapping[str, Any],
    dataversion: str = "1",
    time: datetime | None = None,
) -> CloudEvent:
    return CloudEvent(
        id=str(uuid.uuid4()),
        type=type,
        source=source,
        subject=subject,
        time=time or datetime.now(UTC),
        data=data,
        dataversion=dataversion,
    )
