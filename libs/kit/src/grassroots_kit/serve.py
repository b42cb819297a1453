"""Run a service under uvicorn with JSON logs and graceful shutdown."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TypeVar

import uvicorn
from starlette.applications import Starlette

from grassroots_kit import tracing
from grassroots_kit.log import configure_logging
from grassroots_kit.settings import ServiceSettings, load_settings

S = TypeVar("S", bound=ServiceSettings)

# Idle keep-alive connections outlive the gateway's: Node's agent drops its idle sockets after
# 5 s, uvicorn's default is also 5 s, and a request sent on a socket the server closes at that
# instant fails with "socket hang up" (a mutation is not retried). The client must close first.
KEEP_ALIVE_SECONDS = 75


def serve(settings_class: type[S], create_app: Callable[[S], Starlette]) -> None:
    settings = load_settings(settings_class)
    configure_logging(settings.service_name, settings.log_level)
    # Before create_app: the MongoDB client it builds takes its listeners at construction.
    tracing.configure(settings)
    app = create_app(settings)
    freeze_heap()
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_config=None,
        proxy_headers=True,
        timeout_graceful_shutdown=15,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        access_log=False,
    )
    tracing.flush()


def freeze_heap() -> None:
    """What exists once the application is built (modules, the schema, clients) lives as long
    as the process: frozen, the cyclic collector's full passes stop walking it on every
    collection (~30 ms each for a subgraph's heap, every few hundred requests)."""
    gc.collect()
    gc.freeze()
