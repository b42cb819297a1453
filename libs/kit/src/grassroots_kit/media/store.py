"""Where photo bytes live: a port, with MongoDB GridFS as the default that needs nothing more.

Keys are the media records' ids (`<id>` and `<id>.thumb`). GridFS keeps each service's photos
in a bucket of the service's own database (`media.files`, `media.chunks`); the S3-compatible
store (`grassroots_kit.media.s3`) keeps them under the service's prefix in one bucket.
"""

from __future__ import annotations

from typing import Protocol

from gridfs import AsyncGridFSBucket
from gridfs.errors import NoFile

from grassroots_kit.mongo import Database

GRIDFS_BUCKET = "media"


class MediaStore(Protocol):
    async def put(self, key: str, data: bytes, content_type: str) -> None:
        """Store `data` under `key`, replacing whatever was there."""
        ...

    async def get(self, key: str) -> bytes | None: ...

    async def delete(self, key: str) -> None:
        """Remove `key`; nothing happens when it is not there."""
        ...

    async def close(self) -> None: ...


class GridFSMediaStore:
    """Photos in GridFS, in the service's own database. The file's name is its key."""

    def __init__(self, db: Database, bucket: str = GRIDFS_BUCKET) -> None:
        self._bucket = AsyncGridFSBucket(db, bucket_name=bucket)

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        await self.delete(key)
        await self._bucket.upload_from_stream(key, data, metadata={"contentType": content_type})

    async def get(self, key: str) -> bytes | None:
        try:
            stream = await self._bucket.open_download_stream_by_name(key)
        except NoFile:
            return None
        return bytes(await stream.read())

    async def delete(self, key: str) -> None:
        async for found in self._bucket.find({"filename": key}):
            await self._bucket.delete(found._id)

    async def close(self) -> None:
        return None
