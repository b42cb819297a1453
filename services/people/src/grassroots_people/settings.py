from __future__ import annotations

import base64
import binascii

from grassroots_kit.media.settings import MediaSettings
from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import SettingsConfigDict

# The platform admin's phone unless BOOTSTRAP_ADMIN_PHONE says otherwise. It has no password
# of its own: when BOOTSTRAP_ADMIN_PASSWORD is unset, a random one is made at first start.
DEFAULT_BOOTSTRAP_PHONE = "10000000000"
ENCRYPTION_KEY_BYTES = 32  # AES-256


def parse_encryption_key(value: str) -> bytes:
    """32 bytes from base64 (standard or URL-safe, padding optional), or ValueError."""
    text = value.strip()
    padded = text + "=" * (-len(text) % 4)
    try:
        raw = base64.urlsafe_b64decode(padded.replace("+", "-").replace("/", "_"))
    except (binascii.Error, ValueError):
        raise ValueError("must be base64 of 32 random bytes") from None
    if len(raw) != ENCRYPTION_KEY_BYTES:
        raise ValueError(f"must be base64 of {ENCRYPTION_KEY_BYTES} random bytes, not {len(raw)}")
    return raw


class PeopleSettings(MediaSettings):
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
    signing_key_encryption_key: str | None = Field(
        None,
        description='Base64 of 32 random bytes (`python -c "import base64, os; '
        'print(base64.urlsafe_b64encode(os.urandom(32)).decode())"`) that seals the private '
        "signing keys kept in MongoDB (AES-256-GCM), the same for every replica and for "
        "`python -m grassroots_people.keys`. Required in production unless SIGNING_KEY_PEM "
        "gives the key; in development, unset, a key generated once per database and kept in "
        "MongoDB is used, which protects nothing.",
    )
    signing_key_grace_minutes: int = Field(
        5,
        ge=0,
        le=1440,
        description="How long a rotated-out signing key stays published after the access-token "
        "lifetime; after it, tokens it signed are refused everywhere.",
    )
    bootstrap_admin_phone: str = Field(
        DEFAULT_BOOTSTRAP_PHONE,
        description="Phone of the platform admin created at first start; nobody else may "
        "take this number.",
    )
    bootstrap_admin_password: str | None = Field(
        None,
        description="Password given to the platform admin when first created; unset: a random "
        "one, written once to the log. A later change does not reset it (use "
        "`python -m grassroots_people.bootstrap`).",
    )
    password_hashing_concurrency: int = Field(
        2,
        ge=1,
        le=64,
        description="Argon2 hashes run at once per process (64 MiB of memory each).",
    )
    password_hashing_wait_seconds: float = Field(
        5,
        gt=0,
        description="How long a request waits for a hashing slot before it is refused "
        "(RATE_LIMITED).",
    )
    visit_days_red: int = Field(7, ge=1, description="Days between visits of RED households.")
    visit_days_yellow: int = Field(30, ge=1, description="Days between visits, YELLOW.")
    visit_days_green: int = Field(91, ge=1, description="Days between visits, GREEN.")
    commitment_sweep_seconds: float = Field(
        300, gt=0, description="How often overdue commitments are marked lapsed."
    )

    @field_validator("signing_key_encryption_key")
    @classmethod
    def _encryption_key_is_32_bytes(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None  # unset, or set empty (compose passes `${VAR:-}`)
        parse_encryption_key(value)
        return value

    @model_validator(mode="after")
    def _production_seals_its_keys(self) -> PeopleSettings:
        if (
            self.environment == "production"
            and self.signing_key_pem is None
            and self.signing_key_encryption_key is None
        ):
            raise ValueError(
                "SIGNING_KEY_ENCRYPTION_KEY is required in production (base64 of 32 random "
                "bytes): it seals the private signing keys kept in MongoDB"
            )
        return self

    def redacted(self) -> dict[str, object]:
        values = super().redacted()
        for name in ("signing_key_pem", "bootstrap_admin_password", "signing_key_encryption_key"):
            if values.get(name):
                values[name] = "***"
        return values

    @field_validator("bootstrap_admin_password", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        # Compose passes `${BOOTSTRAP_ADMIN_PASSWORD:-}`: an empty value means "make one".
        return None if value == "" else value

    def encryption_key(self) -> bytes | None:
        """The key sealing private signing keys; None in development without the setting."""
        if self.signing_key_encryption_key is None:
            return None
        return parse_encryption_key(self.signing_key_encryption_key)
