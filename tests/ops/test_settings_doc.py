"""The configuration and index tables are rendered from the classes that define them."""

from __future__ import annotations

import sys
from pathlib import Path

from grassroots_kit.mongo import Indexes
from grassroots_kit.settings import ServiceSettings
from pydantic import Field
from pymongo import ASCENDING, DESCENDING, IndexModel

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.settings_doc import render_indexes, render_settings, secret_fields  # noqa: E402


class AlphaSettings(ServiceSettings):
    port: int = Field(4101, ge=1, le=65535, description="HTTP port.")
    api_token: str | None = Field(None, description="Token of the partner API.")
    batch: int = Field(50, ge=1, description="Rows per batch.")

    def redacted(self) -> dict[str, object]:
        values = super().redacted()
        if values.get("api_token"):
            values["api_token"] = "***"
        return values


class BetaSettings(ServiceSettings):
    port: int = Field(4102, ge=1, le=65535, description="HTTP port.")


def _row(text: str, variable: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"| `{variable}` |"))


def test_a_shared_setting_shows_each_services_default_when_they_differ():
    text = render_settings({"alpha": AlphaSettings, "beta": BetaSettings})

    assert _row(text, "PORT") == (
        "| `PORT` | alpha `4101`, beta `4102` | integer ≥ 1 ≤ 65535 | HTTP port. |"
    )
    assert _row(text, "LOG_LEVEL").startswith(
        "| `LOG_LEVEL` | `INFO` | one of `DEBUG`, `INFO`, `WARNING`, `ERROR` |"
    )


def test_a_services_own_settings_are_listed_under_it_and_secrets_are_marked():
    text = render_settings({"alpha": AlphaSettings, "beta": BetaSettings})
    alpha = text.split("## alpha\n", 1)[1].split("## beta\n", 1)[0]

    assert _row(alpha, "BATCH") == "| `BATCH` | `50` | integer ≥ 1 | Rows per batch. |"
    assert _row(alpha, "API_TOKEN").endswith("**Secret:** never logged. |")
    assert "No settings of its own." in text.split("## beta\n", 1)[1]


def test_secrets_are_the_fields_that_redacted_hides():
    assert secret_fields(AlphaSettings) == {"mongodb_url", "amqp_url", "api_token"}


def test_indexes_are_listed_with_their_keys_and_options():
    declared = [
        Indexes(
            "things",
            (
                IndexModel([("a", ASCENDING), ("b", DESCENDING)], unique=True),
                IndexModel([("at", ASCENDING)], name="expire", expireAfterSeconds=60),
            ),
        )
    ]

    text = render_indexes({"alpha": declared})

    assert "| `things` | `a_1_b_-1` | `a: 1`, `b: -1` | `unique: true` |" in text
    assert "| `things` | `expire` | `at: 1` | `expireAfterSeconds: 60` |" in text
