"""The public completion-rate board: what anyone may read of an area's case figures.

Counts and rates only, per unit (a district, street or community and its streets or
communities): no case, title, address or person. A small count could point at a household
("the one case of Building 3 this month"), so a unit with fewer than `SUPPRESS_BELOW` cases in
the period shows no figure, only that it was suppressed. When exactly one unit of a board is
suppressed and its parent is not, its count would be the parent's minus the others': the
smallest other non-empty unit is suppressed with it (secondary suppression, as statistical
offices do), or the parent when there is none.

The period is whole business months: a board for 1-31 January and one for 1-30 January would
otherwise give away what one day held.

Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from grassroots_kit import business_time

from grassroots_cases.domain.statistics import CaseStatistics

SUPPRESS_BELOW = 5
# The kinds a board is published for, and the kinds of child unit it lists.
BOARD_KINDS = frozenset({"DISTRICT", "STREET", "COMMUNITY"})
ROW_KINDS = frozenset({"STREET", "COMMUNITY"})
# A district has a few dozen streets at most; each row is one statistics read.
MAX_ROWS = 60


@dataclass(frozen=True)
class BoardUnit:
    id: str
    name: str
    kind: str


@dataclass(frozen=True)
class BoardRow:
    unit: BoardUnit
    collected: int | None  # None: suppressed
    handled: int | None
    suppressed: bool

    @property
    def completion_rate(self) -> float | None:
        if self.collected is None or self.handled is None or self.collected == 0:
            return None
        return self.handled / self.collected


def whole_months(since: datetime, until: datetime, tz: ZoneInfo) -> bool:
    """Whether both ends are midnights that begin a month on the business clock."""
    return all(
        (here := business_time.local(at, tz)).day == 1
        and (here.hour, here.minute, here.second, here.microsecond) == (0, 0, 0, 0)
        for at in (since, until)
    )


def _small(stats: CaseStatistics) -> bool:
    return 0 < stats.collected < SUPPRESS_BELOW


def _row(unit: BoardUnit, stats: CaseStatistics, suppressed: bool) -> BoardRow:
    if suppressed:
        return BoardRow(unit, None, None, True)
    return BoardRow(unit, stats.collected, stats.handled, False)


def board(
    top: tuple[BoardUnit, CaseStatistics],
    children: Sequence[tuple[BoardUnit, CaseStatistics]],
) -> list[BoardRow]:
    """The board's rows: the unit first, then its children as given."""
    top_suppressed = _small(top[1])
    hidden = {i for i, (_, stats) in enumerate(children) if _small(stats)}
    if len(hidden) == 1 and not top_suppressed:
        shown = [i for i in range(len(children)) if i not in hidden and children[i][1].collected]
        if shown:
            hidden.add(min(shown, key=lambda i: children[i][1].collected))
        else:  # the others are empty: the unit's own count would be the hidden one's
            top_suppressed = True
    return [
        _row(*top, top_suppressed),
        *(_row(unit, stats, i in hidden) for i, (unit, stats) in enumerate(children)),
    ]
