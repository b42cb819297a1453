"""What points knows of one closing of a case: it stands, or it was reopened."""

from __future__ import annotations

from enum import StrEnum


class ClosureState(StrEnum):
    CLOSED = "CLOSED"
    REOPENED = "REOPENED"
