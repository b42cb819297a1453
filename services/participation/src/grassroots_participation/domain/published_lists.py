"""A unit's published lists: the responsibility list ("six leads") and the negative list ("six
eliminations"), each published in numbered versions. Pure.

Publishing never changes a version: it adds the next one (1, 2, ...), so what was published
stays readable as it was. The current version is the highest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from grassroots_kit.errors import BadUserInput, Conflict
from grassroots_kit.i18n import msg

from grassroots_participation.domain.meetings import clean_title

MAX_ENTRIES = 50
MAX_ENTRY = 500


class ListKind(StrEnum):
    RESPONSIBILITY = "RESPONSIBILITY"
    """The responsibility list ("six leads"): who leads what."""
    NEGATIVE = "NEGATIVE"
    """The negative list ("six eliminations"): what must not be done."""


class VersionTaken(Exception):
    """Another publisher stored that version of the unit's list first."""


@dataclass(frozen=True)
class PublishedList:
    id: str
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    kind: ListKind
    version: int
    title: str
    entries: tuple[str, ...]
    published_by: str
    published_at: datetime


def clean_entries(entries: Sequence[str]) -> tuple[str, ...]:
    cleaned = tuple(" ".join(e.split()) for e in entries)
    if not 1 <= len(cleaned) <= MAX_ENTRIES:
        raise BadUserInput(
            msg("a list has from 1 to {max} entries", max=MAX_ENTRIES), field="entries"
        )
    if any(not e for e in cleaned):
        raise BadUserInput(msg("a list entry must not be empty"), field="entries")
    if any(len(e) > MAX_ENTRY for e in cleaned):
        raise BadUserInput(
            msg("a list entry must be at most {max} characters", max=MAX_ENTRY), field="entries"
        )
    return cleaned


def next_version(
    current: PublishedList | None,
    expected_version: int | None,
    *,
    list_id: str,
    org_unit_id: str,
    org_unit_path: tuple[str, ...],
    kind: ListKind,
    title: str,
    entries: Sequence[str],
    published_by: str,
    at: datetime,
) -> PublishedList:
    """The next version after `current`. `expected_version`, when given, is the version the
    publisher saw (0 for none yet): a newer one is a CONFLICT, so two editors never silently
    replace each other's list."""
    latest = current.version if current else 0
    if expected_version is not None and expected_version != latest:
        raise Conflict(
            msg(
                "this list is at version {version}, not {expected_version}: read it again",
                version=latest,
                expected_version=expected_version,
            ),
            field="expectedVersion",
        )
    return PublishedList(
        id=list_id,
        org_unit_id=org_unit_id,
        org_unit_path=org_unit_path,
        kind=kind,
        version=latest + 1,
        title=clean_title(title),
        entries=clean_entries(entries),
        published_by=published_by,
        published_at=at,
    )
