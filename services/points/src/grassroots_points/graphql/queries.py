from __future__ import annotations

import strawberry
from grassroots_kit.graphql.connections import (
    After,
    Connection,
    First,
    decode_cursor,
    page_size,
    to_connection,
)
from strawberry.types import Info

from grassroots_points.domain.access import require_staff_over, require_view_account
from grassroots_points.domain.periods import PeriodKind
from grassroots_points.graphql.catalog_types import Redemption, RedemptionStatus, Reward
from grassroots_points.graphql.context import Context
from grassroots_points.graphql.org_unit import (
    LeaderboardEntry,
    OutstandingChief,
    Since,
    Size,
    Until,
    leaderboard_of,
    outstanding_chiefs_of,
    reward_connection,
)
from grassroots_points.graphql.types import LedgerEntry, PointRule, PointsAccount, ledger_connection
from grassroots_points.handlers import reading


@strawberry.input(description="Narrows a list of redemptions; all given conditions apply.")
class RedemptionFilter:
    person_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this person's (yours when nothing else is given)."
    )
    org_unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only those of catalogs in this unit's subtree (staff)."
    )
    status: RedemptionStatus | None = strawberry.field(
        default=None, description="Only those with this status."
    )


@strawberry.type
class Query:
    @strawberry.field(
        description="A person's points account (null when they have none yet). You see your "
        "own; staff see those of people in their scope."
    )
    async def points_account(
        self, info: Info[Context, None], person_id: strawberry.ID
    ) -> PointsAccount | None:
        caller = info.context.require_caller()
        account = await info.context.accounts.load(str(person_id))
        require_view_account(caller, str(person_id), account.org_unit_path if account else ())
        return PointsAccount.from_domain(account) if account else None

    @strawberry.field(description="A person's ledger entries, newest first.")
    async def ledger(
        self,
        info: Info[Context, None],
        person_id: strawberry.ID,
        first: First = None,
        after: After = None,
    ) -> Connection[LedgerEntry]:
        return await ledger_connection(info.context, str(person_id), first, after)

    @strawberry.field(description="The point rules in force.")
    async def point_rules(self, info: Info[Context, None]) -> list[PointRule]:
        info.context.require_caller()
        return [PointRule.from_domain(r) for r in await reading.point_rules(info.context.ports)]

    @strawberry.field(description="The rewards offered in an org unit's subtree, by name.")
    async def rewards(
        self,
        info: Info[Context, None],
        org_unit_id: strawberry.ID,
        first: First = None,
        after: After = None,
        include_inactive: bool = False,
    ) -> Connection[Reward]:
        return await reward_connection(info, str(org_unit_id), include_inactive, first, after)

    @strawberry.field(description="Redemptions, newest first: your own, or staff's scope.")
    async def redemptions(
        self,
        info: Info[Context, None],
        filter: RedemptionFilter | None = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Redemption]:
        caller = info.context.require_caller()
        wanted = filter or RedemptionFilter()
        person_id = str(wanted.person_id) if wanted.person_id else None
        within = str(wanted.org_unit_id) if wanted.org_unit_id else None
        if within is not None:
            unit = await reading.org_unit(info.context.ports, within)
            require_staff_over(caller, unit.path_with_self if unit else ())
        elif person_id is not None and person_id != caller.person_id:
            account = await info.context.accounts.load(person_id)
            require_view_account(caller, person_id, account.org_unit_path if account else ())
        elif person_id is None:
            person_id = caller.person_id
        page = await reading.redemption_page(
            info.context.ports,
            person_id,
            within,
            wanted.status,
            page_size(first),
            decode_cursor(after) if after else None,
        )
        return to_connection(page, reading.redemption_key, Redemption.from_domain)

    @strawberry.field(description="Top earners of points in an org unit's subtree in a period.")
    async def leaderboard(
        self,
        info: Info[Context, None],
        org_unit_id: strawberry.ID,
        since: Since = None,
        until: Until = None,
        first: Size = 10,
        period: PeriodKind | None = None,
    ) -> list[LeaderboardEntry]:
        return await leaderboard_of(info, str(org_unit_id), period, since, until, first)

    @strawberry.field(description="The year's top neighbor chiefs of a subtree by points.")
    async def outstanding_chiefs(
        self,
        info: Info[Context, None],
        org_unit_id: strawberry.ID,
        year: int | None = None,
        first: Size = 10,
    ) -> list[OutstandingChief]:
        return await outstanding_chiefs_of(info, str(org_unit_id), year, first)
