"""How a unit's meetings are listed: the filter and the order a page continues in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from grassroots_participation.domain.meetings import Meeting, MeetingKind, MeetingStatus


@dataclass(frozen=True)
class MeetingQuery:
    within: str
    """An org unit: its meetings and those of the units below it."""
    kinds: tuple[MeetingKind, ...] = ()
    status: MeetingStatus | None = None
    starts_from: datetime | None = None
    starts_before: datetime | None = None
    held_at: frozenset[str] | None = None
    """Only meetings held at these units (what a resident may list), None for any."""


class StaleMeeting(Exception):
    """The meeting changed since it was read (another writer's version is stored)."""


def meeting_key(meeting: Meeting) -> tuple[str, str]:
    """Meetings are listed by start time, then id; a cursor is this key."""
    return (meeting.starts_at.isoformat(), meeting.id)
