"""What participation knows of a person, from people's events."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Resident:
    """A person's household and home; no name or phone number (those stay in people)."""

    person_id: str
    household_id: str | None
    home_path: tuple[str, ...]
    """Ancestors and the unit they live in, root first; empty for staff placed by role only."""
