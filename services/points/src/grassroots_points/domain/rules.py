"""Point rules: which events earn how many points, narrowed by case facts, with bonuses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import msg

from grassroots_points.domain import vocabulary as v
from grassroots_points.domain.ids import PersonId, RuleId
from grassroots_points.domain.occasions import Occasion

MAX_POINTS = 10_000
TOP_RATING = 5


class CapPeriod(StrEnum):
    """The business day, week (Monday first) or month a cap counts awards in."""

    DAY = "DAY"
    WEEK = "WEEK"
    MONTH = "MONTH"


@dataclass(frozen=True)
class Selector:
    """What an occasion must match; an unset field matches anything."""

    event_type: str
    category: str | None = None
    priority: str | None = None
    level: str | None = None
    role: str | None = None
    care_level: str | None = None

    @property
    def specificity(self) -> int:
        narrowing = (self.category, self.priority, self.level, self.role, self.care_level)
        return sum(value is not None for value in narrowing)

    def matches(self, occasion: Occasion) -> bool:
        return (
            self.event_type == occasion.rule_event_type
            and _fits(self.category, occasion.category)
            and _fits(self.priority, occasion.priority)
            and _fits(self.level, occasion.level)
            and _fits(self.role, occasion.role)
            and _fits(self.care_level, occasion.care_level)
        )

    def key(self) -> str:
        """One rule per selector: setting a rule for the same selector replaces it."""
        parts = (self.category, self.priority, self.level, self.role, self.care_level)
        return "|".join([self.event_type, *(p or "*" for p in parts)])


@dataclass(frozen=True)
class PointRule:
    id: RuleId
    selector: Selector
    points: int
    met_deadline_bonus: int
    top_rating_bonus: int
    description: str
    updated_at: datetime
    updated_by: PersonId | None
    # At most this many awards of the rule's event type per person and period; None: the
    # platform default (`caps.DEFAULT_CAPS`).
    max_per_period: int | None = None
    cap_period: CapPeriod | None = None
    # Added per whole hour served (activity.attended): 2 an hour pays 5 for 2h30.
    points_per_hour: int = 0

    def points_for(self, occasion: Occasion) -> int:
        total = self.points
        if self.points_per_hour and occasion.minutes:
            total += self.points_per_hour * (occasion.minutes // 60)
        if occasion.met_deadline:
            total += self.met_deadline_bonus
        if occasion.rating == TOP_RATING:
            total += self.top_rating_bonus
        return total


@dataclass(frozen=True)
class Award:
    """What one occasion earns under the rules in force when it is processed."""

    occasion: Occasion
    rule: PointRule
    points: int


def choose_rule(rules: Iterable[PointRule], occasion: Occasion) -> PointRule | None:
    """The most specific matching rule; among equally specific ones the most generous."""
    matching = [r for r in rules if r.selector.matches(occasion)]
    if not matching:
        return None
    return max(matching, key=lambda r: (r.selector.specificity, r.points_for(occasion), r.id))


def awards_for(rules: Iterable[PointRule], occasions: Iterable[Occasion]) -> list[Award]:
    """One award per person: someone who appears twice (handler and order taker) gets the
    larger of the two, because an event affects each person exactly once."""
    rules = list(rules)
    best: dict[PersonId, Award] = {}
    for occasion in occasions:
        rule = choose_rule(rules, occasion)
        if rule is None:
            continue
        points = rule.points_for(occasion)
        if points <= 0:
            continue
        current = best.get(occasion.person_id)
        if current is None or points > current.points:
            best[occasion.person_id] = Award(occasion, rule, points)
    return list(best.values())


def check_selector(selector: Selector) -> Selector:
    if selector.event_type not in v.RULE_EVENT_TYPES:
        allowed = ", ".join(v.RULE_EVENT_TYPES)
        raise BadUserInput(
            msg("eventType must be one of {allowed}", allowed=allowed), field="eventType"
        )
    _check("category", selector.category, v.CATEGORIES)
    _check("priority", selector.priority, v.PRIORITIES)
    _check("level", selector.level, v.LEVELS)
    _check("role", selector.role, v.ROLES)
    _check("careLevel", selector.care_level, v.CARE_LEVELS)
    return selector


def check_points(field: str, value: int) -> int:
    if not 0 <= value <= MAX_POINTS:
        raise BadUserInput(
            msg("{field} must be between 0 and {max_points}", field=field, max_points=MAX_POINTS),
            field=field,
        )
    return value


def _check(field: str, value: str | None, allowed: frozenset[str]) -> None:
    if value is not None and value not in allowed:
        raise BadUserInput(
            msg(
                "{field} {value!r} is not one of {allowed}",
                field=field,
                value=value,
                allowed=", ".join(sorted(allowed)),
            ),
            field=field,
        )


def _fits(wanted: str | None, actual: str | None) -> bool:
    return wanted is None or wanted == actual
