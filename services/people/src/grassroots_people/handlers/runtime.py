"""What the use cases need besides the host: the signing keys and the configured policies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from grassroots_kit.host import ServiceHost
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.messaging.outbox import add_to_outbox
from grassroots_kit.mongo import Session

from grassroots_people.adapters.hashing import PasswordHashing
from grassroots_people.adapters.key_sealing import sealer_for
from grassroots_people.adapters.signing_keys import KeyRing
from grassroots_people.domain.care import VisitSchedule
from grassroots_people.domain.people import clean_phone
from grassroots_people.handlers.composition import mongo_ports
from grassroots_people.handlers.ports import PeoplePorts
from grassroots_people.settings import PeopleSettings


@dataclass(frozen=True)
class Runtime:
    host: ServiceHost
    keys: KeyRing
    schedule: VisitSchedule
    access_ttl: timedelta
    refresh_ttl: timedelta
    hashing: PasswordHashing
    bootstrap_phone: str  # reserved for the platform admin
    ports: PeoplePorts  # what the converted use cases depend on instead of the host

    @classmethod
    def create(cls, host: ServiceHost, settings: PeopleSettings) -> Runtime:
        access_ttl = timedelta(minutes=settings.access_token_minutes)
        hashing = PasswordHashing(
            settings.password_hashing_concurrency,
            timedelta(seconds=settings.password_hashing_wait_seconds),
        )
        bootstrap_phone = clean_phone(settings.bootstrap_admin_phone)
        schedule = VisitSchedule(
            red=timedelta(days=settings.visit_days_red),
            yellow=timedelta(days=settings.visit_days_yellow),
            green=timedelta(days=settings.visit_days_green),
        )
        # A rotated-out key is published until its last token has expired, and the grace.
        keys = KeyRing(
            host.db,
            retain=access_ttl + timedelta(minutes=settings.signing_key_grace_minutes),
            sealer=sealer_for(settings.encryption_key()),
            given_pem=settings.signing_key_pem,
        )
        refresh_ttl = timedelta(days=settings.refresh_token_days)
        return cls(
            host=host,
            keys=keys,
            schedule=schedule,
            access_ttl=access_ttl,
            refresh_ttl=refresh_ttl,
            hashing=hashing,
            bootstrap_phone=bootstrap_phone,
            ports=mongo_ports(
                host, schedule, hashing, bootstrap_phone, keys, access_ttl, refresh_ttl
            ),
        )

    async def publish(self, session: Session, events: Sequence[CloudEvent]) -> None:
        await add_to_outbox(self.host.db, session, events)
