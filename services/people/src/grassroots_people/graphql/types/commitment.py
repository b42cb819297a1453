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
from grassroots_kit.graphql.geo import GeoPoint, from_point
from grassroots_kit.graphql.photos import Photo
from strawberry.types import Info

from grassroots_people.domain import commitments as domain
from grassroots_people.domain import visits as visit_domain
from grassroots_people.domain.listing import commitment_key
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.enums import CareLevel, CommitmentStatus
from grassroots_people.graphql.types.household import Household
from grassroots_people.graphql.types.person import Person
from grassroots_people.handlers import reading
from grassroots_people.handlers.households import visit_photos


@strawberry.type(description="A party member's public promise.")
class Commitment:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    text: str = strawberry.field(description="What was promised.")
    due_by: datetime = strawberry.field(description="When it is due.")
    status: CommitmentStatus = strawberry.field(description="PROMISED, FULFILLED or LAPSED.")
    fulfilled_at: datetime | None = strawberry.field(description="When it was fulfilled.")
    evidence: str | None = strawberry.field(description="What shows it was fulfilled.")
    on_time: bool = strawberry.field(description="Fulfilled by its due date.")
    claimed_at: datetime | None = strawberry.field(
        description="When the promiser claimed it fulfilled; it waits for confirmation until "
        "`confirmedAt`."
    )
    confirmed_at: datetime | None = strawberry.field(
        description="When someone serving its unit confirmed the fulfilment."
    )
    person_id: strawberry.Private[str]
    confirmed_by_id: strawberry.Private[str | None]

    @classmethod
    def from_domain(cls, commitment: domain.Commitment, now: datetime) -> Commitment:
        return cls(
            id=strawberry.ID(commitment.id),
            text=commitment.text,
            due_by=commitment.due_by,
            status=commitment.status_at(now),
            fulfilled_at=commitment.fulfilled_at,
            evidence=commitment.evidence,
            on_time=commitment.on_time,
            claimed_at=commitment.claimed_at,
            confirmed_at=commitment.confirmed_at,
            person_id=commitment.person_id,
            confirmed_by_id=commitment.confirmed_by,
        )

    @strawberry.field(description="Who made it.")
    async def person(self, info: Info[Context, None]) -> Person | None:
        person = await info.context.persons.load(self.person_id)
        return Person.from_domain(person) if person else None

    @strawberry.field(description="Who confirmed the fulfilment.")
    async def confirmed_by(self, info: Info[Context, None]) -> Person | None:
        return await _person(info, self.confirmed_by_id)


@strawberry.type(description="The commitments of an org unit's subtree and how they fare.")
class CommitmentBoard:
    made: int = strawberry.field(description="Commitments made.")
    fulfilled: int = strawberry.field(description="Of those, fulfilled.")
    lapsed: int = strawberry.field(description="Of those, past due and not fulfilled.")
    promised: int = strawberry.field(description="Still open and not yet due.")
    rate: float = strawberry.field(
        description="fulfilled / (fulfilled + lapsed), 0 when none is decided yet."
    )
    org_unit_id: strawberry.Private[str]

    @strawberry.field(description="The commitments, soonest due first.")
    async def commitments(
        self, info: Info[Context, None], first: First = None, after: After = None
    ) -> Connection[Commitment]:
        page = await reading.commitments(
            info.context.stores,
            self.org_unit_id,
            page_size(first),
            decode_cursor(after) if after else None,
        )
        now = info.context.now
        return to_connection(page, commitment_key, lambda c: Commitment.from_domain(c, now))


async def commitment_board(context: Context, org_unit_id: str) -> CommitmentBoard:
    board = await reading.commitment_board(context.stores, org_unit_id, context.now)
    return CommitmentBoard(
        made=board.made,
        fulfilled=board.fulfilled,
        lapsed=board.lapsed,
        promised=board.promised,
        rate=board.rate,
        org_unit_id=org_unit_id,
    )


@strawberry.type(description="A visit to a household.")
class Visit:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    at: datetime = strawberry.field(description="When the visit took place.")
    notes: str = strawberry.field(description="What was found or done.")
    care_level: CareLevel = strawberry.field(description="The household's level at the time.")
    confirmed_at: datetime | None = strawberry.field(
        description="When it was confirmed; a visit counts (schedule, points) only from then."
    )
    location: GeoPoint | None = strawberry.field(
        description="Where the visit took place (WGS-84), as the visitor placed it."
    )
    visitor_id: strawberry.Private[str]
    confirmed_by_id: strawberry.Private[str | None]
    household: Household = strawberry.field(description="The household visited, after the visit.")

    @classmethod
    def from_domain(cls, visit: visit_domain.Visit, household: Household) -> Visit:
        return cls(
            id=strawberry.ID(visit.id),
            at=visit.at,
            notes=visit.notes,
            care_level=visit.care_level,
            confirmed_at=visit.confirmed_at,
            location=from_point(visit.location),
            visitor_id=visit.visitor_id,
            confirmed_by_id=visit.confirmed_by,
            household=household,
            domain=visit,
        )

    domain: strawberry.Private[visit_domain.Visit | None] = None

    @strawberry.field(description="The visitor's photos of the visit.")
    async def photos(self, info: Info[Context, None]) -> list[Photo]:
        if self.domain is None:
            return []
        found = await visit_photos(info.context.runtime.ports, self.domain)
        return [Photo.from_view(view) for view in found]

    @strawberry.field(description="Who visited.")
    async def visitor(self, info: Info[Context, None]) -> Person | None:
        return await _person(info, self.visitor_id)

    @strawberry.field(description="Who confirmed it: a household member or someone serving it.")
    async def confirmed_by(self, info: Info[Context, None]) -> Person | None:
        return await _person(info, self.confirmed_by_id)


async def _person(info: Info[Context, None], person_id: str | None) -> Person | None:
    person = await info.context.persons.load(person_id) if person_id else None
    return Person.from_domain(person) if person else None
