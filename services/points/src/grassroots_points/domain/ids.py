"""Distinct id types, so a reward id is never passed where a person id belongs."""

from __future__ import annotations

import uuid
from typing import NewType

PersonId = NewType("PersonId", str)
OrgUnitId = NewType("OrgUnitId", str)
EntryId = NewType("EntryId", str)
RuleId = NewType("RuleId", str)
RewardId = NewType("RewardId", str)
RedemptionId = NewType("RedemptionId", str)


def new_entry_id() -> EntryId:
    return EntryId(uuid.uuid4().hex)


def new_rule_id() -> RuleId:
    return RuleId(uuid.uuid4().hex)


def new_reward_id() -> RewardId:
    return RewardId(uuid.uuid4().hex)


def new_redemption_id() -> RedemptionId:
    return RedemptionId(uuid.uuid4().hex)
