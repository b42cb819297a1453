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
from datetime import UTC, datetime

from grassroots_kit.errors import Conflict
from grassroots_kit.mongo import Session

from grassroots_people.adapters.credentials import CredentialStore
from grassroots_people.adapters.persons import PersonStore
from grassroots_people.adapters.roles import RoleStore
from grassroots_people.domain.ids import PersonId, new_person_id, new_role_assignment_id
from grassroots_people.domain.passwords import check_password
from grassroots_people.domain.people import Person, clean_phone
from grassroots_people.domain.roles import EVERYWHERE, Role, RoleAssignment
from grassroots_people.handlers.runtime import Runtime

NAME = "Platform administrator"


@dataclass(frozen=True)
class Bootstrapped:
    person_id: PersonId
    created: bool
    generated_password: str | None  # set only when a random password was just stored


class PhoneTaken(Conflict):
    pass


async def bootstrap_at_start(
    runtime: Runtime, phone: str, password: str | None
) -> Bootstrapped | None:
    """Creates the platform admin on the first start only: once one exists (whatever its phone
    now), a restart creates no other, resets nothing and promotes nobody."""
    roles = RoleStore(runtime.host.db)
    if await roles.holding(Role.PLATFORM_ADMIN, EVERYWHERE, datetime.now(UTC), None):
        return None
    return await ensure_platform_admin(runtime, phone, password)


async def ensure_platform_admin(
    runtime: Runtime, phone: str, password: str | None, *, reset_password: bool = False
) -> Bootstrapped:
    """Creates the platform admin with this phone unless it exists; running it again changes
    nothing, except the password when `reset_password` (the operator command) asks."""
    phone = clean_phone(phone)
    generated = None
    if password is None:
        generated = password = secrets.token_urlsafe(18)
    check_password(password)
    db = runtime.host.db
    persons, roles, credentials = PersonStore(db), RoleStore(db), CredentialStore(db)
    existing = await persons.by_phone(phone)
    if existing is not None:
        await _require_admin(roles, existing)
        stored = await credentials.password_hash(existing.id)
        if stored is not None and (
            not reset_password or await runtime.hashing.verify(stored, password)
        ):
            return Bootstrapped(existing.id, created=False, generated_password=None)
    new_hash = await runtime.hashing.hash(password)

    async def work(session: Session) -> Bootstrapped:
        now = datetime.now(UTC)
        person = await persons.by_phone(phone, session)
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
            await persons.insert_many([person], session)
            await roles.insert(
                RoleAssignment(
                    id=new_role_assignment_id(),
                    person_id=person.id,
                    role=Role.PLATFORM_ADMIN,
                    org_unit_id=EVERYWHERE,
                    org_unit_path=(EVERYWHERE,),
                    organization_id=None,
                    since=now,
                    until=None,
                ),
                session,
            )
        else:
            await _require_admin(roles, person, session)
            if not reset_password and await credentials.password_hash(person.id) is not None:
                return Bootstrapped(person.id, created=False, generated_password=None)
        await credentials.set_password_hash(person.id, new_hash, now, session)
        return Bootstrapped(person.id, created, generated)

    try:
        return await runtime.host.transaction(work)
    except PhoneTaken:
        raise
    except Conflict:  # another replica bootstrapped at the same moment
        return await runtime.host.transaction(work)


async def _require_admin(roles: RoleStore, person: Person, session: Session | None = None) -> None:
    if not await roles.holding(
        Role.PLATFORM_ADMIN, EVERYWHERE, datetime.now(UTC), session, person_id=person.id
    ):
        raise PhoneTaken(
            f"the bootstrap phone belongs to person {person.id}, who is not the platform "
            "admin: they are not made one; give BOOTSTRAP_ADMIN_PHONE another number",
            field="phone",
        )
