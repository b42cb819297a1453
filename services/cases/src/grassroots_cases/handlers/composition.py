"""Where the cases service is composed: the handlers' ports built from the host, with MongoDB.

The one module of `handlers` that knows the `ServiceHost` (an import-linter contract says so);
`main` calls it once, and so do tests that drive the handlers against a real database.
"""

from __future__ import annotations

from datetime import time

from grassroots_kit.host import ServiceHost
from grassroots_kit.live.stream import LiveFeed
from grassroots_kit.media.library import MediaLibrary, media_library
from grassroots_kit.media.settings import MediaSettings
from grassroots_kit.mongo import Session
from grassroots_kit.org_units import OrgUnitProjection
from grassroots_kit.unit_of_work import MongoUnitOfWork

from grassroots_cases.adapters.district_codes import MongoDistrictCodeStore
from grassroots_cases.adapters.follows import MongoFollowStore
from grassroots_cases.adapters.role_projection import RoleProjection
from grassroots_cases.adapters.stores import (
    MongoCaseQueries,
    MongoCaseStore,
    MongoCounterStore,
    MongoSlaPolicyStore,
)
from grassroots_cases.adapters.working_calendar import ChineseWorkingCalendar
from grassroots_cases.domain.working_days import DEFAULT_CLOSING_TIME, WorkingTime
from grassroots_cases.handlers.ports import CasesPorts, CasesTx
from grassroots_cases.handlers.unit_of_work import Clock, utc_now


def photo_library(host: ServiceHost) -> MediaLibrary | None:
    """The service's photos, when its settings are the cases settings (some tests give the
    kit's plain settings, and get no photos)."""
    settings = host.settings
    return media_library(host.db, settings) if isinstance(settings, MediaSettings) else None


def cases_ports(
    host: ServiceHost,
    *,
    clock: Clock = utc_now,
    media: MediaLibrary | None = None,
    live: LiveFeed | None = None,
) -> CasesPorts:
    db = host.db
    tz = host.settings.business_zone

    def bind(session: Session) -> CasesTx:
        return CasesTx(
            cases=MongoCaseStore(db, session, tz=tz),
            counters=MongoCounterStore(db, session),
            sla_policies=MongoSlaPolicyStore(db, session),
            media=media.records.bound(session) if media is not None else None,
            follows=MongoFollowStore(db, session),
        )

    return CasesPorts(
        uow=MongoUnitOfWork(host, bind),
        cases=MongoCaseStore(db, tz=tz),
        queries=MongoCaseQueries(db, tz=tz),
        org_units=OrgUnitProjection(db),
        roles=RoleProjection(db),
        sla_policies=MongoSlaPolicyStore(db),
        district_codes=MongoDistrictCodeStore(db),
        clock=clock,
        follows=MongoFollowStore(db),
        working_time=WorkingTime(ChineseWorkingCalendar(), closing=_closing_time(host), zone=tz),
        business_zone=tz,
        media=media,
        live=live,
    )


def _closing_time(host: ServiceHost) -> time:
    # The cases settings carry the closing time; a host built with the kit's plain settings
    # (some tests) gets the default.
    closing = getattr(host.settings, "business_closing_time", None)
    return closing if isinstance(closing, time) else DEFAULT_CLOSING_TIME
