"""The baseline: a bare Starlette endpoint answering `orgUnit(id){name kind}`'s JSON from the
same MongoDB read people does (find_one by _id), served by uvicorn like the services.

    MONGODB_URL=... MONGODB_DATABASE=... PORT=... python -m bench.bare_app
"""

from __future__ import annotations

import os

import uvicorn
from grassroots_kit.mongo import create_client
from grassroots_kit.serve import KEEP_ALIVE_SECONDS, freeze_heap
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


def create_app(url: str, database: str) -> Starlette:
    client = create_client(url, app_name="bench-bare")
    units = client[database]["org_units"]

    async def graphql(request: Request) -> JSONResponse:
        body = await request.json()
        doc = await units.find_one({"_id": body["variables"]["id"]}, {"name": 1, "kind": 1})
        unit = {"name": doc["name"], "kind": doc["kind"]} if doc else None
        return JSONResponse({"data": {"orgUnit": unit}})

    async def ready(request: Request) -> JSONResponse:
        return JSONResponse({"ready": True})

    return Starlette(
        routes=[Route("/graphql", graphql, methods=["POST"]), Route("/health/ready", ready)]
    )


def main() -> None:
    app = create_app(os.environ["MONGODB_URL"], os.environ["MONGODB_DATABASE"])
    # The services' server settings (grassroots_kit.serve), so that only the application differs.
    freeze_heap()
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=int(os.environ["PORT"]),
        log_config=None,
        proxy_headers=True,
        timeout_graceful_shutdown=15,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        access_log=False,
    )


if __name__ == "__main__":
    main()
