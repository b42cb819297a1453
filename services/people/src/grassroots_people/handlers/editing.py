"""Use cases of keeping one's own record: a resident edits themselves and their household;
those who manage the place may edit anyone there."""

from __future__ import annotations

from dataclasses import dataclass

from grassroots_contracts.event_types import PERSON_UPDATED, SOURCE_PEOPLE
from grassroots_kit.auth import Principal
from grassroots_kit.i18n import msg
from grassroots_kit.messaging.envelope import new_event

from grassroots_people.domain import access
from grassroots_people.domain.ids import HouseholdId, PersonId
from grassroots_people.domain.people import (
    Household,
    Person,
    edited,
    household_edited,
    require_not_reserved,
)
from grassroots_people.domain.roles import EVERYWHERE, Role
from grassroots_people.handlers.loading import household_in, person_in
from grassroots_people.handlers.people import snapshot
from grassroots_people.handlers.ports import PeoplePorts, PeopleTx


@dataclass(frozen=True)
class UpdatePerson:
    person_id: PersonId
    name: str | None
    phone: str | None
    party_member: bool | None


@dataclass(frozen=True)
class UpdateHousehold:
    household_id: HouseholdId
    address: str | None
    needs: list[str] | None


async def update_person(
    ports: PeoplePorts, actor: Principal | None, command: UpdatePerson
) -> Person:
    async def work(tx: PeopleTx) -> Person:
        caller = access.require_actor(actor)
        person = await person_in(tx, command.person_id)
        manages = access.can_manage(caller, person.org_unit_path)
        access.require(manages or caller.person_id == person.id, msg("edit this person"))
        if command.party_member is not None and command.party_member != person.party_member:
            access.require(manages, msg("change party membership"))
        changed = edited(
            person, name=command.name, phone=command.phone, party_member=command.party_member
        )
        if changed.phone == ports.bootstrap_phone != person.phone:
            admin = await tx.roles.holding(
                Role.PLATFORM_ADMIN, EVERYWHERE, ports.clock(), person_id=person.id
            )
            require_not_reserved(
                changed.phone, person.phone, ports.bootstrap_phone, platform_admin=bool(admin)
            )
        await tx.persons.save(changed)
        tx.publish(
            [
                new_event(
                    PERSON_UPDATED,
                    source=SOURCE_PEOPLE,
                    subject=person.id,
                    data=snapshot(changed).to_data(),
                )
            ]
        )
        return changed

    return await ports.uow.run(work)


async def update_household(
    ports: PeoplePorts, actor: Principal | None, command: UpdateHousehold
) -> Household:
    async def work(tx: PeopleTx) -> Household:
        caller = access.require_actor(actor)
        household = await household_in(tx, command.household_id)
        me = await tx.persons.get(caller.person_id)
        lives_here = me is not None and me.household_id == household.id
        access.require(
            lives_here or access.has_role_over(caller, access.CARING, household.org_unit_path),
            msg("edit this household"),
        )
        changed = household_edited(household, address=command.address, needs=command.needs)
        await tx.households.save(changed)
        return changed

    return await ports.uow.run(work)
