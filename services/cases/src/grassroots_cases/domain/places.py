"""Cases on the map: counts per grid cell (`grassroots_kit.geo`'s fixed-degree grid) for the
dashboards' clustering, and the coarse cells the public board may show.

The public board never carries a point: only cells of `PUBLIC_PRECISION` (0.05°, some 5 km on
a side, a few streets), with the board's small-count suppression (`public_board.SUPPRESS_BELOW`,
and a second cell withheld when one alone would be). Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from grassroots_kit import geo

from grassroots_cases.domain.public_board import SUPPRESS_BELOW

# A dashboard's map of a district at its finest precision would be tens of thousands of cells;
# past this many the request is refused with a hint to zoom out or narrow the area.
MAX_CELLS = 2_000
PUBLIC_PRECISION = 5


@dataclass(frozen=True)
class CellCount:
    cell: geo.Cell
    count: int


@dataclass(frozen=True)
class PublicCell:
    cell: geo.Cell
    count: int | None  # None: suppressed
    suppressed: bool


def public_cells(counts: Sequence[CellCount]) -> list[PublicCell]:
    """The board's cells, by id: a count below `SUPPRESS_BELOW` is withheld, and when exactly
    one is, the smallest other is withheld with it so no sum gives it away."""
    nonempty = sorted((c for c in counts if c.count > 0), key=lambda c: c.cell.id)
    hidden = {i for i, c in enumerate(nonempty) if c.count < SUPPRESS_BELOW}
    if len(hidden) == 1:
        shown = [i for i in range(len(nonempty)) if i not in hidden]
        if shown:
            hidden.add(min(shown, key=lambda i: nonempty[i].count))
    return [
        PublicCell(c.cell, None, True) if i in hidden else PublicCell(c.cell, c.count, False)
        for i, c in enumerate(nonempty)
    ]
