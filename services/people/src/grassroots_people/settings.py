from __future__ import annotations

from grassroots_kit.settings import ServiceSettings
from pydantic import AliasChoices, Field
from pydantic_settings import SettingsConfigDict

# A development-only bootstrap login, so `make up` and the demo loader work out of the box.
# In production nothing is bootstrapped unless BOOTSTRAP_ADMIN_PHONE/PASSWORD are given.
DEV_BOOTSTRAP_PHONE = "10000000000"
DEV_BOOTSTRAP_PASSWORD = "grassroots-bootstrap"


class PeopleSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="", extra="ignore", frozen=True, populate_by_name=True
    )

    service_name: str = Field("people", description="Name used in logs, metrics and queues.")
    port: int = Field(4001, ge=1, le=65535, description="HTTP port.")
    mongodb_database: str = Field("grassroots_people", description="The service's database.")
    access_token_minutes: int = Field(15, ge=1, le=60, description="Access token lifetime.")
    refresh_token_days: int = Field(30, ge=1, le=365, description="Refresh token lifetime.")
    signing_key_pem: str | None = Field(
        None,
        validation_alias=AliasChoices("signing_key_pem", "jwt_private_key"),
        description="RSA private key (PEM) that signs access tokens, e.g. from a Secret "
        "(also read as JWT_PRIVATE_KEY); when unset, keys are generated and kept in MongoDB.",
    )
    bootstrap_admin_phone: str | None = Field(
        None, description="Phone of the platform admin ensured at start (with the password)."
    )
    bootstrap_admin_password: str | None = Field(
        None, description="Password of the bootstrap platform admin."
    )
    visit_days_red: int = Field(7, ge=1, description="Days between visits of RED households.")
    visit_days_yellow: int = Field(30, ge=1, description="Days between visits, YELLOW.")
    visit_days_green: int = Field(91, ge=1, description="Days between visits, GREEN.")
    commitment_sweep_seconds: float = Field(
        300, gt=0, description="How often overdue commitments are marked lapsed."
    )

    def redacted(self) -> dict[str, object]:
        values = super().redacted()
        for name in ("signing_key_pem", "bootstrap_admin_password"):
            if values.get(name):
                values[name] = "***"
        return values

    def bootstrap_login(self) -> tuple[str, str] | None:
        if self.bootstrap_admin_phone and self.bootstrap_admin_password:
            return self.bootstrap_admin_phone, self.bootstrap_admin_password
        if self.environment == "development":
            return DEV_BOOTSTRAP_PHONE, DEV_BOOTSTRAP_PASSWORD
        return None
