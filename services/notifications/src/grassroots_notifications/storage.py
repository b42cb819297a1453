"""Every collection and index the notifications service declares, created when it starts (the
kit adds its own outbox and processed-events collections). docs/indexes.md is rendered from
these."""

from __future__ import annotations

from grassroots_kit.mongo import Indexes

from grassroots_notifications.adapters import deliveries, directory, notices, preferences

COLLECTIONS: list[str] = [
    notices.NOTICES,
    notices.SUPPRESSED,
    deliveries.DELIVERIES,
    preferences.PREFERENCES,
    directory.CASES,
    directory.ROLES,
]
INDEXES: list[Indexes] = [
    *notices.INDEXES,
    *deliveries.INDEXES,
    *directory.INDEXES,
]
