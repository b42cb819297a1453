"""Photos in an S3-compatible object store (MinIO, Alibaba OSS, Tencent COS, AWS S3).

One bucket may hold several services' photos: each writes under its own prefix
(`<service>/<key>`). The client is opened at the first use and closed with the host.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from aiobotocore.config import AioConfig
from aiobotocore.session import get_session
from botocore.exceptions import ClientError


class S3MediaStore:
    def __init__(
        self,
        *,
        bucket: str,
        prefix: str,
        endpoint_url: str | None,
        region: str,
        access_key_id: str | None,
        secret_access_key: str | None,
    ) -> None:
        self._bucket = bucket
        self._prefix = prefix.strip("/") + "/" if prefix else ""
        self._options: dict[str, Any] = {
            "region_name": region,
            "endpoint_url": endpoint_url,
            "aws_access_key_id": access_key_id,
            "aws_secret_access_key": secret_access_key,
            # Path-style addressing: what MinIO and most self-hosted stores answer.
            "config": AioConfig(s3={"addressing_style": "path"}, retries={"max_attempts": 3}),
        }
        self._stack = contextlib.AsyncExitStack()
        self._client: Any = None
        self._opening = asyncio.Lock()

    async def _s3(self) -> Any:
        async with self._opening:
            if self._client is None:
                client = get_session().create_client("s3", **self._options)
                self._client = await self._stack.enter_async_context(client)
        return self._client

    async def ensure_bucket(self) -> None:
        """Create the bucket when it does not exist (a boot step; stores that refuse creation
        to this key need it made beforehand)."""
        s3 = await self._s3()
        try:
            await s3.head_bucket(Bucket=self._bucket)
        except ClientError:
            await s3.create_bucket(Bucket=self._bucket)

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        s3 = await self._s3()
        await s3.put_object(
            Bucket=self._bucket, Key=self._prefix + key, Body=data, ContentType=content_type
        )

    async def get(self, key: str) -> bytes | None:
        s3 = await self._s3()
        try:
            answer = await s3.get_object(Bucket=self._bucket, Key=self._prefix + key)
        except ClientError as e:
            if e.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return None
            raise
        async with answer["Body"] as body:
            data: bytes = await body.read()
        return data

    async def delete(self, key: str) -> None:
        s3 = await self._s3()
        await s3.delete_object(Bucket=self._bucket, Key=self._prefix + key)

    async def close(self) -> None:
        await self._stack.aclose()
        self._client = None
