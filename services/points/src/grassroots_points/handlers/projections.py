"""Reactions to people's events that keep the local projections current."""

from __future__ import annotations

from grassroots_contracts.event_types import ORGUNIT_CREATED
from grassroots_contracts.org_units import OrgUnitSnapshot
from grassroots_kit.messaging.consumer import Subscription
from grassroots_kit.messaging.projection import versioned_projection
from grassroots_kit.mongo import Database

from grassroots_points.adapters import org_unit_projection


def projection_subscription(db: Database) -> Subscription:
    org_units = versioned_projection(db, org_unit_projection.COLLECTION, OrgUnitSnapshot.projection)
    return Subscription(purpose="projections", handlers={ORGUNIT_CREATED: org_units})
