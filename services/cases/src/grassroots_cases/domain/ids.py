"""Distinct id types, so a person id is never passed where a case id belongs."""

from __future__ import annotations

import uuid
from typing import NewType

CaseId = NewType("CaseId", str)
PersonId = NewType("PersonId", str)
OrgUnitId = NewType("OrgUnitId", str)
OrganizationId = NewType("OrganizationId", str)


def new_case_id() -> CaseId:
    return CaseId(uuid.uuid4().hex)
