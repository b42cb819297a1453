"""How a service runs under uvicorn."""

from __future__ import annotations

import gc
from typing import Any

import pytest
from grassroots_kit import serve as serve_module
from grassroots_kit.settings import ServiceSettings
from starlette.applications import Starlette


def test_idle_connections_stay_open_longer_than_the_gateways(monkeypatch: pytest.MonkeyPatch):
    # Node's keep-alive agent (the gateway's) drops idle sockets after 5 s: the server must not
    # close them first, or a request racing the close fails with "socket hang up".
    seen: dict[str, Any] = {}
    monkeypatch.setattr(serve_module.uvicorn, "run", lambda app, **kw: seen.update(kw))

    serve_module.serve(ServiceSettings, lambda settings: Starlette())

    assert seen["timeout_keep_alive"] > 5


def test_the_built_application_is_frozen_out_of_the_collectors_full_passes(
    monkeypatch: pytest.MonkeyPatch,
):
    frozen_at_run: list[int] = []
    monkeypatch.setattr(
        serve_module.uvicorn, "run", lambda app, **kw: frozen_at_run.append(gc.get_freeze_count())
    )
    try:
        serve_module.serve(ServiceSettings, lambda settings: Starlette())
    finally:
        gc.unfreeze()

    assert frozen_at_run
    assert frozen_at_run[0] > 0
