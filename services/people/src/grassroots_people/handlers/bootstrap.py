"""The first administrator: a platform admin over every district, outside the ladder.

Someone has to create the districts and their first DISTRICT_ADMIN. The platform admin is
ensured idempotently from settings at start (BOOTSTRAP_ADMIN_PHONE / BOOTSTRAP_ADMIN_PASSWORD)
or with `python -m grassroots_people.bootstrap --phone … --password …`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from grassroots_kit.errors import Conflict
from grassroots_kit.mongo import Session

from grassroots_people.adapters.credentials import CredentialStore, hash_password, verify_password
from grassroots_people.adapters.persons import PersonStore
from grassroots_people.adapters.roles import RoleStore
from grassroots_people.domain.ids import PersonId, new_person_id, new_role_assignment_id
from grassroots_people.domain.passwords import check_password
from grassroots_people.domain.people import Person, clean_phone
from grassroots_people.domain.roles import EVERYWHERE, Role, RoleAssignment
from grassroots_people.handlers.runtime import Runtime

NAME = "Platform administrator"


async def ensure_platform_admin(runtime: Runtime, phone: str, password: str) -> PersonId:
    """Create or update the platform admin with this phone; running it again changes nothing."""
    phone = clean_phone(phone)
    check_password(password)
    db = runtime.host.db
    persons, roles, credentials = PersonStore(db), RoleStore(db), CredentialStore(db)
    existing = await persons.by_phone(phone)
    stored = await credentials.password_hash(existing.id) if existing else None
    new_hash = None if await verify_password(stored, password) else await hash_password(password)

    async def work(session: Session) -> PersonId:
        now = datetime.now(UTC)
        person = await persons.by_phone(phone, session)
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
        if not await roles.holding(
            Role.PLATFORM_ADMIN, EVERYWHERE, now, session, person_id=person.id
        ):
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
        if new_hash is not None:
            await credentials.set_password_hash(person.id, new_hash, now, session)
        return person.id

    try:
        return await runtime.host.transaction(work)
    except Conflict:  # another replica bootstrapped at the same moment
        return await runtime.host.transaction(work)
