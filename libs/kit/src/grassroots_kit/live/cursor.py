"""The position of a live stream: the time and id of the last event a client received.

A client passes it back as `after` when it subscribes again; the stream then replays what the
service's outbox still holds from shortly before that time (`history.OutboxHistory`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from grassroots_kit import cursors
from grassroots_kit.messaging.envelope import CloudEvent


@dataclass(frozen=True)
class LiveCursor:
    at: datetime
    event_id: str

    @classmethod
    def of(cls, event: CloudEvent) -> LiveCursor:
        return cls(event.time, event.id)

    def encode(self) -> str:
        return cursors.encode([self.at, self.event_id])

    @classmethod
    def decode(cls, text: str) -> LiveCursor:
        """The cursor a client sent back; BAD_USER_INPUT "invalid cursor" for anything else."""
        at, event_id = cursors.decode(text, datetime, str)
        return cls(at, event_id)
