"""Per-request context: who is calling, the use-case runtime and the request's DataLoaders."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar

from grassroots_kit.auth import Principal
from grassroots_kit.errors import Unauthenticated
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


@dataclass
class Context:
    runtime: Runtime
    request: Request
    principal: Principal | None = None
    auth_error: Unauthenticated | None = None
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    org_units: DataLoader[str, OrgUnit | None] = field(init=False)
    households: DataLoader[str, Household | None] = field(init=False)
    persons: DataLoader[str, Person | None] = field(init=False)
    members: DataLoader[str, list[Person]] = field(init=False)
    roles: DataLoader[str, list[RoleAssignment]] = field(init=False)
    organizations: DataLoader[str, Organization | None] = field(init=False)
    organization_members: DataLoader[str, list[Membership]] = field(init=False)
    organization_staff: DataLoader[str, list[RoleAssignment]] = field(init=False)
    paired_units: DataLoader[str, list[str]] = field(init=False)

    def __post_init__(self) -> None:
        db = self.runtime.host.db
        persons, roles, organizations = PersonStore(db), RoleStore(db), OrganizationStore(db)
        self.org_units = _by_id(OrgUnitStore(db).get_many)
        self.households = _by_id(HouseholdStore(db).get_many)
        self.persons = _by_id(persons.get_many)
        self.members = _grouped(persons.in_households)
        self.roles = _grouped(lambda ids: roles.active_for_many(ids, self.now))
        self.organizations = _by_id(organizations.get_many)
        self.organization_members = _grouped(organizations.members_of)
        self.organization_staff = _grouped(lambda ids: roles.in_organizations(ids, self.now))
        self.paired_units = _grouped(organizations.paired_units)

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
