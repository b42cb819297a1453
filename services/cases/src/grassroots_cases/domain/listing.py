"""Lists of cases as the use cases ask for them: which cases (a filter), in which order, and
the position of a case in that order (its keyset). Plain data; the store turns a filter into a
query (`adapters.case_queries.filter_query`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum
from typing import Any

from grassroots_cases.domain.model import Case
from grassroots_cases.domain.vocabulary import Category, Level, Priority, Status


class CaseSort(StrEnum):
    CREATED = "CREATED"  # newest first
    DUE = "DUE"  # soonest deadline first
    UPDATED = "UPDATED"  # most recently changed first


@dataclass(frozen=True)
class CaseFilter:
    statuses: Sequence[Status] = ()
    categories: Sequence[Category] = ()
    priorities: Sequence[Priority] = ()
    levels: Sequence[Level] = ()
    within: str | None = None  # org unit subtree
    assignee_id: str | None = None
    organization_id: str | None = None
    reporter_id: str | None = None
    overdue: bool | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    # `domain.search.query_terms` of a search text: a case matches holding every one
    terms: Sequence[str] = ()

    def only_within(self) -> bool:
        """Whether the filter says nothing but the subtree (`within`)."""
        return not any(
            getattr(self, f.name) not in (None, (), []) for f in fields(self) if f.name != "within"
        )


def sort_key(case: Case, sort: CaseSort) -> list[Any]:
    value = {
        CaseSort.CREATED: case.created_at,
        CaseSort.DUE: case.due_at,
        CaseSort.UPDATED: case.updated_at,
    }[sort]
    return [value.isoformat(), case.id]
