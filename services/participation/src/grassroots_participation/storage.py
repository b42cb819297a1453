"""Every collection and index the participation service declares, created when it starts (the
kit adds its own outbox and processed-events collections). docs/indexes.md is rendered from
these."""

from __future__ import annotations

from grassroots_kit import org_units
from grassroots_kit.mongo import Indexes

from grassroots_participation.adapters import meetings, people_projection, surveys

COLLECTIONS: list[str] = [
    meetings.COLLECTION,
    org_units.COLLECTION,
    people_projection.PEOPLE,
    people_projection.ROLES,
    surveys.SURVEYS,
    surveys.RESPONSES,
]
INDEXES: list[Indexes] = [
    meetings.INDEXES,
    org_units.INDEXES,
    *people_projection.INDEXES,
    *surveys.INDEXES,
]
