"""Reading what the GraphQL layer shows: the stores behind its DataLoaders and the paged lists.

The GraphQL layer reaches stores only through here; what it gets back is domain objects and
`Page`s of them, never a store or a store's query language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from grassroots_kit.cursors import Page
from grassroots_kit.mongo import Database

from grassroots_people.adapters.commitments import CommitmentStore
from grassroots_people.adapters.households import HouseholdStore
from grassroots_people.adapters.org_units import OrgUnitStore
from grassroots_people.adapters.organizations import OrganizationStore
from grassroots_people.adapters.persons import PersonStore
from grassroots_people.adapters.roles import RoleStore
from grassroots_people.domain.commitments import Board, Commitment
from grassroots_people.domain.listing import (
    HouseholdQuery,
    OrganizationQuery,
    OrgUnitQuery,
    PersonQuery,
)
from grassroots_people.domain.org_units import OrgUnit
from grassroots_people.domain.organizations import Organization
from grassroots_people.domain.people import Household, Person
from grassroots_people.handlers.ports import (
    CommitmentReader,
    HouseholdReader,
    OrganizationReader,
    OrgUnitReader,
    PersonReader,
    RoleReader,
)


@dataclass(frozen=True)
class Stores:
    """The stores behind the reads, built once per application: each one looks its
    collection up, which costs more than a request should pay for every loader."""

    org_units: OrgUnitReader
    households: HouseholdReader
    persons: PersonReader
    roles: RoleReader
    organizations: OrganizationReader
    commitments: CommitmentReader

    @classmethod
    def of(cls, db: Database) -> Stores:
        return cls(
            OrgUnitStore(db),
            HouseholdStore(db),
            PersonStore(db),
            RoleStore(db),
            OrganizationStore(db),
            CommitmentStore(db),
        )


async def people(
    stores: Stores, query: PersonQuery, first: int, after: Sequence[Any] | None
) -> Page[Person]:
    return await stores.persons.page(query, first, after)


async def households(
    stores: Stores, query: HouseholdQuery, first: int, after: Sequence[Any] | None
) -> Page[Household]:
    return await stores.households.page(query, first, after)


async def org_units(
    stores: Stores, query: OrgUnitQuery, first: int, after: Sequence[Any] | None
) -> Page[OrgUnit]:
    return await stores.org_units.page(query, first, after)


async def organizations(
    stores: Stores, query: OrganizationQuery, first: int, after: Sequence[Any] | None
) -> Page[Organization]:
    return await stores.organizations.page(query, first, after)


async def commitments(
    stores: Stores, org_unit_id: str, first: int, after: Sequence[Any] | None
) -> Page[Commitment]:
    """The commitments of a unit's subtree, soonest due first."""
    return await stores.commitments.page(org_unit_id, first, after)


async def commitment_board(stores: Stores, org_unit_id: str, now: datetime) -> Board:
    """How the commitments of a unit's subtree fare; a promise past due counts as lapsed."""
    return await stores.commitments.board(org_unit_id, now)
