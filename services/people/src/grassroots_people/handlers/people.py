"""Use cases of people: register residents (one or a batch), move one to another household."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from grassroots_contracts.event_types import PERSON_MOVED, PERSON_REGISTERED, SOURCE_PEOPLE
from grassroots_contracts.people_events import PersonSnapshot
from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput, Conflict
from grassroots_kit.i18n import msg
from grassroots_kit.messaging.envelope import new_event

from grassroots_people.domain import access
from grassroots_people.domain.ids import HouseholdId, OrgUnitId, PersonId, new_person_id
from grassroots_people.domain.passwords import check_password
from grassroots_people.domain.people import (
    Household,
    Person,
    moved_to,
    new_person,
    require_not_reserved,
)
from grassroots_people.handlers.loading import household_in, person_in, unit_in
from grassroots_people.handlers.ports import PeoplePorts, PeopleTx

MAX_BATCH = 200
# Each password costs an Argon2 hash (a tenth of a second, 64 MiB): a batch carries few.
MAX_PASSWORDS = 20


@dataclass(frozen=True)
class RegisterPerson:
    name: str
    phone: str | None
    household_id: HouseholdId | None
    org_unit_id: OrgUnitId | None  # for someone who serves here but lives elsewhere
    party_member: bool
    password: str | None = None


@dataclass(frozen=True)
class MovePerson:
    person_id: PersonId
    household_id: HouseholdId


def snapshot(person: Person) -> PersonSnapshot:
    return PersonSnapshot(
        id=person.id,
        name=person.name,
        household_id=person.household_id,
        org_unit_id=person.org_unit_id,
        org_unit_path=person.org_unit_path,
        party_member=person.party_member,
        version=person.version,
    )


async def register_people(
    ports: PeoplePorts, actor: Principal | None, commands: Sequence[RegisterPerson]
) -> list[Person]:
    """Everything cheap first (bounds, the caller, where each person goes and whether the
    caller manages it), then the hashing, then the writes: nobody makes the service hash
    passwords for a request it refuses."""
    caller = access.require_actor(actor)
    if not 1 <= len(commands) <= MAX_BATCH:
        raise BadUserInput(
            msg("register 1 to {max_batch} people at a time", max_batch=MAX_BATCH), field="people"
        )
    if sum(1 for c in commands if c.password is not None) > MAX_PASSWORDS:
        raise BadUserInput(
            msg(
                "give a password to at most {max_passwords} people at a time",
                max_passwords=MAX_PASSWORDS,
            ),
            field="password",
        )
    phones = [c.phone for c in commands if c.phone]
    if len(set(phones)) != len(phones):
        raise Conflict(msg("the same phone number is given twice"), field="phone")
    for command in commands:
        if command.password is not None:
            check_password(command.password)

    async def place(tx: PeopleTx, now: datetime) -> list[Person]:
        seen_households: dict[str, Household] = {}
        people = []
        for command in commands:
            household = None
            unit = None
            if command.household_id is not None:
                household = seen_households.get(command.household_id) or await household_in(
                    tx, command.household_id
                )
                seen_households[household.id] = household
            elif command.org_unit_id is not None:
                unit = await unit_in(tx, command.org_unit_id)
            person = new_person(
                id=new_person_id(),
                name=command.name,
                phone=command.phone,
                household=household,
                unit=unit,
                party_member=command.party_member,
                now=now,
            )
            access.require_manage(caller, person.org_unit_path, msg("register people here"))
            require_not_reserved(person.phone, None, ports.bootstrap_phone)
            people.append(person)
        return people

    if any(c.password is not None for c in commands):
        # authorized before a single hash (a transaction that only reads)
        await ports.uow.run(lambda tx: place(tx, ports.clock()))
    hashes = {
        i: await ports.hashing.hash(c.password)
        for i, c in enumerate(commands)
        if c.password is not None
    }

    async def work(tx: PeopleTx) -> list[Person]:
        now = ports.clock()
        people = await place(tx, now)
        await tx.persons.insert_many(people)
        for index, password_hash in hashes.items():
            await tx.credentials.set_password_hash(people[index].id, password_hash, now)
        events = [
            new_event(
                PERSON_REGISTERED,
                source=SOURCE_PEOPLE,
                subject=p.id,
                data=snapshot(p).to_data(),
            )
            for p in people
        ]
        tx.publish(events)
        return people

    return await ports.uow.run(work)


async def move_person(ports: PeoplePorts, actor: Principal | None, command: MovePerson) -> Person:
    async def work(tx: PeopleTx) -> Person:
        person = await person_in(tx, command.person_id)
        household = await household_in(tx, command.household_id)
        access.require_manage(actor, person.org_unit_path, msg("move this person"))
        access.require_manage(
            actor, household.org_unit_path, msg("move people into that household")
        )
        changed = moved_to(person, household)
        await tx.persons.save(changed)
        event = new_event(
            PERSON_MOVED, source=SOURCE_PEOPLE, subject=person.id, data=snapshot(changed).to_data()
        )
        tx.publish([event])
        return changed

    return await ports.uow.run(work)
