"""The MongoDB stores bound to one transaction's session: the repositories of `PeopleTx`.

The stores take the session on every call; a handler's repository is bound to its transaction
already (`handlers/ports.py`), so these hold the session and pass it on.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from grassroots_kit.mongo import Database, Session

from grassroots_people.adapters.commitments import CommitmentStore
from grassroots_people.adapters.credentials import CredentialStore, RefreshRecord
from grassroots_people.adapters.households import HouseholdStore
from grassroots_people.adapters.org_units import OrgUnitStore
from grassroots_people.adapters.organizations import OrganizationStore
from grassroots_people.adapters.persons import PersonStore
from grassroots_people.adapters.relocation import follow_move
from grassroots_people.adapters.roles import RoleStore
from grassroots_people.adapters.visits import VisitStore
from grassroots_people.domain.commitments import Commitment
from grassroots_people.domain.granting import OrganizationTies
from grassroots_people.domain.org_units import OrgUnit
from grassroots_people.domain.organizations import Membership, Organization
from grassroots_people.domain.people import Household, Person
from grassroots_people.domain.roles import Role, RoleAssignment
from grassroots_people.domain.visits import Visit


class BoundOrgUnits:
    def __init__(self, store: OrgUnitStore, session: Session, db: Database) -> None:
        self._store, self._session, self._db = store, session, db

    async def get(self, unit_id: str) -> OrgUnit | None:
        return await self._store.get(unit_id, self._session)

    async def insert(self, unit: OrgUnit) -> None:
        await self._store.insert(unit, self._session)

    async def subtree(self, unit_id: str) -> list[OrgUnit]:
        return await self._store.subtree(unit_id, self._session)

    async def replace(self, unit: OrgUnit) -> None:
        await self._store.replace(unit, self._session)

    async def follow_move(self, unit_id: str, new_ancestors: Sequence[str]) -> None:
        await follow_move(self._db, unit_id, new_ancestors, self._session)


class BoundOrganizations:
    def __init__(self, store: OrganizationStore, session: Session) -> None:
        self._store, self._session = store, session

    async def get(self, org_id: str) -> Organization | None:
        return await self._store.get(org_id, self._session)

    async def ties(self, org_id: str) -> OrganizationTies | None:
        return await self._store.ties(org_id, self._session)

    async def insert(self, organization: Organization) -> None:
        await self._store.insert(organization, self._session)

    async def pair(self, org_id: str, unit_id: str) -> bool:
        return await self._store.pair(org_id, unit_id, self._session)

    async def add_member(self, membership: Membership) -> None:
        await self._store.add_member(membership, self._session)


class BoundRoles:
    def __init__(self, store: RoleStore, session: Session) -> None:
        self._store, self._session = store, session

    async def get(self, assignment_id: str) -> RoleAssignment | None:
        return await self._store.get(assignment_id, self._session)

    async def insert(self, assignment: RoleAssignment) -> None:
        await self._store.insert(assignment, self._session)

    async def save(self, assignment: RoleAssignment) -> None:
        await self._store.save(assignment, self._session)

    async def holding(
        self,
        role: Role,
        org_unit_id: str,
        now: datetime,
        *,
        person_id: str | None = None,
        organization_id: str | None = None,
    ) -> list[RoleAssignment]:
        return await self._store.holding(
            role,
            org_unit_id,
            now,
            self._session,
            person_id=person_id,
            organization_id=organization_id,
        )


class BoundPersons:
    def __init__(self, store: PersonStore, session: Session) -> None:
        self._store, self._session = store, session

    async def get(self, person_id: str) -> Person | None:
        return await self._store.get(person_id, self._session)

    async def by_phone(self, phone: str) -> Person | None:
        return await self._store.by_phone(phone, self._session)

    async def insert_many(self, people: Sequence[Person]) -> None:
        await self._store.insert_many(people, self._session)

    async def save(self, person: Person) -> None:
        await self._store.save(person, self._session)


class BoundCredentials:
    def __init__(self, store: CredentialStore, session: Session) -> None:
        self._store, self._session = store, session

    async def set_password_hash(self, person_id: str, password_hash: str, now: datetime) -> None:
        await self._store.set_password_hash(person_id, password_hash, now, self._session)

    async def store_refresh(self, record: RefreshRecord) -> None:
        await self._store.store_refresh(record, self._session)

    async def mark_used(self, hashed: str, now: datetime) -> bool:
        return await self._store.mark_used(hashed, now, self._session)

    async def revoke_person(self, person_id: str, now: datetime) -> None:
        await self._store.revoke_person(person_id, now, self._session)


class BoundHouseholds:
    def __init__(self, store: HouseholdStore, session: Session) -> None:
        self._store, self._session = store, session

    async def get(self, household_id: str) -> Household | None:
        return await self._store.get(household_id, self._session)

    async def ids_in_unit(self, unit_id: str) -> set[str]:
        return await self._store.ids_in_unit(unit_id, self._session)

    async def insert_many(self, households: Sequence[Household]) -> None:
        await self._store.insert_many(households, self._session)

    async def save(self, household: Household) -> None:
        await self._store.save(household, self._session)

    async def count_visit_logged(self, household_id: str) -> None:
        await self._store.count_visit_logged(household_id, self._session)


class BoundCommitments:
    def __init__(self, store: CommitmentStore, session: Session) -> None:
        self._store, self._session = store, session

    async def get(self, commitment_id: str) -> Commitment | None:
        return await self._store.get(commitment_id, self._session)

    async def insert(self, commitment: Commitment) -> None:
        await self._store.insert(commitment, self._session)

    async def save(self, commitment: Commitment) -> None:
        await self._store.save(commitment, self._session)


class BoundVisits:
    def __init__(self, store: VisitStore, session: Session) -> None:
        self._store, self._session = store, session

    async def get(self, visit_id: str) -> Visit | None:
        return await self._store.get(visit_id, self._session)

    async def times_near(
        self, visitor_id: str, household_id: str, at: datetime, window: timedelta
    ) -> list[datetime]:
        return await self._store.times_near(visitor_id, household_id, at, window, self._session)

    async def insert(self, visit: Visit) -> None:
        await self._store.insert(visit, self._session)

    async def save(self, visit: Visit) -> None:
        await self._store.save(visit, self._session)
