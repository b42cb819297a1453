"""The production wiring of the participation ports: MongoDB adapters, composed once per
process."""

from __future__ import annotations

from grassroots_kit.host import ServiceHost
from grassroots_kit.mongo import Session
from grassroots_kit.org_units import OrgUnitProjection
from grassroots_kit.unit_of_work import MongoUnitOfWork

from grassroots_participation.adapters.meetings import MeetingStore
from grassroots_participation.adapters.people_projection import PeopleProjection
from grassroots_participation.adapters.surveys import HouseholdCounts, ResponseStore, SurveyStore
from grassroots_participation.handlers.ports import ParticipationPorts, ParticipationTx
from grassroots_participation.handlers.survey_ports import SurveyPorts, SurveyTx


def compose(host: ServiceHost) -> ParticipationPorts:
    db = host.db

    def bind(session: Session) -> ParticipationTx:
        return ParticipationTx(meetings=MeetingStore(db, session))

    return ParticipationPorts(
        uow=MongoUnitOfWork(host, bind),
        meetings=MeetingStore(db),
        residents=PeopleProjection(db),
        org_units=OrgUnitProjection(db),
        business_zone=host.settings.business_zone,
    )


def compose_surveys(host: ServiceHost, participation: ParticipationPorts) -> SurveyPorts:
    db = host.db

    def bind(session: Session) -> SurveyTx:
        return SurveyTx(surveys=SurveyStore(db, session), responses=ResponseStore(db, session))

    return SurveyPorts(
        uow=MongoUnitOfWork(host, bind),
        surveys=SurveyStore(db),
        responses=ResponseStore(db),
        households=HouseholdCounts(db),
        units=OrgUnitProjection(db),
        participation=participation,
        business_zone=host.settings.business_zone,
    )
