"""The catalog of rewards a community offers and the redemptions people make of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from grassroots_kit.errors import BadUserInput, InvalidTransition
from grassroots_kit.i18n import msg

from grassroots_points.domain.ids import PersonId, RedemptionId, RewardId

MAX_NAME_LENGTH = 100
MAX_COST = 1_000_000
MAX_STOCK = 1_000_000
MAX_QUANTITY = 100


class RedemptionStatus(StrEnum):
    REQUESTED = "REQUESTED"
    FULFILLED = "FULFILLED"
    CANCELLED = "CANCELLED"


class RewardNameTaken(Exception):
    """The community's catalog already has a reward of that name (names are unique per
    catalog; the store enforces it and raises this, so use cases never see the database's
    own error)."""


@dataclass(frozen=True)
class RewardChanges:
    """What staff change of a reward; None leaves that part as it is."""

    name: str | None = None
    cost: int | None = None
    active: bool | None = None


@dataclass(frozen=True)
class Reward:
    id: RewardId
    org_unit_id: str
    org_unit_path: tuple[str, ...]  # the community's ancestors and the community itself
    name: str
    cost: int
    stock: int
    active: bool
    created_at: datetime


@dataclass(frozen=True)
class Redemption:
    id: RedemptionId
    person_id: PersonId
    reward_id: RewardId
    reward_name: str
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    quantity: int
    cost: int
    status: RedemptionStatus
    at: datetime
    updated_at: datetime
    handled_by: PersonId | None = None


def clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise BadUserInput(msg("name must not be empty"), field="name")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise BadUserInput(
            msg(
                "name must be at most {max_name_length} characters", max_name_length=MAX_NAME_LENGTH
            ),
            field="name",
        )
    return cleaned


def check_cost(cost: int) -> int:
    if not 1 <= cost <= MAX_COST:
        raise BadUserInput(
            msg("cost must be between 1 and {max_cost} points", max_cost=MAX_COST), field="cost"
        )
    return cost


def check_stock(stock: int) -> int:
    if not 0 <= stock <= MAX_STOCK:
        raise BadUserInput(
            msg("stock must be between 0 and {max_stock}", max_stock=MAX_STOCK), field="stock"
        )
    return stock


def check_restock(quantity: int) -> int:
    if not 1 <= quantity <= MAX_STOCK:
        raise BadUserInput(
            msg("quantity must be between 1 and {max_quantity}", max_quantity=MAX_STOCK),
            field="quantity",
        )
    return quantity


def check_quantity(quantity: int) -> int:
    if not 1 <= quantity <= MAX_QUANTITY:
        raise BadUserInput(
            msg("quantity must be between 1 and {max_quantity}", max_quantity=MAX_QUANTITY),
            field="quantity",
        )
    return quantity


def check_can_leave(status: RedemptionStatus, to: RedemptionStatus) -> None:
    """Only a requested redemption can be fulfilled or cancelled, and only once."""
    if status is RedemptionStatus.REQUESTED:
        return
    # One whole sentence per case, so each reads well once translated (no status codes inside).
    if status is RedemptionStatus.FULFILLED:
        if to is RedemptionStatus.FULFILLED:
            text = msg("this redemption is already fulfilled; it cannot be fulfilled again")
        else:
            text = msg("this redemption is already fulfilled; it cannot be cancelled")
    elif to is RedemptionStatus.FULFILLED:
        text = msg("this redemption is already cancelled; it cannot be fulfilled")
    else:
        text = msg("this redemption is already cancelled; it cannot be cancelled again")
    raise InvalidTransition(text, field="id", status=status.value)
