"""The production wiring of the participation ports: MongoDB adapters, composed once per
process."""

from __future__ import annotations

from grassroots_kit.host import ServiceHost
from grassroots_kit.media.library import MediaLibrary, media_library
from grassroots_kit.media.settings import MediaSettings
from grassroots_kit.mongo import Session
from grassroots_kit.org_units import OrgUnitProjection
from grassroots_kit.unit_of_work import MongoUnitOfWork

from grassroots_participation.adapters.activities import ActivityStore, AttendanceStore, TeamStore
from grassroots_participation.adapters.cost_shares import CostShareStore
from grassroots_participation.adapters.deliberation import ProposalStore, PublishedListStore
from grassroots_participation.adapters.meetings import MeetingStore
from grassroots_participation.adapters.people_projection import PeopleProjection
from grassroots_participation.adapters.surveys import HouseholdCounts, ResponseStore, SurveyStore
from grassroots_participation.handlers.activity_ports import ActivityPorts, ActivityTx
from grassroots_participation.handlers.deliberation import DeliberationPorts, DeliberationTx
from grassroots_participation.handlers.ports import ParticipationPorts, ParticipationTx
from grassroots_participation.handlers.survey_ports import SurveyPorts, SurveyTx


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
        deliberation=compose_deliberation(host),
    )


def compose_deliberation(host: ServiceHost) -> DeliberationPorts:
    db = host.db

    def bind(session: Session) -> DeliberationTx:
        return DeliberationTx(
            meetings=MeetingStore(db, session),
            proposals=ProposalStore(db, session),
            lists=PublishedListStore(db, session),
        )

    return DeliberationPorts(
        uow=MongoUnitOfWork(host, bind),
        proposals=ProposalStore(db),
        lists=PublishedListStore(db),
        meetings=MeetingStore(db),
        residents=PeopleProjection(db),
        org_units=OrgUnitProjection(db),
    )


def compose_activities(host: ServiceHost, media: MediaLibrary | None = None) -> ActivityPorts:
    """The activity ports: activities, attendances and volunteer teams on MongoDB."""
    db = host.db

    def bind(session: Session) -> ActivityTx:
        return ActivityTx(
            activities=ActivityStore(db, session),
            attendances=AttendanceStore(db, session),
            teams=TeamStore(db, session),
            media=media.records.bound(session) if media is not None else None,
        )

    return ActivityPorts(
        uow=MongoUnitOfWork(host, bind),
        activities=ActivityStore(db),
        attendances=AttendanceStore(db),
        teams=TeamStore(db),
        residents=PeopleProjection(db),
        org_units=OrgUnitProjection(db),
        business_zone=host.settings.business_zone,
        media=media,
    )


def photo_library(host: ServiceHost) -> MediaLibrary | None:
    """The service's photos, when its settings are participation's (some tests give the kit's
    plain settings, and get no photos)."""
    settings = host.settings
    return media_library(host.db, settings) if isinstance(settings, MediaSettings) else None


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
