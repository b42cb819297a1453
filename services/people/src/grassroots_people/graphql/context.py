"""Per-request context: who is calling, the use-case runtime and the request's DataLoaders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property

from grassroots_kit.auth import Principal
from grassroots_kit.graphql.loaders import by_id, grouped
from grassroots_kit.request_auth import ANONYMOUS, RequestAuth
from starlette.requests import Request
from strawberry.dataloader import DataLoader

from grassroots_people.domain import privacy
from grassroots_people.domain.org_units import OrgUnit
from grassroots_people.domain.organizations import Membership, Organization
from grassroots_people.domain.people import Household, Person
from grassroots_people.domain.roles import Role, RoleAssignment
from grassroots_people.handlers.composition import Runtime
from grassroots_people.handlers.reading import Stores


@dataclass
class Context:
    runtime: Runtime
    request: Request
    stores: Stores
    auth: RequestAuth = ANONYMOUS
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    _viewer: privacy.Viewer | None = field(default=None, init=False, repr=False)
    _person_views: dict[str, privacy.PersonView] = field(
        default_factory=dict, init=False, repr=False
    )

    # Each loader is built when a resolver first asks for it: most operations use one or two
    # of them, and building all nine (and their stores) on every request was about a twentieth
    # of a subgraph's time per request.
    @cached_property
    def org_units(self) -> DataLoader[str, OrgUnit | None]:
        return by_id(self.stores.org_units.get_many)

    @cached_property
    def households(self) -> DataLoader[str, Household | None]:
        return by_id(self.stores.households.get_many)

    @cached_property
    def persons(self) -> DataLoader[str, Person | None]:
        return by_id(self.stores.persons.get_many)

    @cached_property
    def members(self) -> DataLoader[str, list[Person]]:
        return grouped(self.stores.persons.in_households)

    @cached_property
    def roles(self) -> DataLoader[str, list[RoleAssignment]]:
        roles = self.stores.roles
        return grouped(lambda ids: roles.active_for_many(ids, self.now))

    @cached_property
    def serving(self) -> DataLoader[tuple[tuple[str, ...], tuple[Role, ...]], list[RoleAssignment]]:
        """Role assignments held at a unit or above it, by (unit path with itself, roles): a
        page of units asking `servedBy` costs one query."""
        roles = self.stores.roles

        async def load(
            keys: Sequence[tuple[tuple[str, ...], tuple[Role, ...]]],
        ) -> list[list[RoleAssignment]]:
            units = sorted({u for path, _ in keys for u in path})
            wanted = sorted({r for _, held in keys for r in held})
            found = await roles.serving(units, wanted, self.now)
            return [
                [a for a in found if a.org_unit_id in path and a.role in held]
                for path, held in keys
            ]

        return DataLoader(load_fn=load)

    @cached_property
    def organizations(self) -> DataLoader[str, Organization | None]:
        return by_id(self.stores.organizations.get_many)

    @cached_property
    def organization_members(self) -> DataLoader[str, list[Membership]]:
        return grouped(self.stores.organizations.members_of)

    @cached_property
    def organization_staff(self) -> DataLoader[str, list[RoleAssignment]]:
        roles = self.stores.roles
        return grouped(lambda ids: roles.in_organizations(ids, self.now))

    @cached_property
    def paired_units(self) -> DataLoader[str, list[str]]:
        return grouped(self.stores.organizations.paired_units)

    @property
    def caller(self) -> Principal | None:
        """The caller, or None when anonymous; a bad token fails only what needs the caller."""
        return self.auth.optional()

    def require_caller(self) -> Principal:
        return self.auth.required()

    async def viewer_household(self) -> str | None:
        caller = self.caller
        if caller is None:
            return None
        me = await self.persons.load(caller.person_id)
        return me.household_id if me else None

    async def viewer(self) -> privacy.Viewer:
        """The caller as the privacy policy sees them; a bad token sees what anyone sees."""
        if self._viewer is None:
            principal = self.auth.principal
            if principal is None:
                self._viewer = privacy.ANONYMOUS
            else:
                me = await self.persons.load(principal.person_id)
                self._viewer = privacy.Viewer(principal, me.household_id if me else None)
        return self._viewer

    def viewer_by_grants(self) -> privacy.Viewer:
        """The caller without their household: enough when their grants already decide, as
        the policy only ever grants more for a household (no lookup of the caller then)."""
        principal = self.auth.principal
        return privacy.Viewer(principal) if principal is not None else privacy.ANONYMOUS

    async def person_view(self, person: Person) -> privacy.PersonView:
        """What the caller may see of this person (`domain/privacy.py`), once per request."""
        known = self._person_views.get(person.id)
        if known is not None:
            return known
        subject = privacy.PersonSubject(person.id, person.household_id, person.org_unit_path)
        viewer = self.viewer_by_grants()
        if not privacy.knows_privately(viewer, subject):
            viewer = await self.viewer()
        if not privacy.knows_privately(viewer, subject):
            # Only now do the person's roles matter (does their name show publicly?); the
            # loader asks for every person of this tick in one query.
            held = await self.roles.load(person.id)
            public = privacy.serves_publicly(a.role for a in held)
            subject = replace(subject, serves_publicly=public)
        view = privacy.person_view(viewer, subject)
        self._person_views[person.id] = view
        return view

    async def sees_household(self, household: Household) -> bool:
        subject = privacy.HouseholdSubject(household.id, household.org_unit_path)
        return privacy.sees_household(self.viewer_by_grants(), subject) or (
            privacy.sees_household(await self.viewer(), subject)
        )
