from __future__ import annotations

from grassroots_kit.media.settings import MediaSettings
from pydantic import Field


class ParticipationSettings(MediaSettings):
    service_name: str = Field("participation", description="Name used in logs, metrics and queues.")
    port: int = Field(4004, ge=1, le=65535, description="HTTP port.")
    mongodb_database: str = Field("grassroots_participation", description="The service's database.")
    survey_sweep_seconds: float = Field(
        60.0,
        ge=0,
        description="How often surveys past their close date are closed (and `survey.closed` "
        "published); 0 = never.",
    )
