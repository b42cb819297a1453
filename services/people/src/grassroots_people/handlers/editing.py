"""Use cases of keeping one's own record: a resident edits themselves and their household;
those who manage the place may edit anyone there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from grassroots_contracts.event_types import PERSON_UPDATED, SOURCE_PEOPLE
from grassroots_kit.auth import Principal
from grassroots_kit.messaging.envelope import new_event
from grassroots_kit.mongo import Session

from grassroots_people.adapters.households import HouseholdStore
from grassroots_people.adapters.persons import PersonStore
from grassroots_people.adapters.roles import RoleStore
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
from grassroots_people.handlers.households import load_household
from grassroots_people.handlers.people import load_person, snapshot
from grassroots_people.handlers.runtime import Runtime


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


async def update_person(runtime: Runtime, actor: Principal | None, command: UpdatePerson) -> Person:
    persons = PersonStore(runtime.host.db)

    async def work(session: Session) -> Person:
        caller = access.require_actor(actor)
        person = await load_person(persons, command.person_id, session)
        manages = access.can_manage(caller, person.org_unit_path)
        access.require(manages or caller.person_id == person.id, "edit this person")
        if command.party_member is not None and command.party_member != person.party_member:
            access.require(manages, "change party membership")
        changed = edited(
            person, name=command.name, phone=command.phone, party_member=command.party_member
        )
        if changed.phone == runtime.bootstrap_phone != person.phone:
            admin = await RoleStore(runtime.host.db).holding(
                Role.PLATFORM_ADMIN, EVERYWHERE, datetime.now(UTC), session, person_id=person.id
            )
            require_not_reserved(
                changed.phone, person.phone, runtime.bootstrap_phone, platform_admin=bool(admin)
            )
        await persons.save(changed, session)
        event = new_event(
            PERSON_UPDATED,
            source=SOURCE_PEOPLE,
            subject=person.id,
            data=snapshot(changed).to_data(),
        )
        await runtime.publish(session, [event])
        return changed

    return await runtime.host.transaction(work)


async def update_household(
    runtime: Runtime, actor: Principal | None, command: UpdateHousehold
) -> Household:
    households, persons = HouseholdStore(runtime.host.db), PersonStore(runtime.host.db)

    async def work(session: Session) -> Household:
        caller = access.require_actor(actor)
        household = await load_household(households, command.household_id, session)
        me = await persons.get(caller.person_id, session)
        lives_here = me is not None and me.household_id == household.id
        access.require(
            lives_here or access.has_role_over(caller, access.CARING, household.org_unit_path),
            "edit this household",
        )
        changed = household_edited(household, address=command.address, needs=command.needs)
        await households.save(changed, session)
        return changed

    return await runtime.host.transaction(work)
