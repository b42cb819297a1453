"""`commentOnCase`: Add a comment to a case's timeline."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.mutations._common import CaseRef, transition
from grassroots_cases.graphql.types import Case
from grassroots_cases.handlers.case_commands import comment_on_case


@strawberry.input(description="Add a comment to a case's timeline.")
class CommentOnCaseInput(CaseRef):
    text: str = strawberry.field(description="The comment.")
    media_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Photos of the progress: ids from requestPhotoUpload that you uploaded.",
    )


@strawberry.type(description="The result of commentOnCase.")
class CommentOnCasePayload:
    case: Case = strawberry.field(description="The case as it is now.")


async def resolve_case_comment(
    info: Info[Context, None], input: CommentOnCaseInput
) -> CommentOnCasePayload:
    case = await comment_on_case(
        info.context.ports,
        info.context.caller,
        transition(input),
        input.text,
        [str(m) for m in input.media_ids or ()],
    )
    return CommentOnCasePayload(case=Case.from_domain(case))
