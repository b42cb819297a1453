"""The OrgUnit entity as points extends it: leaderboards, the catalog, outstanding chiefs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry
from grassroots_kit.business_time import business_year
from grassroots_kit.errors import BadUserInput
from grassroots_kit.graphql.connections import (
    After,
    Connection,
    First,
    decode_cursor,
    page_size,
    to_connection,
)
from grassroots_kit.i18n import msg
from strawberry.types import Info

from grassroots_points.domain.periods import PeriodKind, period
from grassroots_points.graphql.catalog_types import Reward
from grassroots_points.graphql.context import Context
from grassroots_points.graphql.types import Person
from grassroots_points.handlers import reading, recognition

MAX_LEADERBOARD = 100

Since = Annotated[
    datetime | None, strawberry.argument(name="from", description="Period start (CUSTOM).")
]
Until = Annotated[
    datetime | None, strawberry.argument(name="to", description="Period end, excluded (CUSTOM).")
]
Size = Annotated[int, strawberry.argument(description="How many, at most 100.")]


@strawberry.type(description="A person's place on a leaderboard.")
class LeaderboardEntry:
    person_id: strawberry.ID = strawberry.field(description="The person who earned the points.")
    person: Person = strawberry.field(description="The person who earned the points.")
    points: int = strawberry.field(description="Points earned in the period.")
    rank: int = strawberry.field(description="1 for the top earner; ties share a rank.")


@strawberry.type(description="A neighbor chief commended for a year of service.")
class OutstandingChief:
    person: Person = strawberry.field(description="The chief.")
    points: int = strawberry.field(description="Points earned in the year.")
    handled_cases: int = strawberry.field(description="Cases they handled that stayed closed.")
    rank: int = strawberry.field(description="1 for the top earner; ties share a rank.")


def check_size(first: int) -> int:
    if not 1 <= first <= MAX_LEADERBOARD:
        raise BadUserInput(
            msg("`first` must be between 1 and {max_leaderboard}", max_leaderboard=MAX_LEADERBOARD),
            field="first",
        )
    return first


async def leaderboard_of(
    info: Info[Context, None],
    org_unit_id: str,
    kind: PeriodKind | None,
    since: datetime | None,
    until: datetime | None,
    first: int,
) -> list[LeaderboardEntry]:
    if kind is None:
        kind = PeriodKind.CUSTOM if since or until else PeriodKind.ALL_TIME
    ports = info.context.ports
    window = period(kind, now=datetime.now(UTC), tz=ports.business_zone, since=since, until=until)
    standings = await recognition.leaderboard(
        info.context.ports, org_unit_id, window, check_size(first)
    )
    return [
        LeaderboardEntry(
            person_id=strawberry.ID(s.person_id),
            person=Person(id=strawberry.ID(s.person_id)),
            points=s.points,
            rank=s.rank,
        )
        for s in standings
    ]


async def outstanding_chiefs_of(
    info: Info[Context, None], org_unit_id: str, year: int | None, first: int
) -> list[OutstandingChief]:
    chiefs = await recognition.outstanding_chiefs(
        info.context.ports,
        org_unit_id,
        year or business_year(datetime.now(UTC), info.context.ports.business_zone),
        check_size(first),
    )
    return [
        OutstandingChief(
            person=Person(id=strawberry.ID(c.person_id)),
            points=c.points,
            handled_cases=c.handled_cases,
            rank=c.rank,
        )
        for c in chiefs
    ]


async def reward_connection(
    info: Info[Context, None],
    org_unit_id: str,
    include_inactive: bool,
    first: int | None,
    after: str | None,
) -> Connection[Reward]:
    page = await reading.reward_page(
        info.context.ports,
        org_unit_id,
        not include_inactive,
        page_size(first),
        decode_cursor(after) if after else None,
    )
    for reward in page.items:
        info.context.rewards.prime(reward.id, reward)
    return to_connection(page, reading.reward_key, Reward.from_domain)


# people owns OrgUnit; the fields points adds are nullable so that a refusal or a points outage
# nulls that field alone, with the error at its path, not the unit people answered (nor the
# list it sits in) (docs/graph.md, "When part of an answer fails").
@strawberry.federation.type(keys=["id"], description="A unit of the administrative ladder.")
class OrgUnit:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> OrgUnit:
        return cls(id=id)

    @strawberry.field(description="Top earners of points in this unit's subtree in a period.")
    async def leaderboard(
        self,
        info: Info[Context, None],
        since: Since = None,
        until: Until = None,
        first: Size = 10,
        period: Annotated[
            PeriodKind | None,
            strawberry.argument(
                description="WEEK, MONTH or YEAR around now, ALL_TIME, or CUSTOM from/to "
                "(the default: CUSTOM when from or to is given, else ALL_TIME)."
            ),
        ] = None,
    ) -> list[LeaderboardEntry] | None:
        return await leaderboard_of(info, str(self.id), period, since, until, first)

    @strawberry.field(description="The rewards offered in this unit's subtree, by name.")
    async def rewards(
        self,
        info: Info[Context, None],
        first: First = None,
        after: After = None,
        include_inactive: bool = False,
    ) -> Connection[Reward] | None:
        return await reward_connection(info, str(self.id), include_inactive, first, after)

    @strawberry.field(
        description="The year's top neighbor chiefs in this subtree by points earned, with "
        "the cases each handled, for commendation."
    )
    async def outstanding_chiefs(
        self, info: Info[Context, None], year: int | None = None, first: Size = 10
    ) -> list[OutstandingChief] | None:
        return await outstanding_chiefs_of(info, str(self.id), year, first)
