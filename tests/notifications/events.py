"""Cases' and people's events as their producers publish them, for the notifications tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from grassroots_kit.messaging.envelope import CloudEvent, new_event

PATH = ["d1", "s1", "c1", "g1"]
AT = "2026-12-08T02:00:00Z"


def _case(case_id: str, number: str, path: list[str]) -> dict[str, Any]:
    return {"caseId": case_id, "number": number, "orgUnitId": path[-1], "orgUnitPath": path}


def case_reported(
    case_id: str, reporter: str | None, number: str = "WC-2026-000001", path: list[str] = PATH
) -> CloudEvent:
    data = {
        **_case(case_id, number, path),
        "category": "ENVIRONMENT",
        "priority": "NORMAL",
        "channel": "APP",
        "level": "GRID",
        "reporterId": reporter,
        "dueAt": AT,
        "reportedAt": AT,
    }
    return new_event("case.reported", source="grassroots/cases", subject=case_id, data=data)


def case_assigned(
    case_id: str, assignee: str | None, number: str = "WC-2026-000001", path: list[str] = PATH
) -> CloudEvent:
    data = {
        **_case(case_id, number, path),
        "category": "ENVIRONMENT",
        "level": "GRID",
        "assigneeId": assignee,
        "organizationId": None,
        "assignedAt": AT,
    }
    return new_event("case.assigned", source="grassroots/cases", subject=case_id, data=data)


def case_resolved(
    case_id: str, number: str = "WC-2026-000001", path: list[str] = PATH
) -> CloudEvent:
    data = {
        **_case(case_id, number, path),
        "category": "ENVIRONMENT",
        "level": "GRID",
        "handlers": [],
        "organizationId": None,
        "metDeadline": True,
        "resolvedAt": AT,
    }
    return new_event("case.resolved", source="grassroots/cases", subject=case_id, data=data)


def order_posted(
    case_id: str, number: str = "WC-2026-000002", path: list[str] = PATH
) -> CloudEvent:
    data = {
        **_case(case_id, number, path),
        "category": "ELDERLY_CARE",
        "takerId": None,
        "organizationId": None,
        "at": AT,
    }
    return new_event("order.posted", source="grassroots/cases", subject=case_id, data=data)


def role_assigned(assignment: str, person: str, role: str, path: list[str]) -> CloudEvent:
    data = {
        "id": assignment,
        "personId": person,
        "role": role,
        "orgUnitId": path[-1],
        "orgUnitPath": path,
        "organizationId": None,
        "since": datetime(2026, 1, 1, tzinfo=UTC).isoformat().replace("+00:00", "Z"),
        "until": None,
        "grantedBy": None,
    }
    return new_event("role.assigned", source="grassroots/people", subject=assignment, data=data)


def case_followed(
    case_id: str, person: str, me_too: bool = False, path: list[str] = PATH
) -> CloudEvent:
    data = {**_case(case_id, "WC-2026-000001", path), "personId": person, "meToo": me_too, "at": AT}
    return new_event("case.followed", source="grassroots/cases", subject=case_id, data=data)


def case_unfollowed(case_id: str, person: str, path: list[str] = PATH) -> CloudEvent:
    data = {**_case(case_id, "WC-2026-000001", path), "personId": person, "at": AT}
    return new_event("case.unfollowed", source="grassroots/cases", subject=case_id, data=data)
