"""What the workflow records as having happened; handlers turn these into published events."""

from __future__ import annotations

from dataclasses import dataclass

from grassroots_cases.domain.ids import PersonId
from grassroots_cases.domain.model import Case
from grassroots_cases.domain.vocabulary import EscalationReason, Level


@dataclass(frozen=True)
class CaseReported:
    case: Case


@dataclass(frozen=True)
class CaseAssigned:
    case: Case


@dataclass(frozen=True)
class CaseEscalated:
    case: Case
    from_level: Level
    reason: EscalationReason
    note: str | None


@dataclass(frozen=True)
class CaseResolved:
    case: Case


@dataclass(frozen=True)
class CaseClosed:
    case: Case


@dataclass(frozen=True)
class CaseReopened:
    case: Case
    closure: int  # the closing undone (1, 2, ...)
    reason: str


@dataclass(frozen=True)
class CaseSentToDeliberation:
    case: Case
    reason: str
    sent_by: PersonId


@dataclass(frozen=True)
class OrderPosted:
    case: Case


@dataclass(frozen=True)
class OrderTaken:
    case: Case


DomainEvent = (
    CaseReported
    | CaseAssigned
    | CaseEscalated
    | CaseResolved
    | CaseClosed
    | CaseReopened
    | CaseSentToDeliberation
    | OrderPosted
    | OrderTaken
)
