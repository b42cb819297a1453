"""The points subgraph's schema, exported to services/points/schema.graphql."""

from __future__ import annotations

import strawberry
from grassroots_kit.graphql.errors import mask_unexpected_errors
from grassroots_kit.graphql.observe import operation_metrics

from grassroots_points.graphql.types import OrgUnit

schema = strawberry.federation.Schema(
    types=[OrgUnit],
    federation_version="2.9",
    extensions=[mask_unexpected_errors, operation_metrics("points")],
)
