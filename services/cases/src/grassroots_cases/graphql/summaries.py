"""Public, anonymised summaries: what residents may know of the cases around them."""

from __future__ import annotations

from datetime import datetime

import strawberry
from grassroots_kit.graphql.connections import Connection, Page, to_connection

from grassroots_cases.domain import model
from grassroots_cases.domain.listing import sort_key
from grassroots_cases.graphql.enums import CaseCategory, CaseSort, CaseStatus


@strawberry.type(
    description="A case as the neighbourhood may see it: no reporter, details or address."
)
class CaseSummary:
    number: str = strawberry.field(description="Readable number.")
    title: str = strawberry.field(description="What the problem is, in a line.")
    category: CaseCategory = strawberry.field(description="What it is about.")
    status: CaseStatus = strawberry.field(description="Where it stands.")
    created_at: datetime = strawberry.field(description="When it was reported.")
    resolved_at: datetime | None = strawberry.field(description="When it was resolved.")

    @classmethod
    def from_domain(cls, case: model.Case) -> CaseSummary:
        return cls(
            number=case.number,
            title=case.title,
            category=case.category,
            status=case.status,
            created_at=case.created_at,
            resolved_at=case.resolved_at,
        )


def summaries(page: Page[model.Case]) -> Connection[CaseSummary]:
    return to_connection(page, lambda c: sort_key(c, CaseSort.CREATED), CaseSummary.from_domain)
