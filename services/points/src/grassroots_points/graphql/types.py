"""GraphQL types of the points subgraph."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from grassroots_kit.errors import BadUserInput
from strawberry.types import Info

from grassroots_points.adapters import ledger
from grassroots_points.graphql.context import Context

MAX_LEADERBOARD = 100


@strawberry.type(description="A person's place on a leaderboard.")
class LeaderboardEntry:
    person_id: strawberry.ID = strawberry.field(description="The person who earned the points.")
    points: int = strawberry.field(description="Points earned in the period.")
    rank: int = strawberry.field(description="1 for the top earner.")


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
        since: Annotated[
            datetime | None, strawberry.argument(name="from", description="Period start.")
        ] = None,
        until: Annotated[
            datetime | None, strawberry.argument(name="to", description="Period end (excluded).")
        ] = None,
        first: Annotated[int, strawberry.argument(description="How many, at most 100.")] = 10,
    ) -> list[LeaderboardEntry]:
        if not 1 <= first <= MAX_LEADERBOARD:
            raise BadUserInput(f"`first` must be between 1 and {MAX_LEADERBOARD}", field="first")
        standings = await ledger.leaderboard(
            info.context.host.db, str(self.id), since, until, first
        )
        return [
            LeaderboardEntry(person_id=strawberry.ID(s.person_id), points=s.points, rank=s.rank)
            for s in standings
        ]
