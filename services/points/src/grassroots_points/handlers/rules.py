"""Platform admins set and delete point rules (one economy for every district); a change applies
to events processed after it."""

from __future__ import annotations

from dataclasses import dataclass

from grassroots_kit.auth import Principal
from grassroots_kit.errors import NotFound
from grassroots_kit.i18n import msg

from grassroots_points.domain.access import require_rule_manager
from grassroots_points.domain.caps import check_cap
from grassroots_points.domain.ids import PersonId, new_rule_id
from grassroots_points.domain.ledger import MAX_REASON_LENGTH
from grassroots_points.domain.rules import (
    CapPeriod,
    PointRule,
    Selector,
    check_points,
    check_selector,
)
from grassroots_points.handlers.ports import PointsPorts, PointsTx


@dataclass(frozen=True)
class SetPointRule:
    selector: Selector
    points: int
    met_deadline_bonus: int = 0
    top_rating_bonus: int = 0
    description: str = ""
    max_per_period: int | None = None
    cap_period: CapPeriod | None = None
    points_per_hour: int = 0


async def set_point_rule(ports: PointsPorts, caller: Principal, command: SetPointRule) -> PointRule:
    require_rule_manager(caller)
    cap = check_cap(command.max_per_period, command.cap_period)
    rule = PointRule(
        id=new_rule_id(),
        selector=check_selector(command.selector),
        points=check_points("points", command.points),
        met_deadline_bonus=check_points("metDeadlineBonus", command.met_deadline_bonus),
        top_rating_bonus=check_points("topRatingBonus", command.top_rating_bonus),
        description=" ".join(command.description.split())[:MAX_REASON_LENGTH],
        updated_at=ports.clock(),
        updated_by=PersonId(caller.person_id),
        max_per_period=cap.limit if cap else None,
        cap_period=cap.period if cap else None,
        points_per_hour=check_points("pointsPerHour", command.points_per_hour),
    )

    async def work(tx: PointsTx) -> PointRule:
        return await tx.rules.put(rule)

    return await ports.uow.run(work)


async def delete_point_rule(ports: PointsPorts, caller: Principal, rule_id: str) -> PointRule:
    require_rule_manager(caller)

    async def work(tx: PointsTx) -> PointRule:
        rule = await tx.rules.get(rule_id)
        if rule is None or not await tx.rules.delete(rule_id):
            raise NotFound(msg("no point rule with id {rule_id}", rule_id=rule_id), field="id")
        return rule

    return await ports.uow.run(work)
