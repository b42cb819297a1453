"""Clean-up of photos: uploads never referenced (after the orphan TTL) and, when retention is
set, the photos of cases closed more than that many days ago."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import Protocol

from grassroots_cases.domain.photos import subject_of
from grassroots_cases.handlers.ports import CasesPorts

log = logging.getLogger(__name__)
BATCH = 200


class PhotoRetention(Protocol):
    async def closed_with_photos(self, before: datetime, limit: int) -> list[str]:
        """Ids of closed cases, closed at or before `before`, whose photos are still kept."""
        ...

    async def photos_deleted(self, case_ids: list[str]) -> None: ...


class PhotoSweeper:
    def __init__(
        self, ports: CasesPorts, retention: PhotoRetention, *, retention_days: int
    ) -> None:
        self._ports = ports
        self._retention = retention
        self._days = retention_days

    async def sweep_once(self) -> tuple[int, int]:
        """(orphans deleted, retained photos deleted)."""
        media = self._ports.media
        if media is None:
            return 0, 0
        orphans = await media.sweep_orphans(BATCH)
        expired = 0
        if self._days > 0:
            before = self._ports.clock() - timedelta(days=self._days)
            case_ids = await self._retention.closed_with_photos(before, BATCH)
            if case_ids:
                expired = await media.sweep_subjects([subject_of(c) for c in case_ids], 10 * BATCH)
                await self._retention.photos_deleted(case_ids)
        return orphans, expired

    async def run(self, every_seconds: float) -> None:
        while True:
            try:
                orphans, expired = await self.sweep_once()
                if orphans or expired:
                    log.info("photos swept", extra={"orphans": orphans, "retained": expired})
            except Exception:
                log.exception("photo sweep failed; trying again at the next interval")
            await asyncio.sleep(every_seconds)
