"""Both media stores keep, return and delete bytes: GridFS on a real mongod, S3 against moto's
standalone server (an S3-compatible emulator run in-process on a free port)."""

from __future__ import annotations

import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from grassroots_kit.media.store import GridFSMediaStore, MediaStore
from moto.server import ThreadedMotoServer

from tests.support.photos import photo


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def moto_url() -> Iterator[str]:
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture(params=["gridfs", "s3"])
async def store(
    request: pytest.FixtureRequest, mongo_client: Any, db_name: str, moto_url: str
) -> AsyncIterator[MediaStore]:
    if request.param == "gridfs":
        yield GridFSMediaStore(mongo_client[db_name])
        return
    from grassroots_kit.media.s3 import S3MediaStore

    s3 = S3MediaStore(
        bucket=f"media-{uuid.uuid4().hex[:12]}",
        prefix="cases",
        endpoint_url=moto_url,
        region="us-east-1",
        access_key_id="test",
        secret_access_key="test",
    )
    await s3.ensure_bucket()
    await s3.ensure_bucket()  # a second start finds it
    try:
        yield s3
    finally:
        await s3.close()


async def test_bytes_come_back_as_stored(store: MediaStore) -> None:
    data = photo("JPEG", size=(400, 300))
    await store.put("a1", data, "image/jpeg")
    assert await store.get("a1") == data


async def test_a_missing_key_is_none(store: MediaStore) -> None:
    assert await store.get("nothing-here") is None


async def test_put_replaces(store: MediaStore) -> None:
    await store.put("a2", b"first", "image/png")
    await store.put("a2", b"second", "image/png")
    assert await store.get("a2") == b"second"


async def test_delete_removes_and_is_idempotent(store: MediaStore) -> None:
    await store.put("a3", b"bytes", "image/png")
    await store.delete("a3")
    await store.delete("a3")
    assert await store.get("a3") is None


async def test_large_photos_span_chunks(store: MediaStore) -> None:
    data = bytes(range(256)) * 5000  # 1.28 MB: several GridFS chunks
    await store.put("big", data, "image/jpeg")
    assert await store.get("big") == data
