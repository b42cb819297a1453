"""Every collection and index the cases service declares, created when it starts (the kit adds
its own outbox and processed-events collections). docs/indexes.md is rendered from these."""

from __future__ import annotations

from grassroots_kit import org_units
from grassroots_kit.media import hosting as media_hosting
from grassroots_kit.mongo import Indexes

from grassroots_cases.adapters import (
    cases,
    counters,
    district_codes,
    follows,
    role_projection,
    rollups,
    sla_policies,
)

COLLECTIONS: list[str] = [
    cases.COLLECTION,
    counters.COLLECTION,
    district_codes.COLLECTION,
    follows.COLLECTION,
    org_units.COLLECTION,
    role_projection.COLLECTION,
    sla_policies.COLLECTION,
    rollups.COLLECTION,
    *media_hosting.COLLECTIONS,
]
INDEXES: list[Indexes] = [
    cases.INDEXES,
    district_codes.INDEXES,
    follows.INDEXES,
    org_units.INDEXES,
    org_units.CHILDREN_INDEXES,
    role_projection.INDEXES,
    rollups.INDEXES,
    media_hosting.INDEXES,
]
