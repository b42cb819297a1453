"""Who must know of a case's move: pure rules over what the event says and what the service
keeps of cases (reporter, assignee, followers) and of roles (who holds an area).

- a new case: the chiefs or grid members closest to its place (the deepest unit of its path
  that has any);
- assigned: the assignee ("assigned to you"), the reporter and the followers;
- escalated, resolved, closed: the reporter and the followers;
- reopened: whoever answers for it and the followers;
- a new order on the board: volunteers and red-partner members whose area covers its place.

Each person gets one notice per event, the most specific reason first; nobody is told of
what they did themselves when the event names them as its actor.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from grassroots_notifications.domain.notices import NoticeKind, Recipient

AREA_ROLES = frozenset(
    {"NEIGHBOR_CHIEF", "GROUP_CHIEF", "PIECE_CHIEF", "BUILDING_CHIEF", "GRID_MEMBER", "GRID_CHIEF"}
)
TAKER_ROLES = frozenset({"VOLUNTEER", "RED_PARTNER_MEMBER"})


class Move(StrEnum):
    REPORTED = "REPORTED"
    ASSIGNED = "ASSIGNED"
    ESCALATED = "ESCALATED"
    RESOLVED = "RESOLVED"
    CLOSED = "CLOSED"
    REOPENED = "REOPENED"
    ORDER_POSTED = "ORDER_POSTED"


@dataclass(frozen=True)
class Holder:
    """An active role assignment: who holds which role over which unit."""

    person_id: str
    role: str
    org_unit_id: str


@dataclass(frozen=True)
class CaseFacts:
    """What the service keeps of a case from its events."""

    case_id: str
    number: str
    org_unit_path: tuple[str, ...]
    reporter_id: str | None = None
    assignee_id: str | None = None
    followers: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class CaseMove:
    """One case event, in the rules' words."""

    move: Move
    case_id: str
    number: str
    org_unit_path: tuple[str, ...]
    assignee_id: str | None = None
    actor_id: str | None = None


def closest(path: Sequence[str], holders: Iterable[Holder], roles: frozenset[str]) -> list[str]:
    """People holding one of `roles` at the deepest unit of `path` that has any such holder."""
    depth = {unit: i for i, unit in enumerate(path)}
    found = [h for h in holders if h.role in roles and h.org_unit_id in depth]
    if not found:
        return []
    deepest = max(depth[h.org_unit_id] for h in found)
    return sorted({h.person_id for h in found if depth[h.org_unit_id] == deepest})


def covering(path: Sequence[str], holders: Iterable[Holder], roles: frozenset[str]) -> list[str]:
    """People holding one of `roles` over any unit of `path` (their area covers the place)."""
    units = set(path)
    return sorted({h.person_id for h in holders if h.role in roles and h.org_unit_id in units})


def recipients(
    move: CaseMove, facts: CaseFacts | None, holders: Iterable[Holder], limit: int
) -> list[Recipient]:
    """Who is told of `move`, one entry per person, at most `limit`."""
    reporter = facts.reporter_id if facts else None
    followers = sorted(facts.followers) if facts else []
    wanted: list[tuple[str | None, NoticeKind]] = []
    match move.move:
        case Move.REPORTED:
            kind = NoticeKind.CASE_REPORTED_IN_AREA
            wanted += [(p, kind) for p in closest(move.org_unit_path, holders, AREA_ROLES)]
        case Move.ASSIGNED:
            wanted.append((move.assignee_id, NoticeKind.CASE_ASSIGNED_TO_YOU))
            wanted += [(p, NoticeKind.CASE_ASSIGNED) for p in (reporter, *followers)]
        case Move.ESCALATED:
            wanted += [(p, NoticeKind.CASE_ESCALATED) for p in (reporter, *followers)]
        case Move.RESOLVED:
            wanted += [(p, NoticeKind.CASE_RESOLVED) for p in (reporter, *followers)]
        case Move.CLOSED:
            wanted += [(p, NoticeKind.CASE_CLOSED) for p in (reporter, *followers)]
        case Move.REOPENED:
            assignee = facts.assignee_id if facts else None
            wanted += [(p, NoticeKind.CASE_REOPENED) for p in (assignee, *followers)]
        case Move.ORDER_POSTED:
            kind = NoticeKind.ORDER_POSTED_NEARBY
            wanted += [(p, kind) for p in covering(move.org_unit_path, holders, TAKER_ROLES)]
    chosen: list[Recipient] = []
    seen: set[str] = set()
    # The case's own reporter is not told "a new case in your area" about their own report.
    excluded = {move.actor_id} | ({reporter} if move.move is Move.REPORTED else set())
    for person, kind in wanted:
        if person is None or person in seen or person in excluded:
            continue
        seen.add(person)
        chosen.append(Recipient(person, kind))
        if len(chosen) >= limit:
            break
    return chosen
