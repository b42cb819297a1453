"""What a password must be. Hashing is an adapter (Argon2)."""

from __future__ import annotations

from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import msg

from grassroots_people.domain.text import require_encodable

MIN_LENGTH = 8
MAX_LENGTH = 128


def check_password(password: str) -> None:
    require_encodable(password, "password")
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise BadUserInput(
            msg(
                "a password has {min_length} to {max_length} characters",
                min_length=MIN_LENGTH,
                max_length=MAX_LENGTH,
            ),
            field="password",
        )
