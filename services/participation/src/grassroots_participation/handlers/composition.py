"""The production wiring of the participation ports: MongoDB adapters, composed once per
process."""

from __future__ import annotations

from grassroots_kit.host import ServiceHost
from grassroots_kit.mongo import Session
from grassroots_kit.org_units import OrgUnitProjection
from grassroots_kit.unit_of_work import MongoUnitOfWork

from grassroots_participation.adapters.cost_shares import CostShareStore
from grassroots_participation.adapters.meetings import MeetingStore
from grassroots_participation.adapters.people_projection import PeopleProjection
from grassroots_participation.handlers.ports import ParticipationPorts, ParticipationTx


def compose(host: ServiceHost) -> ParticipationPorts:
    db = host.db

    def bind(session: Session) -> ParticipationTx:
        return ParticipationTx(
            meetings=MeetingStore(db, session), cost_shares=CostShareStore(db, session)
        )

    return ParticipationPorts(
        uow=MongoUnitOfWork(host, bind),
        meetings=MeetingStore(db),
        residents=PeopleProjection(db),
        org_units=OrgUnitProjection(db),
        cost_shares=CostShareStore(db),
        business_zone=host.settings.business_zone,
    )
