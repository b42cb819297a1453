"""Platform admins set and delete point rules (one economy for every district); a change applies
to events processed after it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from grassroots_kit.auth import Principal
from grassroots_kit.errors import NotFound
from grassroots_kit.host import ServiceHost
from grassroots_kit.mongo import Session

from grassroots_points.adapters.rules import RuleStore
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


@dataclass(frozen=True)
class SetPointRule:
    selector: Selector
    points: int
    met_deadline_bonus: int = 0
    top_rating_bonus: int = 0
    description: str = ""
    max_per_period: int | None = None
    cap_period: CapPeriod | None = None


async def set_point_rule(host: ServiceHost, caller: Principal, command: SetPointRule) -> PointRule:
    require_rule_manager(caller)
    cap = check_cap(command.max_per_period, command.cap_period)
    rule = PointRule(
        id=new_rule_id(),
        selector=check_selector(command.selector),
        points=check_points("points", command.points),
        met_deadline_bonus=check_points("metDeadlineBonus", command.met_deadline_bonus),
        top_rating_bonus=check_points("topRatingBonus", command.top_rating_bonus),
        description=" ".join(command.description.split())[:MAX_REASON_LENGTH],
        updated_at=datetime.now(UTC),
        updated_by=PersonId(caller.person_id),
        max_per_period=cap.limit if cap else None,
        cap_period=cap.period if cap else None,
    )
    store = RuleStore(host.db)

    async def work(session: Session) -> PointRule:
        return await store.put(rule, session)

    return await host.transaction(work)


async def delete_point_rule(host: ServiceHost, caller: Principal, rule_id: str) -> PointRule:
    require_rule_manager(caller)
    store = RuleStore(host.db)

    async def work(session: Session) -> PointRule:
        rule = await store.get(rule_id, session)
        if rule is None or not await store.delete(rule_id, session):
            raise NotFound(f"no point rule with id {rule_id}", field="id")
        return rule

    return await host.transaction(work)
