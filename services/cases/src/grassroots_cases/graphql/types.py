"""GraphQL types of the cases subgraph."""

from __future__ import annotations

from datetime import datetime

import strawberry
from grassroots_kit.graphql.connections import (
    After,
    Connection,
    First,
    decode_cursor,
    page_size,
    to_connection,
)
from grassroots_kit.mongo import Document
from strawberry.types import Info

from grassroots_cases.adapters.cases import CaseReader
from grassroots_cases.graphql.context import Context


@strawberry.federation.type(keys=["id"], description="A resident's problem or need.")
class Case:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    number: str = strawberry.field(description="Readable number, unique per district and year.")
    title: str = strawberry.field(description="What the problem is, in a line.")
    status: str = strawberry.field(description="Where the case stands in its workflow.")
    created_at: datetime = strawberry.field(description="When the case was reported.")

    @classmethod
    def from_doc(cls, doc: Document) -> Case:
        return cls(
            id=strawberry.ID(doc["_id"]),
            number=doc["number"],
            title=doc["title"],
            status=doc["status"],
            created_at=doc["createdAt"],
        )


def _case_key(doc: Document) -> tuple[str, str]:
    return (doc["createdAt"].isoformat(), doc["_id"])


@strawberry.federation.type(keys=["id"], description="A unit of the administrative ladder.")
class OrgUnit:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> OrgUnit:
        return cls(id=id)

    @strawberry.field(description="Cases raised in this unit's subtree, newest first.")
    async def cases(
        self, info: Info[Context, None], first: First = None, after: After = None
    ) -> Connection[Case]:
        key = decode_cursor(after) if after else None
        if key is not None:
            key = [datetime.fromisoformat(str(key[0])), key[1]]
        page = await CaseReader(info.context.host.db).page_in_subtree(
            str(self.id), page_size(first), key
        )
        return to_connection(page, _case_key, Case.from_doc)
