"""The cases subgraph's schema, exported to services/cases/schema.graphql."""

from __future__ import annotations

import strawberry
from grassroots_kit.graphql.schema import SubgraphSchema

from grassroots_cases.graphql.mutations import (
    case_accept,
    case_assign,
    case_close,
    case_comment,
    case_deliberation_send,
    case_dispatch,
    case_escalate,
    case_follow,
    case_rate,
    case_reject,
    case_reopen,
    case_report,
    case_resolve,
    case_start,
    cases_import,
    order_post,
    order_take,
    photo_upload_request,
    sla_policy_set,
)
from grassroots_cases.graphql.queries import Query
from grassroots_cases.graphql.subscriptions import Subscription
from grassroots_cases.graphql.types import Case, Organization, OrgUnit, Person


@strawberry.type
class Mutation:
    report_case: case_report.ReportCasePayload = strawberry.mutation(
        resolver=case_report.resolve_case_report, description="Report a case."
    )
    request_photo_upload: photo_upload_request.RequestPhotoUploadPayload = strawberry.mutation(
        resolver=photo_upload_request.resolve_photo_upload_request,
        description="Get a single-use URL to upload one photo to (signed in).",
    )
    accept_case: case_accept.AcceptCasePayload = strawberry.mutation(
        resolver=case_accept.resolve_case_accept,
        description="Take up a reported case, or report for duty on a dispatched one.",
    )
    assign_case: case_assign.AssignCasePayload = strawberry.mutation(
        resolver=case_assign.resolve_case_assign, description="Assign a case."
    )
    start_case: case_start.StartCasePayload = strawberry.mutation(
        resolver=case_start.resolve_case_start, description="Start work on a case."
    )
    escalate_case: case_escalate.EscalateCasePayload = strawberry.mutation(
        resolver=case_escalate.resolve_case_escalate, description="Escalate a case."
    )
    dispatch_case: case_dispatch.DispatchCasePayload = strawberry.mutation(
        resolver=case_dispatch.resolve_case_dispatch,
        description="Dispatch a case to a department or red partner.",
    )
    post_order: order_post.PostOrderPayload = strawberry.mutation(
        resolver=order_post.resolve_order_post, description="Post a case on the order board."
    )
    take_order: order_take.TakeOrderPayload = strawberry.mutation(
        resolver=order_take.resolve_order_take, description="Take an order from the board."
    )
    resolve_case: case_resolve.ResolveCasePayload = strawberry.mutation(
        resolver=case_resolve.resolve_case_resolve, description="Resolve a case."
    )
    rate_case: case_rate.RateCasePayload = strawberry.mutation(
        resolver=case_rate.resolve_case_rate, description="Rate a resolved case."
    )
    close_case: case_close.CloseCasePayload = strawberry.mutation(
        resolver=case_close.resolve_case_close, description="Close a resolved case."
    )
    reopen_case: case_reopen.ReopenCasePayload = strawberry.mutation(
        resolver=case_reopen.resolve_case_reopen, description="Reopen a case."
    )
    reject_case: case_reject.RejectCasePayload = strawberry.mutation(
        resolver=case_reject.resolve_case_reject, description="Reject a case."
    )
    follow_case: case_follow.FollowCasePayload = strawberry.mutation(
        resolver=case_follow.resolve_follow_case,
        description="Follow a case you may see: you are told when it moves.",
    )
    unfollow_case: case_follow.FollowCasePayload = strawberry.mutation(
        resolver=case_follow.resolve_unfollow_case, description="Stop following a case."
    )
    add_me_too: case_follow.FollowCasePayload = strawberry.mutation(
        resolver=case_follow.resolve_add_me_too,
        description='Say "me too" to a case you may see (once) instead of reporting the same '
        "problem again; you follow it too.",
    )
    comment_on_case: case_comment.CommentOnCasePayload = strawberry.mutation(
        resolver=case_comment.resolve_case_comment, description="Comment on a case."
    )
    send_case_to_deliberation: case_deliberation_send.SendCaseToDeliberationPayload = (
        strawberry.mutation(
            resolver=case_deliberation_send.resolve_case_deliberation_send,
            description="Send a case to a meeting to decide; it waits until the decision comes.",
        )
    )
    set_sla_policy: sla_policy_set.SetSlaPolicyPayload = strawberry.mutation(
        resolver=sla_policy_set.resolve_sla_policy_set, description="Set a district's deadlines."
    )
    import_cases: cases_import.ImportCasesPayload = strawberry.mutation(
        resolver=cases_import.resolve_cases_import,
        description="Import historical cases (district administrators).",
    )


schema = SubgraphSchema(
    service="cases",
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    types=[OrgUnit, Case, Person, Organization],
)
