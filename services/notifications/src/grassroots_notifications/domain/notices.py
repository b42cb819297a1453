"""A notice: something a person should know, stored as a message id and its parameters and
rendered in the reader's language when read (so the same notice reads in zh-CN or en)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from grassroots_kit.i18n import Locale, Text, label


class NoticeKind(StrEnum):
    """The graph's NoticeKind; grassroots_contracts.notification_events lists the same codes."""

    CASE_REPORTED_IN_AREA = "CASE_REPORTED_IN_AREA"
    CASE_ASSIGNED_TO_YOU = "CASE_ASSIGNED_TO_YOU"
    CASE_ASSIGNED = "CASE_ASSIGNED"
    CASE_ESCALATED = "CASE_ESCALATED"
    CASE_RESOLVED = "CASE_RESOLVED"
    CASE_CLOSED = "CASE_CLOSED"
    CASE_REOPENED = "CASE_REOPENED"
    ORDER_POSTED_NEARBY = "ORDER_POSTED_NEARBY"


class Channel(StrEnum):
    """Where a notice goes besides the inbox, which always has it."""

    EMAIL = "EMAIL"
    SMS = "SMS"
    WECHAT = "WECHAT"


# The message id of each kind: English, translated from the package's catalog when rendered.
TEMPLATES: Mapping[NoticeKind, str] = {
    NoticeKind.CASE_REPORTED_IN_AREA: label("A new case {number} was reported in your area."),
    NoticeKind.CASE_ASSIGNED_TO_YOU: label("Case {number} was assigned to you."),
    NoticeKind.CASE_ASSIGNED: label("Case {number} has someone answering for it now."),
    NoticeKind.CASE_ESCALATED: label("Case {number} was escalated to a higher level."),
    NoticeKind.CASE_RESOLVED: label("Case {number} was resolved: please rate how it was handled."),
    NoticeKind.CASE_CLOSED: label("Case {number} was closed."),
    NoticeKind.CASE_REOPENED: label("Case {number} was reopened."),
    NoticeKind.ORDER_POSTED_NEARBY: label("A new order {number} was posted near you."),
}


def notice_id(event_id: str, recipient_id: str) -> str:
    """One notice per (event, recipient): the id is derived from both, so a redelivered event
    finds its notice already there."""
    digest = hashlib.sha256(f"{event_id}\x00{recipient_id}".encode()).hexdigest()
    return f"ntc_{digest[:24]}"


@dataclass(frozen=True)
class Notice:
    id: str
    recipient_id: str
    kind: NoticeKind
    params: Mapping[str, Any]
    about_id: str | None
    event_id: str
    created_at: datetime
    read_at: datetime | None = None

    @property
    def read(self) -> bool:
        return self.read_at is not None

    def text(self) -> Text:
        return Text(TEMPLATES[self.kind], dict(self.params))

    def render(self, locale: Locale | None = None) -> str:
        return self.text().render(locale)


@dataclass(frozen=True)
class Recipient:
    """Who must know, and why: one notice each."""

    person_id: str
    kind: NoticeKind


@dataclass(frozen=True)
class Suppressed:
    """The record of a notice dropped by the rate limit."""

    id: str
    recipient_id: str
    kind: NoticeKind
    event_id: str
    at: datetime
