"""Photo throughput through the gateway next to raw GridFS, on the same mongod in the same run.

    python -m bench.media_throughput [--photos 18] [--rounds 3]

Each round uploads `--photos` JPEGs of about 1 MB (request a URL, PUT the bytes through the
gateway: the service sniffs, decodes, strips, re-encodes, thumbnails and stores them), attaches
them to cases, downloads each full-size photo through the gateway, then puts and gets the same
bytes with GridFS directly (`GridFSMediaStore`, no checks). Figures are MB/s of photo bytes, one
request at a time; the median of the rounds and their spread (max - min).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import statistics
import time
import uuid
from typing import Any

import httpx
from grassroots_kit.media.store import GridFSMediaStore
from PIL import Image
from pymongo import AsyncMongoClient

from bench._common import bench_stack, machine, save
from tests.cases.e2e_area import make_area

UPLOAD = """mutation($i: RequestPhotoUploadInput!) {
  requestPhotoUpload(input: $i) { mediaId uploadUrl } }"""
PHOTOS = """query($id: ID!) { case(id: $id) { photos { url } } }"""
PER_CASE = 9  # MEDIA_MAX_PER_ITEM


def noisy_jpeg(side: int = 1400) -> bytes:
    """A JPEG of about 1 MB: noise compresses badly, as a real photo does."""
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def mb_per_s(total_bytes: int, seconds: float) -> float:
    return round(total_bytes / seconds / 1e6, 2)


def spread(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 2),
        "spread": round(max(values) - min(values), 2),
        "rounds": values,
    }


def through_gateway(base: str, area: Any, photo: bytes, count: int) -> tuple[float, float]:
    """(upload MB/s, download MB/s) through the gateway for `count` photos."""
    ids: list[str] = []
    started = time.perf_counter()
    with httpx.Client(timeout=120) as http:
        for _ in range(count):
            ticket = area.act("resident", UPLOAD, {"i": {"purpose": "REPORT"}})
            ticket = ticket["requestPhotoUpload"]
            answer = http.put(base + ticket["uploadUrl"], content=photo)
            assert answer.status_code == 201, answer.text
            ids.append(ticket["mediaId"])
        upload = time.perf_counter() - started
        urls: list[str] = []
        for offset in range(0, len(ids), PER_CASE):
            case = area.report("Bench photo case", mediaIds=ids[offset : offset + PER_CASE])
            found = area.act("resident", PHOTOS, {"id": case["id"]})["case"]["photos"]
            urls.extend(p["url"] for p in found)
        received = 0
        started = time.perf_counter()
        for url in urls:
            answer = http.get(base + url)
            assert answer.status_code == 200
            received += len(answer.content)
        download = time.perf_counter() - started
    return mb_per_s(len(photo) * count, upload), mb_per_s(received, download)


async def raw_gridfs(mongo_url: str, photo: bytes, count: int) -> tuple[float, float]:
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo_url)
    try:
        store = GridFSMediaStore(client[f"bench_{uuid.uuid4().hex[:8]}"])
        keys = [uuid.uuid4().hex for _ in range(count)]
        started = time.perf_counter()
        for key in keys:
            await store.put(key, photo, "image/jpeg")
        put = time.perf_counter() - started
        started = time.perf_counter()
        for key in keys:
            assert await store.get(key) is not None
        get = time.perf_counter() - started
    finally:
        await client.close()
    return mb_per_s(len(photo) * count, put), mb_per_s(len(photo) * count, get)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--photos", type=int, default=18)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    photo = noisy_jpeg()
    figures: dict[str, Any] = {"machine": machine(), "photo_bytes": len(photo)}
    uploads: list[float] = []
    downloads: list[float] = []
    puts: list[float] = []
    gets: list[float] = []
    with bench_stack() as (stack, mongo):
        area = make_area(f"{stack.gateway.url}/graphql")
        for _ in range(args.rounds):
            up, down = through_gateway(stack.gateway.url, area, photo, args.photos)
            put, get = asyncio.run(raw_gridfs(mongo.url, photo, args.photos))
            uploads.append(up)
            downloads.append(down)
            puts.append(put)
            gets.append(get)
    figures["MB_per_s"] = {
        "upload_through_gateway": spread(uploads),
        "download_through_gateway": spread(downloads),
        "gridfs_put": spread(puts),
        "gridfs_get": spread(gets),
    }
    figures["photos_per_round"] = args.photos
    save("media_throughput", figures)


if __name__ == "__main__":
    main()
