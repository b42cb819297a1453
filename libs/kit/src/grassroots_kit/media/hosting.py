"""A service host that keeps photos: its collections, the S3 bucket at boot, the orphan sweep."""

from __future__ import annotations

import asyncio
import logging

from grassroots_kit.host import ServiceHost
from grassroots_kit.media.library import MediaLibrary
from grassroots_kit.media.records import COLLECTION, INDEXES
from grassroots_kit.media.s3 import S3MediaStore
from grassroots_kit.media.store import GRIDFS_BUCKET

log = logging.getLogger(__name__)

# The records and GridFS's own two (the default store), created up front like every other.
COLLECTIONS = (COLLECTION, f"{GRIDFS_BUCKET}.files", f"{GRIDFS_BUCKET}.chunks")
__all__ = ["COLLECTIONS", "INDEXES", "keep_photos"]


def keep_photos(host: ServiceHost, media: MediaLibrary, *, sweep_orphans: bool = True) -> None:
    """Create the S3 bucket at boot when that is the store; sweep orphans in the background
    every MEDIA_SWEEP_SECONDS (a service with more to sweep, as cases' retention, passes
    `sweep_orphans=False` and runs its own loop)."""
    if isinstance(media.store, S3MediaStore):
        host.add_boot_step("photo bucket", media.store.ensure_bucket)
    every = media.settings.media_sweep_seconds
    if not sweep_orphans or every <= 0:
        return

    async def sweep() -> None:
        while True:
            try:
                swept = await media.sweep_orphans()
                if swept:
                    log.info("orphan photos swept", extra={"orphans": swept})
            except Exception:
                log.exception("orphan photo sweep failed; trying again at the next interval")
            await asyncio.sleep(every)

    host.add_background(sweep)
