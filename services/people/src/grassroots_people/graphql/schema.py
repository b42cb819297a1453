"""The people subgraph's schema, exported to services/people/schema.graphql."""

from __future__ import annotations

import strawberry
from grassroots_kit.graphql.errors import mask_unexpected_errors
from grassroots_kit.graphql.observe import operation_metrics

from grassroots_people.graphql.mutations.org_unit_create import (
    CreateOrgUnitPayload,
    resolve_create_org_unit,
)
from grassroots_people.graphql.queries import Query
from grassroots_people.graphql.types import OrgUnit


@strawberry.type
class Mutation:
    create_org_unit: CreateOrgUnitPayload = strawberry.mutation(
        resolver=resolve_create_org_unit, description="Create an org unit below a parent."
    )


schema = strawberry.federation.Schema(
    query=Query,
    mutation=Mutation,
    types=[OrgUnit],
    federation_version="2.9",
    extensions=[mask_unexpected_errors, operation_metrics("people")],
)
