"""Use cases of organizations: register one, add a member, pair it with a community."""

from __future__ import annotations

from dataclasses import dataclass

from grassroots_kit.auth import Principal
from grassroots_kit.errors import Conflict, NotFound
from grassroots_kit.i18n import msg

from grassroots_people.domain import access
from grassroots_people.domain.ids import OrganizationId, OrgUnitId, PersonId, new_organization_id
from grassroots_people.domain.org_units import clean_name
from grassroots_people.domain.organizations import (
    Membership,
    Organization,
    OrganizationKind,
    new_organization,
)
from grassroots_people.handlers.loading import person_in, unit_in
from grassroots_people.handlers.ports import PeoplePorts, PeopleTx


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


async def _organization_in(tx: PeopleTx, org_id: str) -> Organization:
    organization = await tx.organizations.get(org_id)
    if organization is None:
        raise NotFound(
            msg("no organization with id {organization_id}", organization_id=org_id),
            field="organizationId",
        )
    return organization


async def create_organization(
    ports: PeoplePorts, actor: Principal | None, command: CreateOrganization
) -> Organization:
    async def work(tx: PeopleTx) -> Organization:
        unit = await unit_in(tx, command.org_unit_id)
        access.require_manage(actor, unit.path_with_self, msg("register organizations here"))
        organization = new_organization(
            id=new_organization_id(),
            kind=command.kind,
            name=command.name,
            unit=unit,
            now=ports.clock(),
        )
        await tx.organizations.insert(organization)
        return organization

    return await ports.uow.run(work)


async def add_organization_member(
    ports: PeoplePorts, actor: Principal | None, command: AddOrganizationMember
) -> Organization:
    async def work(tx: PeopleTx) -> Organization:
        organization = await _organization_in(tx, command.organization_id)
        access.require_manage(
            actor, organization.org_unit_path, msg("change the members of this organization")
        )
        person = await person_in(tx, command.person_id)
        title = clean_name(command.title, "title") if command.title else None
        await tx.organizations.add_member(
            Membership(organization.id, person.id, title, ports.clock())
        )
        return organization

    return await ports.uow.run(work)


async def pair_organization(
    ports: PeoplePorts, actor: Principal | None, command: PairOrganization
) -> Organization:
    async def work(tx: PeopleTx) -> Organization:
        organization = await _organization_in(tx, command.organization_id)
        unit = await unit_in(tx, command.org_unit_id)
        access.require_manage(actor, unit.path_with_self, msg("pair organizations with this unit"))
        if not await tx.organizations.pair(organization.id, unit.id):
            raise Conflict(msg("already paired with {unit}", unit=unit.name), field="orgUnitId")
        return organization

    return await ports.uow.run(work)
