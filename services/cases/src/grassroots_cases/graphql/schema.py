"""The cases subgraph's schema, exported to services/cases/schema.graphql."""

from __future__ import annotations

import strawberry
from grassroots_kit.graphql.errors import mask_unexpected_errors
from grassroots_kit.graphql.observe import operation_metrics
from strawberry.types import Info

from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.types import Case, OrgUnit


@strawberry.type
class Query:
    @strawberry.field(description="One case by id, or null when there is none.")
    async def case(self, info: Info[Context, None], id: strawberry.ID) -> Case | None:
        doc = await info.context.host.db["cases"].find_one({"_id": str(id)})
        return Case.from_doc(doc) if doc else None


schema = strawberry.federation.Schema(
    query=Query,
    types=[OrgUnit, Case],
    federation_version="2.9",
    extensions=[mask_unexpected_errors, operation_metrics("cases")],
)
