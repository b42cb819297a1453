"""Every collection and index the points service declares, created when it starts (the kit
adds its own outbox and processed-events collections). docs/indexes.md is rendered from these."""

from __future__ import annotations

from grassroots_kit import org_units
from grassroots_kit.mongo import Indexes

from grassroots_points.adapters import (
    cases_seen,
    ledger,
    people_projection,
    received,
    rewards,
    rules,
    withheld,
)

COLLECTIONS: list[str] = [
    ledger.ACCOUNTS,
    ledger.COLLECTION,
    org_units.COLLECTION,
    people_projection.PEOPLE,
    people_projection.ROLES,
    rules.COLLECTION,
    rewards.REWARDS,
    rewards.REDEMPTIONS,
    cases_seen.CLOSURES,
    cases_seen.ORDERS,
    received.COLLECTION,
    withheld.COLLECTION,
]
INDEXES: list[Indexes] = [
    *ledger.INDEXES,
    org_units.INDEXES,
    *people_projection.INDEXES,
    rules.INDEXES,
    *rewards.INDEXES,
    *cases_seen.INDEXES,
    received.INDEXES,
    withheld.INDEXES,
]
