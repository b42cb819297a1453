"""The use cases' dependencies composed once from the host, over the MongoDB adapters: the one
handlers module that meets the ServiceHost (import contract `people-handlers-on-ports`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from grassroots_kit.host import ServiceHost
from grassroots_kit.media.library import MediaLibrary, media_library
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
from grassroots_people.adapters.coverage import CoverageStore
from grassroots_people.adapters.credentials import CredentialStore
from grassroots_people.adapters.hashing import PasswordHashing
from grassroots_people.adapters.households import HouseholdStore
from grassroots_people.adapters.key_sealing import sealer_for
from grassroots_people.adapters.org_units import OrgUnitStore
from grassroots_people.adapters.organizations import OrganizationStore
from grassroots_people.adapters.persons import PersonStore
from grassroots_people.adapters.roles import RoleStore
from grassroots_people.adapters.signing_keys import KeyRing
from grassroots_people.adapters.visits import VisitStore
from grassroots_people.domain.care import VisitSchedule
from grassroots_people.domain.people import clean_phone
from grassroots_people.handlers.ports import PasswordHasher, PeoplePorts, PeopleTx, SigningKeys
from grassroots_people.settings import PeopleSettings


def mongo_ports(
    host: ServiceHost,
    schedule: VisitSchedule,
    hashing: PasswordHasher,
    bootstrap_phone: str,
    keys: SigningKeys,
    access_ttl: timedelta,
    refresh_ttl: timedelta,
    media: MediaLibrary | None = None,
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
            media=media.records.bound(session) if media is not None else None,
        )

    return PeoplePorts(
        uow=MongoUnitOfWork(host, bind),
        commitments=commitments,
        coverage=CoverageStore(host.db),
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
        media=media,
    )


@dataclass(frozen=True)
class Runtime:
    """What the service wires once: the use cases' ports, and the signing keys and password
    hashing the app itself (JWKS, start-up) and a few tests reach directly."""

    keys: KeyRing
    hashing: PasswordHashing
    ports: PeoplePorts
    media: MediaLibrary | None = None  # visit photos: their HTTP routes and sweeper use it

    @classmethod
    def create(cls, host: ServiceHost, settings: PeopleSettings) -> Runtime:
        access_ttl = timedelta(minutes=settings.access_token_minutes)
        hashing = PasswordHashing(
            settings.password_hashing_concurrency,
            timedelta(seconds=settings.password_hashing_wait_seconds),
        )
        schedule = VisitSchedule(
            red=timedelta(days=settings.visit_days_red),
            yellow=timedelta(days=settings.visit_days_yellow),
            green=timedelta(days=settings.visit_days_green),
            zone=settings.business_zone,
        )
        # A rotated-out key is published until its last token has expired, and the grace.
        keys = KeyRing(
            host.db,
            retain=access_ttl + timedelta(minutes=settings.signing_key_grace_minutes),
            sealer=sealer_for(settings.encryption_key()),
            given_pem=settings.signing_key_pem,
        )
        media = media_library(host.db, settings)
        ports = mongo_ports(
            host,
            schedule,
            hashing,
            clean_phone(settings.bootstrap_admin_phone),
            keys,
            access_ttl,
            timedelta(days=settings.refresh_token_days),
            media,
        )
        return cls(keys=keys, hashing=hashing, ports=ports, media=media)
