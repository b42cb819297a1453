from __future__ import annotations

import uuid
from typing import NewType

OrgUnitId = NewType("OrgUnitId", str)


def new_org_unit_id() -> OrgUnitId:
    return OrgUnitId(uuid.uuid4().hex)
