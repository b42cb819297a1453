"""The first administrator: a platform admin over every district, outside the ladder.

Someone has to create the districts and their first DISTRICT_ADMIN. At its first start (no
platform admin yet), people creates one with BOOTSTRAP_ADMIN_PHONE and BOOTSTRAP_ADMIN_PASSWORD,
or with a random password it writes to its log that one time. Later starts change nothing, so
a password the admin changed stays changed. The operator command
`python -m grassroots_people.bootstrap --phone … --password …` creates a platform admin or sets
an existing one's password. Neither makes an existing person platform admin: whoever holds the
phone without already being one is refused, so a resident who took the number cannot be
promoted by a restart.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from grassroots_kit.errors import Conflict
from grassroots_kit.i18n import msg

from grassroots_people.domain.ids import PersonId, new_person_id, new_role_assignment_id
from grassroots_people.domain.passwords import check_password
from grassroots_people.domain.people import Person, clean_phone
from grassroots_people.domain.roles import EVERYWHERE, Role, RoleAssignment
from grassroots_people.handlers.ports import PeoplePorts, PeopleTx

NAME = "Platform administrator"


@dataclass(frozen=True)
class Bootstrapped:
    person_id: PersonId
    created: bool
    generated_password: str | None  # set only when a random password was just stored


class PhoneTaken(Conflict):
    pass


async def bootstrap_at_start(
    ports: PeoplePorts, phone: str, password: str | None
) -> Bootstrapped | None:
    """Creates the platform admin on the first start only: once one exists (whatever its phone
    now), a restart creates no other, resets nothing and promotes nobody."""
    now = ports.clock()
    if await ports.uow.run(lambda tx: tx.roles.holding(Role.PLATFORM_ADMIN, EVERYWHERE, now)):
        return None
    return await ensure_platform_admin(ports, phone, password)


async def ensure_platform_admin(
    ports: PeoplePorts, phone: str, password: str | None, *, reset_password: bool = False
) -> Bootstrapped:
    """Creates the platform admin with this phone unless it exists; running it again changes
    nothing, except the password when `reset_password` (the operator command) asks."""
    phone = clean_phone(phone)
    generated = None
    if password is None:
        generated = password = secrets.token_urlsafe(18)
    check_password(password)
    existing = await ports.phone_book.by_phone(phone)
    if existing is not None:
        await ports.uow.run(lambda tx: _require_admin(ports, tx, existing))
        stored = await ports.passwords.password_hash(existing.id)
        if stored is not None and (
            not reset_password or await ports.hashing.verify(stored, password)
        ):
            return Bootstrapped(existing.id, created=False, generated_password=None)
    new_hash = await ports.hashing.hash(password)

    async def work(tx: PeopleTx) -> Bootstrapped:
        now = ports.clock()
        person = await tx.persons.by_phone(phone)
        created = person is None
        if person is None:
            person = Person(
                id=new_person_id(),
                name=NAME,
                phone=phone,
                household_id=None,
                org_unit_id=None,
                org_unit_path=(),
                party_member=False,
                version=1,
                created_at=now,
            )
            await tx.persons.insert_many([person])
            await tx.roles.insert(
                RoleAssignment(
                    id=new_role_assignment_id(),
                    person_id=person.id,
                    role=Role.PLATFORM_ADMIN,
                    org_unit_id=EVERYWHERE,
                    org_unit_path=(EVERYWHERE,),
                    organization_id=None,
                    since=now,
                    until=None,
                )
            )
        else:
            await _require_admin(ports, tx, person)
            # (passwords are read outside transactions: `PeoplePorts.passwords`)
            if not reset_password and await ports.passwords.password_hash(person.id) is not None:
                return Bootstrapped(person.id, created=False, generated_password=None)
        await tx.credentials.set_password_hash(person.id, new_hash, now)
        return Bootstrapped(person.id, created, generated)

    try:
        return await ports.uow.run(work)
    except PhoneTaken:
        raise
    except Conflict:  # another replica bootstrapped at the same moment
        return await ports.uow.run(work)


async def _require_admin(ports: PeoplePorts, tx: PeopleTx, person: Person) -> None:
    if not await tx.roles.holding(
        Role.PLATFORM_ADMIN, EVERYWHERE, ports.clock(), person_id=person.id
    ):
        raise PhoneTaken(
            msg(
                "the bootstrap phone belongs to person {person_id}, who is not the platform "
                "admin: they are not made one; give BOOTSTRAP_ADMIN_PHONE another number",
                person_id=person.id,
            ),
            field="phone",
        )
