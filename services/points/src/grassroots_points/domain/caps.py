"""How many awards one person may earn per period and kind of occasion, and which occasions
earn nothing because nobody but the earner attested them.

Pure: the awarding handler counts what a person already earned in each period and asks
`within_caps` which of the new awards still fit; the rest are withheld with the reason, which
the ledger keeps beside its entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Final
from zoneinfo import ZoneInfo

from grassroots_contracts.event_types import ACTIVITY_ATTENDED, COMMITMENT_FULFILLED, VISIT_LOGGED
from grassroots_kit import business_time
from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import msg

from grassroots_points.domain.ids import PersonId
from grassroots_points.domain.rules import Award, CapPeriod

# Day, week and month boundaries are the business's (DESIGN §9: one zone per deployment,
# BUSINESS_TIME_ZONE, Asia/Shanghai by default): a cap "per day" must not reset at 08:00 local
# time. The zone is passed in (`tz`) from the configured setting.
MAX_CAP = 1000


@dataclass(frozen=True)
class Cap:
    limit: int  # awards per person in one period
    period: CapPeriod


# Platform defaults for what people attest and someone else confirms. A chief keeps a dozen
# households on a busy day; a party member keeps a few public promises a month. Cases and
# orders are confirmed by their workflow and a resident's rating, so they have no default cap.
# A volunteer serves at two activities on a full day at most (a service day morning and
# afternoon).
DEFAULT_CAPS: Final[Mapping[str, Cap]] = {
    VISIT_LOGGED: Cap(12, CapPeriod.DAY),
    COMMITMENT_FULFILLED: Cap(4, CapPeriod.MONTH),
    ACTIVITY_ATTENDED: Cap(2, CapPeriod.DAY),
}
# Occasions that earn only when someone other than the earner confirmed them (DESIGN §8).
CONFIRMED_TYPES: Final = frozenset({VISIT_LOGGED, COMMITMENT_FULFILLED, ACTIVITY_ATTENDED})


@dataclass(frozen=True)
class Window:
    """One period of a cap: [since, until) in UTC."""

    since: datetime
    until: datetime


@dataclass(frozen=True)
class Withheld:
    """An occasion a rule would have paid that earns nothing, and why."""

    award: Award
    reason: str


def cap_of(award: Award) -> Cap | None:
    """The rule's own cap if it sets one, else the platform default for its kind of occasion."""
    rule = award.rule
    if rule.max_per_period is not None:
        return Cap(rule.max_per_period, rule.cap_period or CapPeriod.DAY)
    return DEFAULT_CAPS.get(award.occasion.rule_event_type)


def window(period: CapPeriod, at: datetime, tz: ZoneInfo) -> Window:
    """The business day, week (from Monday) or month of zone `tz` that contains `at`."""
    if period is CapPeriod.DAY:
        return Window(*business_time.day_bounds(at, tz))
    if period is CapPeriod.WEEK:
        return Window(*business_time.week_bounds(at, tz))
    return Window(*business_time.month_bounds(at, tz))


# What the handler counts: (person, event type, window) → awards already in the ledger.
CountKey = tuple[PersonId, str, Window]


def count_key(award: Award, tz: ZoneInfo) -> CountKey | None:
    cap = cap_of(award)
    if cap is None:
        return None
    occasion = award.occasion
    return (occasion.person_id, occasion.rule_event_type, window(cap.period, occasion.at, tz))


def unconfirmed(award: Award) -> str | None:
    """Why an award needs a confirmation it lacks, or None when it stands."""
    occasion = award.occasion
    if occasion.rule_event_type not in CONFIRMED_TYPES:
        return None
    if occasion.confirmed_by is None:
        return "not confirmed by anyone: nobody earns from what only they attest"
    if occasion.confirmed_by == occasion.person_id:
        return "confirmed by the earner: nobody earns from what only they attest"
    return None


def within_caps(
    awards: Iterable[Award], already: Mapping[CountKey, int], tz: ZoneInfo
) -> tuple[list[Award], list[Withheld]]:
    """The awards that stand, in order, and those withheld: unconfirmed ones, and those past
    their cap once the ledger's count and the earlier awards of this batch are added."""
    counted = dict(already)
    granted: list[Award] = []
    withheld: list[Withheld] = []
    for award in awards:
        why = unconfirmed(award)
        if why is not None:
            withheld.append(Withheld(award, why))
            continue
        key, cap = count_key(award, tz), cap_of(award)
        if key is not None and cap is not None:
            if counted.get(key, 0) >= cap.limit:
                period = cap.period.value.lower()
                withheld.append(
                    Withheld(
                        award,
                        f"capped: at most {cap.limit} {award.occasion.rule_event_type} "
                        f"awards per {period}",
                    )
                )
                continue
            counted[key] = counted.get(key, 0) + 1
        granted.append(award)
    return granted, withheld


def check_cap(max_per_period: int | None, period: CapPeriod | None) -> Cap | None:
    if max_per_period is None:
        if period is not None:
            raise BadUserInput(msg("capPeriod needs maxPerPeriod"), field="capPeriod")
        return None
    if not 1 <= max_per_period <= MAX_CAP:
        raise BadUserInput(
            msg("maxPerPeriod must be between 1 and {max_cap}", max_cap=MAX_CAP),
            field="maxPerPeriod",
        )
    return Cap(max_per_period, period or CapPeriod.DAY)
