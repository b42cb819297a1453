"""create_app(settings): the people service's application. Nothing runs at import."""

from __future__ import annotations

import logging

from grassroots_kit.auth import TokenVerifier
from grassroots_kit.graphql.app import create_service_app
from grassroots_kit.host import ServiceHost
from grassroots_kit.media.hosting import keep_photos
from grassroots_kit.media.http import media_routes
from grassroots_kit.request_auth import authenticate
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from grassroots_people.adapters.persons import PersonStore
from grassroots_people.adapters.roles import RoleStore
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.schema import schema
from grassroots_people.handlers.bootstrap import PhoneTaken, bootstrap_at_start
from grassroots_people.handlers.commitments import commitment_sweeper
from grassroots_people.handlers.composition import Runtime
from grassroots_people.handlers.reading import Stores
from grassroots_people.settings import PeopleSettings
from grassroots_people.storage import COLLECTIONS, INDEXES

log = logging.getLogger(__name__)


def create_app(settings: PeopleSettings | None = None) -> Starlette:
    settings = settings or PeopleSettings()
    host = ServiceHost(settings, collections=COLLECTIONS, indexes=INDEXES)
    runtime = Runtime.create(host, settings)
    # people verifies its own tokens like every service, but reads its keys locally.
    # A token that carries a revoked role is refused at once: people is the source of truth.
    verifier = TokenVerifier(runtime.keys.jwks, revoked=RoleStore(host.db).revoked_among)
    stores = Stores.of(host.db)

    async def prepare() -> None:
        await runtime.keys.ensure()
        try:
            admin = await bootstrap_at_start(
                runtime.ports, settings.bootstrap_admin_phone, settings.bootstrap_admin_password
            )
        except PhoneTaken as exc:  # serve anyway: refusing to start would not make it safer
            log.error("platform admin not ensured: %s", exc.message)
            return
        if admin is None:
            log.info("platform admin exists: nothing bootstrapped")
        elif admin.generated_password is not None:
            # The one time this password is ever shown; only its hash is kept.
            log.warning(
                "platform admin created with a generated password; log in as %s with %s "
                "and change it (setPassword). It is not shown again.",
                settings.bootstrap_admin_phone,
                admin.generated_password,
                extra={"personId": admin.person_id},
            )
        else:
            log.info(
                "platform admin ensured",
                extra={"personId": admin.person_id, "created": admin.created},
            )

    async def name_search_keys() -> None:
        filled = await PersonStore(host.db).backfill_search_keys()
        if filled:
            log.info("name search keys given to people written before them", extra={"n": filled})

    host.add_boot_step("signing keys and bootstrap admin", prepare)
    host.add_boot_step("name search keys", name_search_keys)
    host.add_background(commitment_sweeper(runtime.ports, settings.commitment_sweep_seconds))
    if runtime.media is not None:
        keep_photos(host, runtime.media)

    async def context(request: Request) -> Context:
        auth = await authenticate(verifier, request)
        return Context(runtime=runtime, request=request, stores=stores, auth=auth)

    async def jwks(_: Request) -> JSONResponse:
        return JSONResponse(
            await runtime.keys.jwks(), headers={"cache-control": "public, max-age=60"}
        )

    app = create_service_app(
        host=host,
        schema=schema,
        context_factory=context,
        extra_routes=[
            Route("/.well-known/jwks.json", jwks, methods=["GET"]),
            *(media_routes(runtime.media) if runtime.media is not None else ()),
        ],
    )
    app.state.runtime = runtime
    return app
