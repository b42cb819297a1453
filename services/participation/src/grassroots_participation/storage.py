"""Every collection and index the participation service declares, created when it starts (the
kit adds its own outbox and processed-events collections). docs/indexes.md is rendered from
these."""

from __future__ import annotations

from grassroots_kit import org_units
from grassroots_kit.media import hosting as media_hosting
from grassroots_kit.mongo import Indexes

from grassroots_participation.adapters import (
    activities,
    cost_shares,
    deliberation,
    meetings,
    people_projection,
    surveys,
)

COLLECTIONS: list[str] = [
    meetings.COLLECTION,
    org_units.COLLECTION,
    people_projection.PEOPLE,
    people_projection.ROLES,
    deliberation.PROPOSALS,
    deliberation.LISTS,
    cost_shares.COLLECTION,
    activities.ACTIVITIES,
    activities.ATTENDANCES,
    activities.TEAMS,
    surveys.SURVEYS,
    surveys.RESPONSES,
    *media_hosting.COLLECTIONS,
]
INDEXES: list[Indexes] = [
    meetings.INDEXES,
    org_units.INDEXES,
    *people_projection.INDEXES,
    *deliberation.INDEXES,
    cost_shares.INDEXES,
    *activities.INDEXES,
    *surveys.INDEXES,
    media_hosting.INDEXES,
]
