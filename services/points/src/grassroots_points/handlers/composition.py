"""The production wiring of the points ports: MongoDB adapters, composed once per process."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from grassroots_kit.host import ServiceHost
from grassroots_kit.mongo import Session
from grassroots_kit.org_units import OrgUnitProjection
from grassroots_kit.unit_of_work import MongoUnitOfWork

from grassroots_points.adapters.cases_seen import CasesSeen
from grassroots_points.adapters.ledger import LedgerStore
from grassroots_points.adapters.people_projection import PeopleProjection
from grassroots_points.adapters.received import ReceivedEvents
from grassroots_points.adapters.rewards import RedemptionStore, RewardStore
from grassroots_points.adapters.rules import RuleStore
from grassroots_points.adapters.standings import Standings
from grassroots_points.adapters.unit_of_work import TranslatingUnitOfWork
from grassroots_points.adapters.withheld import WithheldAwards
from grassroots_points.handlers.ports import PointsPorts, PointsTx


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class MongoPoints:
    """The ports, and the unit of work consumers use inside their own transaction."""

    ports: PointsPorts
    uow: MongoUnitOfWork[PointsTx]


def compose(host: ServiceHost) -> MongoPoints:
    db = host.db
    tz = host.settings.business_zone

    def bind(session: Session) -> PointsTx:
        return PointsTx(
            ledger=LedgerStore(db, session),
            rewards=RewardStore(db, session),
            redemptions=RedemptionStore(db, session),
            rules=RuleStore(db, session),
            withheld=WithheldAwards(db, session),
            cases_seen=CasesSeen(db, session),
            people=PeopleProjection(db, session),
            received=ReceivedEvents(db, session),
            business_zone=tz,
        )

    uow = MongoUnitOfWork(host, bind)
    ports = PointsPorts(
        uow=uow,
        replay_uow=TranslatingUnitOfWork(uow),
        org_units=OrgUnitProjection(db),
        received=ReceivedEvents(db),
        standings=Standings(db),
        role_holders=PeopleProjection(db),
        handled=CasesSeen(db),
        clock=_now,
        ledger=LedgerStore(db),
        rewards=RewardStore(db),
        redemptions=RedemptionStore(db),
        rules=RuleStore(db),
        business_zone=tz,
    )
    return MongoPoints(ports=ports, uow=uow)
