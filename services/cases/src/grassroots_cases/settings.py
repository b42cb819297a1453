from __future__ import annotations

from datetime import time

from grassroots_kit.media.settings import MediaSettings
from pydantic import Field


class CasesSettings(MediaSettings):
    """The cases service's settings; photos (`MEDIA_*`) on reports, notes and resolutions."""

    service_name: str = Field("cases", description="Name used in logs, metrics and queues.")
    port: int = Field(4002, ge=1, le=65535, description="HTTP port.")
    mongodb_database: str = Field("grassroots_cases", description="The service's database.")
    sweep_seconds: float = Field(
        30.0,
        ge=0,
        description="How often the deadline sweeper runs (SLA escalation, auto-close); 0 = never.",
    )
    business_closing_time: time = Field(
        time(18, 0),
        description="When a working day ends (business time zone, Asia/Shanghai) for "
        "working-day SLA deadlines.",
    )
