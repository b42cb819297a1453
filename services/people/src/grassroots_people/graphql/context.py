"""Per-request context: who is calling, the use-case runtime and the request's DataLoaders."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import TypeVar

from grassroots_kit.auth import Principal
from grassroots_kit.errors import Unauthenticated
from grassroots_kit.mongo import Database
from starlette.requests import Request
from strawberry.dataloader import DataLoader

from grassroots_people.adapters.households import HouseholdStore
from grassroots_people.adapters.org_units import OrgUnitStore
from grassroots_people.adapters.organizations import Membership, OrganizationStore
from grassroots_people.adapters.persons import PersonStore
from grassroots_people.adapters.roles import RoleStore
from grassroots_people.domain import access
from grassroots_people.domain.org_units import OrgUnit
from grassroots_people.domain.organizations import Organization
from grassroots_people.domain.people import Household, Person
from grassroots_people.domain.roles import RoleAssignment
from grassroots_people.handlers.runtime import Runtime

V = TypeVar("V")


def _by_id(fetch: Callable[[Iterable[str]], Awaitable[dict[str, V]]]) -> DataLoader[str, V | None]:
    async def load(ids: Sequence[str]) -> list[V | None]:
        found = await fetch(ids)
        return [found.get(i) for i in ids]

    return DataLoader(load_fn=load)


def _grouped(
    fetch: Callable[[Iterable[str]], Awaitable[dict[str, list[V]]]],
) -> DataLoader[str, list[V]]:
    async def load(ids: Sequence[str]) -> list[list[V]]:
        found = await fetch(ids)
        return [found.get(i, []) for i in ids]

    return DataLoader(load_fn=load)


@dataclass(frozen=True)
class Stores:
    """The adapters behind the loaders, built once per application: each one looks its
    collection up, which costs more than a request should pay for every loader."""

    org_units: OrgUnitStore
    households: HouseholdStore
    persons: PersonStore
    roles: RoleStore
    organizations: OrganizationStore

    @classmethod
    def of(cls, db: Database) -> Stores:
        return cls(
            OrgUnitStore(db),
            HouseholdStore(db),
            PersonStore(db),
            RoleStore(db),
            OrganizationStore(db),
        )


@dataclass
class Context:
    runtime: Runtime
    request: Request
    stores: Stores
    principal: Principal | None = None
    auth_error: Unauthenticated | None = None
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    # Each loader is built when a resolver first asks for it: most operations use one or two
    # of them, and building all nine (and their stores) on every request was about a twentieth
    # of a subgraph's time per request.
    @cached_property
    def org_units(self) -> DataLoader[str, OrgUnit | None]:
        return _by_id(self.stores.org_units.get_many)

    @cached_property
    def households(self) -> DataLoader[str, Household | None]:
        return _by_id(self.stores.households.get_many)

    @cached_property
    def persons(self) -> DataLoader[str, Person | None]:
        return _by_id(self.stores.persons.get_many)

    @cached_property
    def members(self) -> DataLoader[str, list[Person]]:
        return _grouped(self.stores.persons.in_households)

    @cached_property
    def roles(self) -> DataLoader[str, list[RoleAssignment]]:
        roles = self.stores.roles
        return _grouped(lambda ids: roles.active_for_many(ids, self.now))

    @cached_property
    def organizations(self) -> DataLoader[str, Organization | None]:
        return _by_id(self.stores.organizations.get_many)

    @cached_property
    def organization_members(self) -> DataLoader[str, list[Membership]]:
        return _grouped(self.stores.organizations.members_of)

    @cached_property
    def organization_staff(self) -> DataLoader[str, list[RoleAssignment]]:
        roles = self.stores.roles
        return _grouped(lambda ids: roles.in_organizations(ids, self.now))

    @cached_property
    def paired_units(self) -> DataLoader[str, list[str]]:
        return _grouped(self.stores.organizations.paired_units)

    def actor(self) -> Principal | None:
        """The caller, or None when anonymous; a bad token fails only what needs the caller."""
        if self.auth_error is not None:
            raise self.auth_error
        return self.principal

    def require_actor(self) -> Principal:
        actor = self.actor()
        if actor is None:
            raise Unauthenticated("log in first: this needs an access token")
        return actor

    async def viewer_household(self) -> str | None:
        actor = self.actor()
        if actor is None:
            return None
        me = await self.persons.load(actor.person_id)
        return me.household_id if me else None

    async def sees_private(
        self, person_id: str | None, household_id: str | None, path: Sequence[str]
    ) -> bool:
        """Phone numbers and addresses show in full to oneself, one's household and those
        with a role over the place; everyone else sees them masked."""
        actor = self.actor()
        if actor is None:
            return False
        if person_id is not None and actor.person_id == person_id:
            return True
        if access.can_see(actor, path):
            return True
        return household_id is not None and household_id == await self.viewer_household()
