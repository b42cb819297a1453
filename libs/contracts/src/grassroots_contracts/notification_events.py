"""Payload of the event `notifications` publishes: notice.created.

It names the recipient and the notice, never its text (rendered per reader's language by the
inbox) or any personal data, so a live-delivery consumer fans it out to the one person it is for.
"""

from __future__ import annotations

from typing import Annotated

from grassroots_contracts.payload import Id, OneOf, Payload, Timestamp

NOTICE_KINDS = (
    "CASE_REPORTED_IN_AREA",
    "CASE_ASSIGNED_TO_YOU",
    "CASE_ASSIGNED",
    "CASE_ESCALATED",
    "CASE_RESOLVED",
    "CASE_CLOSED",
    "CASE_REOPENED",
    "ORDER_POSTED_NEARBY",
)


class NoticeCreated(Payload):
    """A notice was put in `recipientId`'s inbox; the subject is the notice. Published once per
    (source event, recipient), however often the source event was delivered."""

    notice_id: Id
    recipient_id: Id
    kind: Annotated[str, OneOf(NOTICE_KINDS)]
    """What the notice is about (the graph's NoticeKind)."""
    about_id: Id | None
    """The case (or order) the notice is about, if any."""
    source_event_id: Id
    """The event that caused it."""
    created_at: Timestamp
