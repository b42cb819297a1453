"""Stop a test mongod and start it again on the same port and data (a database outage)."""

from __future__ import annotations

import os
import subprocess
import time

from pymongo import MongoClient
from pymongo.errors import PyMongoError

from tests.support.mongod import MongoServer, find_mongod


def stop_keeping_data(server: MongoServer) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


def restart(server: MongoServer, timeout: float = 90) -> None:
    """Start mongod again with the arguments `start_mongod` used; wait until it is primary."""
    log = open(os.path.join(server.dbpath, "mongod.log"), "ab")  # noqa: SIM115 - the process's
    server.process = subprocess.Popen(
        [
            find_mongod(),
            "--replSet",
            "rs0",
            "--bind_ip",
            "127.0.0.1",
            "--port",
            str(server.port),
            "--dbpath",
            server.dbpath,
            "--wiredTigerCacheSizeGB",
            "0.25",
            "--setParameter",
            "transactionLifetimeLimitSeconds=30",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + timeout
    direct = f"mongodb://127.0.0.1:{server.port}/?directConnection=true"
    client: MongoClient[dict[str, object]] = MongoClient(direct, serverSelectionTimeoutMS=1000)
    with client:
        while True:
            try:
                if client.admin.command("hello").get("isWritablePrimary"):
                    return
            except PyMongoError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("restarted mongod did not become primary")
            time.sleep(0.2)
