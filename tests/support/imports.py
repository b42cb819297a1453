"""Items for `importCases`, as the fault campaigns and the benchmarks build them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any


def resolved_case(
    ref: str, title: str, org_unit_id: str, handler_id: str, reported: datetime, resolution: str
) -> dict[str, Any]:
    """A historical case a grid member answered ten minutes after the report and resolved an
    hour after it: it imports RESOLVED, ready for `closeCase`."""
    return {
        "ref": ref,
        "title": title,
        "category": "ENVIRONMENT",
        "orgUnitId": org_unit_id,
        "reportedAt": reported.isoformat(),
        "handlerId": handler_id,
        "handlerRole": "GRID_MEMBER",
        "respondedAt": (reported + timedelta(minutes=10)).isoformat(),
        "resolvedAt": (reported + timedelta(hours=1)).isoformat(),
        "resolution": resolution,
    }
