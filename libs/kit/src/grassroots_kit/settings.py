"""Settings read from the environment, with a clear refusal when one is missing or invalid."""

from __future__ import annotations

import sys
from typing import Literal, TypeVar
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from grassroots_kit import business_time
from grassroots_kit.i18n import DEFAULT_LOCALE, Locale

# A shorter HMAC key could be guessed offline from one signed request.
_MIN_SECRET_LENGTH = 32


class ServiceSettings(BaseSettings):
    """What every service needs; a service subclasses it and sets its own defaults."""

    model_config = SettingsConfigDict(env_prefix="", extra="ignore", frozen=True)

    service_name: str = Field("service", description="Name used in logs, metrics and queue names.")
    host: str = Field("127.0.0.1", description="Interface to listen on.")
    port: int = Field(8000, ge=1, le=65535, description="HTTP port.")
    mongodb_url: str = Field(
        "mongodb://127.0.0.1:27017/?replicaSet=rs0",
        pattern=r"^mongodb(\+srv)?://\S+$",
        description="MongoDB replica set URL (transactions need a replica set).",
    )
    mongodb_database: str = Field(
        "grassroots", min_length=1, description="The service's own database."
    )
    amqp_url: str = Field(
        "amqp://guest:guest@127.0.0.1:5672/",
        pattern=r"^amqps?://[^\s,]+(,amqps?://[^\s,]+)*$",
        description="RabbitMQ URL, or the URLs of every node of a cluster separated by commas "
        "(`amqp://u:p@rabbit-1:5672/,amqp://u:p@rabbit-2:5672/,…`): the service connects to "
        "whichever answers and moves to another node when it loses its own. Connection "
        "parameters (`?heartbeat=10`) are read from the first URL.",
    )
    events_prefix: str = Field(
        "", description="Prefix of the events exchange and of every queue name."
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", description="Least severe level written to the JSON log on stdout."
    )
    environment: Literal["development", "production"] = Field(
        "development", description="`production` turns GraphiQL and development logins off."
    )
    graphiql_assets_dir: str | None = Field(
        None,
        description="The node_modules directory GraphiQL's scripts and styles are served from "
        "in development (`npm ci --prefix gateway` installs them, pinned). Unset: the "
        "repository's gateway/node_modules.",
    )
    service_version: str = Field("0.1.0", description="Version reported by /health/live.")
    git_revision: str = Field("unknown", description="Source revision reported by /health/live.")
    jwks_url: str = Field(
        "http://127.0.0.1:4001/.well-known/jwks.json",
        description="Where the people service publishes the keys that sign access tokens.",
    )
    relay_poll_seconds: float = Field(
        0.5, gt=0, description="How often the outbox relay looks for events written elsewhere."
    )
    live_subscriptions_per_person: int = Field(
        16,
        ge=1,
        description="Live subscriptions (GraphQL subscriptions) one person may hold open on one "
        "replica; more are RATE_LIMITED (grassroots_kit.live).",
    )
    live_subscriptions_per_replica: int = Field(
        20_000, ge=1, description="Live subscriptions one replica holds open at most."
    )
    consumer_prefetch: int = Field(
        256, ge=1, description="Messages a consumer holds at once; its batches come from them."
    )
    consumer_workers: int = Field(
        1,
        ge=1,
        description="Batches a consumer applies at once, each in its own transaction (events "
        "of one subject always go to the same one). More than one pays off only when handlers "
        "write disjoint documents: concurrent batches that touch a shared one conflict.",
    )
    consumer_max_attempts: int = Field(
        5, ge=1, description="Attempts at a transient failure before a message is parked."
    )
    metrics_sample_seconds: float = Field(
        10.0,
        gt=0,
        description="How often MongoDB and RabbitMQ health and the depth of the consumed and "
        "dead-letter queues are sampled for /metrics.",
    )
    tracing: Literal["off", "console", "otlp"] | None = Field(
        None,
        description="Where OpenTelemetry traces go: `off`, `console` (JSON lines on stdout) or "
        "`otlp` (OTLP over HTTP). Unset: `otlp` when OTEL_EXPORTER_OTLP_ENDPOINT is set, "
        "else `off`.",
    )
    otel_exporter_otlp_endpoint: str | None = Field(
        None,
        description="Base URL of the OTLP/HTTP collector (`http://otel-collector:4318`); the "
        "exporter also honours the other standard OTEL_EXPORTER_OTLP_* variables.",
    )
    tracing_sample_ratio: float = Field(
        1.0,
        ge=0,
        le=1,
        description="Share of new traces recorded; a request that arrives with a `traceparent` "
        "keeps its caller's decision.",
    )

    subgraph_signing_secret: SecretStr | None = Field(
        None,
        description="Key the gateway signs every subgraph request with (HMAC-SHA256, shared with "
        "the gateway's SUBGRAPH_SIGNING_SECRET, at least 32 characters). Set: /graphql serves "
        "only requests the gateway signed. Required in production.",
    )
    max_body_bytes: int = Field(
        1_000_000,
        ge=1,
        description="Largest request body /graphql reads; a larger one is refused unread (413).",
    )

    default_locale: Locale = Field(
        DEFAULT_LOCALE,
        description="The language of messages and labels for a request whose Accept-Language "
        "asks for neither zh-CN nor en (any Chinese is served zh-CN, any English en).",
    )
    business_time_zone: str = Field(
        business_time.DEFAULT_ZONE_NAME,
        description="IANA time zone whose midnights cut every business day, week, month and "
        "year: statistics days and months, rollups, case-number years, leaderboard periods, "
        "award caps, visit schedules and care coverage days. Changing it rebuilds the cases "
        "rollups at the next start.",
    )

    @field_validator("business_time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        business_time.zone(value)  # refuses at start-up, not at the first report
        return value

    @property
    def business_zone(self) -> ZoneInfo:
        return business_time.zone(self.business_time_zone)

    @field_validator("subgraph_signing_secret", mode="before")
    @classmethod
    def _empty_secret_is_none(cls, value: object) -> object:
        # Compose passes `${SUBGRAPH_SIGNING_SECRET:-}`: empty means not set.
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _signing_secret_in_production(self) -> ServiceSettings:
        secret = self.subgraph_signing_secret
        if secret is not None and len(secret.get_secret_value()) < _MIN_SECRET_LENGTH:
            raise ValueError(
                f"SUBGRAPH_SIGNING_SECRET must be at least {_MIN_SECRET_LENGTH} characters"
            )
        if secret is None and self.environment == "production":
            raise ValueError(
                "SUBGRAPH_SIGNING_SECRET is required in production: without it anyone who "
                "reaches this port skips the gateway's limits"
            )
        return self

    @property
    def exchange_name(self) -> str:
        return f"{self.events_prefix}grassroots.events"

    def queue_name(self, purpose: str) -> str:
        return f"{self.events_prefix}{self.service_name}.{purpose}"

    @property
    def secret_names(self) -> frozenset[str]:
        return frozenset({"mongodb_url", "amqp_url"})

    def redacted(self) -> dict[str, object]:
        """The settings as they may be logged: URLs with credentials hidden."""
        values = self.model_dump()
        for name in self.secret_names:
            values[name] = ",".join(_redact_url(url) for url in str(values[name]).split(","))
        return values


def _redact_url(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"


S = TypeVar("S", bound=ServiceSettings)


def load_settings(cls: type[S]) -> S:
    """Read settings from the environment or exit with a message naming each bad variable."""
    try:
        return cls()
    except ValidationError as exc:
        lines = [f"invalid configuration for {cls.__name__}:"]
        for error in exc.errors():
            name = "_".join(str(part) for part in error["loc"]).upper()
            lines.append(f"  {name}: {error['msg']}")
        print("\n".join(lines), file=sys.stderr)
        raise SystemExit(2) from None


def with_overrides(settings: S, **changes: object) -> S:
    """A copy of frozen settings with some values changed (used by tests and tools)."""
    return type(settings).model_validate({**settings.model_dump(), **changes})


__all__ = ["ServiceSettings", "load_settings", "with_overrides"]
