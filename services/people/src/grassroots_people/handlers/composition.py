"""The use cases' dependencies composed once from the host, over the MongoDB adapters."""

from __future__ import annotations

from datetime import timedelta

from grassroots_kit.host import ServiceHost
from grassroots_kit.mongo import Session
from grassroots_kit.unit_of_work import MongoUnitOfWork

from grassroots_people.adapters.bound import (
    BoundCommitments,
    BoundCredentials,
    BoundHouseholds,
    BoundOrganizations,
    BoundOrgUnits,
    BoundPersons,
    BoundRoles,
    BoundVisits,
)
from grassroots_people.adapters.commitments import CommitmentStore
from grassroots_people.adapters.credentials import CredentialStore
from grassroots_people.adapters.households import HouseholdStore
from grassroots_people.adapters.org_units import OrgUnitStore
from grassroots_people.adapters.organizations import OrganizationStore
from grassroots_people.adapters.persons import PersonStore
from grassroots_people.adapters.roles import RoleStore
from grassroots_people.adapters.visits import VisitStore
from grassroots_people.domain.care import VisitSchedule
from grassroots_people.handlers.ports import PasswordHasher, PeoplePorts, PeopleTx, SigningKeys


def mongo_ports(
    host: ServiceHost,
    schedule: VisitSchedule,
    hashing: PasswordHasher,
    bootstrap_phone: str,
    keys: SigningKeys,
    access_ttl: timedelta,
    refresh_ttl: timedelta,
) -> PeoplePorts:
    # The stores are built once: each looks its collection up. A transaction binds them to
    # its session, which costs an object each.
    persons, households = PersonStore(host.db), HouseholdStore(host.db)
    commitments, visits = CommitmentStore(host.db), VisitStore(host.db)
    credentials = CredentialStore(host.db)
    units, organizations, roles = (
        OrgUnitStore(host.db),
        OrganizationStore(host.db),
        RoleStore(host.db),
    )

    def bind(session: Session) -> PeopleTx:
        return PeopleTx(
            org_units=BoundOrgUnits(units, session, host.db),
            organizations=BoundOrganizations(organizations, session),
            persons=BoundPersons(persons, session),
            credentials=BoundCredentials(credentials, session),
            roles=BoundRoles(roles, session),
            households=BoundHouseholds(households, session),
            commitments=BoundCommitments(commitments, session),
            visits=BoundVisits(visits, session),
        )

    return PeoplePorts(
        uow=MongoUnitOfWork(host, bind),
        commitments=commitments,
        schedule=schedule,
        hashing=hashing,
        bootstrap_phone=bootstrap_phone,
        phone_book=persons,
        passwords=credentials,
        attempts=credentials,
        refresh_tokens=credentials,
        held_roles=roles,
        keys=keys,
        access_ttl=access_ttl,
        refresh_ttl=refresh_ttl,
    )
