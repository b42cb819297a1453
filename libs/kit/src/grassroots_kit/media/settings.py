"""Settings of a service that keeps photos (`MEDIA_*`): backend, limits, URL lifetimes, clean-up."""

from __future__ import annotations

import hashlib
import hmac
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator

from grassroots_kit.settings import ServiceSettings

_MIN_SECRET_LENGTH = 32


class MediaSettings(ServiceSettings):
    media_backend: Literal["gridfs", "s3"] = Field(
        "gridfs",
        description="Where photo bytes are kept: `gridfs` (in the service's own MongoDB "
        "database, nothing more to run) or `s3` (an S3-compatible store: MinIO, Alibaba OSS, "
        "Tencent COS).",
    )
    media_s3_endpoint_url: str | None = Field(
        None, description="The S3-compatible endpoint (`http://minio:9000`); unset: AWS."
    )
    media_s3_bucket: str = Field(
        "grassroots-media", description="The bucket; each service writes under its own prefix."
    )
    media_s3_region: str = Field("us-east-1", description="The S3 region name.")
    media_s3_access_key_id: SecretStr | None = Field(None, description="The S3 access key id.")
    media_s3_secret_access_key: SecretStr | None = Field(
        None, description="The S3 secret access key."
    )
    media_max_bytes: int = Field(
        10_000_000, ge=1, description="Largest photo accepted, in bytes (refused unread above)."
    )
    media_max_pixels: int = Field(
        40_000_000, ge=1, description="Largest photo accepted, in pixels (width times height)."
    )
    media_max_per_item: int = Field(
        9, ge=1, le=50, description="Most photos on one report, note or resolution."
    )
    media_thumbnail_pixels: int = Field(
        320, ge=16, le=2048, description="Longest side of a thumbnail (JPEG)."
    )
    media_upload_url_seconds: int = Field(
        600, ge=10, le=86_400, description="How long an upload URL may be used (once)."
    )
    media_download_url_seconds: int = Field(
        300, ge=10, le=86_400, description="How long a photo's download URL works."
    )
    media_url_secret: SecretStr | None = Field(
        None,
        description="Key that signs upload and download URLs (HMAC-SHA256, at least 32 "
        "characters, the same on every replica). Unset: derived from SUBGRAPH_SIGNING_SECRET "
        "(which production requires, so every replica agrees); without that either, a random "
        "key per process, which suits one replica in development only.",
    )
    media_public_base_url: str = Field(
        "",
        description="What photo URLs start with, e.g. `https://api.example.org` (the gateway's "
        "public address); empty: URLs are paths on the gateway (`/media/<service>/...`).",
    )
    media_orphan_ttl_seconds: int = Field(
        86_400, ge=60, description="Uploads never referenced are deleted after this long."
    )
    media_retention_days: int = Field(
        0,
        ge=0,
        description="Photos of items closed more than this many days ago are deleted; 0 keeps "
        "them for good.",
    )
    media_sweep_seconds: float = Field(
        600.0, ge=0, description="How often orphans and expired photos are swept; 0 = never."
    )

    @field_validator("media_url_secret", "media_s3_access_key_id", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _media_secret(self) -> MediaSettings:
        secret = self.media_url_secret
        if secret is not None and len(secret.get_secret_value()) < _MIN_SECRET_LENGTH:
            raise ValueError(f"MEDIA_URL_SECRET must be at least {_MIN_SECRET_LENGTH} characters")
        return self

    def media_url_key(self) -> bytes | None:
        """The key photo URLs are signed with; None when the process must pick its own."""
        if self.media_url_secret is not None:
            return self.media_url_secret.get_secret_value().encode()
        if self.subgraph_signing_secret is not None:
            # A key of its own, derived: a photo URL never reveals or reuses the gateway's.
            base = self.subgraph_signing_secret.get_secret_value().encode()
            return hmac.new(base, b"grassroots media urls", hashlib.sha256).digest()
        return None
