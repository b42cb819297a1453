"""Use cases of organizations: register one, add a member, pair it with a community."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from grassroots_kit.auth import Principal
from grassroots_kit.errors import Conflict, NotFound
from grassroots_kit.mongo import Session

from grassroots_people.adapters.org_units import OrgUnitStore
from grassroots_people.adapters.organizations import OrganizationStore
from grassroots_people.adapters.persons import PersonStore
from grassroots_people.domain import access
from grassroots_people.domain.ids import OrganizationId, OrgUnitId, PersonId, new_organization_id
from grassroots_people.domain.org_units import clean_name
from grassroots_people.domain.organizations import (
    Membership,
    Organization,
    OrganizationKind,
    new_organization,
)
from grassroots_people.handlers.org_units import load_unit
from grassroots_people.handlers.people import load_person
from grassroots_people.handlers.runtime import Runtime


@dataclass(frozen=True)
class CreateOrganization:
    kind: OrganizationKind
    name: str
    org_unit_id: OrgUnitId


@dataclass(frozen=True)
class AddOrganizationMember:
    organization_id: OrganizationId
    person_id: PersonId
    title: str | None


@dataclass(frozen=True)
class PairOrganization:
    organization_id: OrganizationId
    org_unit_id: OrgUnitId


async def load_organization(
    store: OrganizationStore, org_id: str, session: Session
) -> Organization:
    organization = await store.get(org_id, session)
    if organization is None:
        raise NotFound(f"no organization with id {org_id}", field="organizationId")
    return organization


async def create_organization(
    runtime: Runtime, actor: Principal | None, command: CreateOrganization
) -> Organization:
    units, organizations = OrgUnitStore(runtime.host.db), OrganizationStore(runtime.host.db)

    async def work(session: Session) -> Organization:
        unit = await load_unit(units, command.org_unit_id, session)
        access.require_manage(actor, unit.path_with_self, "register organizations here")
        organization = new_organization(
            id=new_organization_id(),
            kind=command.kind,
            name=command.name,
            unit=unit,
            now=datetime.now(UTC),
        )
        await organizations.insert(organization, session)
        return organization

    return await runtime.host.transaction(work)


async def add_organization_member(
    runtime: Runtime, actor: Principal | None, command: AddOrganizationMember
) -> Organization:
    db = runtime.host.db
    organizations, persons = OrganizationStore(db), PersonStore(db)

    async def work(session: Session) -> Organization:
        organization = await load_organization(organizations, command.organization_id, session)
        access.require_manage(
            actor, organization.org_unit_path, "change the members of this organization"
        )
        person = await load_person(persons, command.person_id, session)
        title = clean_name(command.title, "title") if command.title else None
        await organizations.add_member(
            Membership(organization.id, person.id, title, datetime.now(UTC)), session
        )
        return organization

    return await runtime.host.transaction(work)


async def pair_organization(
    runtime: Runtime, actor: Principal | None, command: PairOrganization
) -> Organization:
    units, organizations = OrgUnitStore(runtime.host.db), OrganizationStore(runtime.host.db)

    async def work(session: Session) -> Organization:
        organization = await load_organization(organizations, command.organization_id, session)
        unit = await load_unit(units, command.org_unit_id, session)
        access.require_manage(actor, unit.path_with_self, "pair organizations with this unit")
        if not await organizations.pair(organization.id, unit.id, session):
            raise Conflict(f"already paired with {unit.name}", field="orgUnitId")
        return organization

    return await runtime.host.transaction(work)
