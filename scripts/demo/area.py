"""The demo area: real places from the practice we model, with a plausible tree below them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Unit:
    kind: str
    name: str
    children: tuple[Unit, ...] = field(default_factory=tuple)


def _grids(community: str, buildings: tuple[str, ...]) -> tuple[Unit, ...]:
    """Two grids a community, a piece a grid, two groups a piece, and the households' rungs."""
    grids = []
    remaining = list(buildings)
    for g in (1, 2):
        groups = []
        for n in (1, 2):
            building = remaining.pop(0) if remaining else f"{community} Block {g}-{n}"
            groups.append(
                Unit(
                    "GROUP",
                    f"Group {g}-{n}",
                    (
                        Unit("NEIGHBORHOOD", f"Neighborhood {g}-{n}"),
                        Unit("BUILDING", building),
                    ),
                )
            )
        grids.append(Unit("GRID", f"Grid {g}", (Unit("PIECE", f"Piece {g}", tuple(groups)),)))
    return tuple(grids)


def _community(name: str, kind: str = "COMMUNITY", buildings: tuple[str, ...] = ()) -> Unit:
    return Unit(kind, name, _grids(name.split()[0], buildings))


AREA: tuple[Unit, ...] = (
    Unit(
        "DISTRICT",
        "Wangcheng District",
        (
            Unit(
                "STREET",
                "Gaotangling Street",
                (
                    _community("Wangfu Road Community"),
                    _community("Taohuajing Community", buildings=("Taohuajing North Gate Block",)),
                ),
            ),
        ),
    ),
    Unit(
        "DISTRICT",
        "Changsha County",
        (
            Unit(
                "STREET",
                "Chunhua Town",
                (
                    _community("Jindingshan Community"),
                    _community("Longwangmiao Village"),
                ),
            ),
        ),
    ),
    Unit(
        "DISTRICT",
        "Shibei District",
        (
            Unit(
                "STREET",
                "Dunhua Road Street",
                (
                    _community(
                        "Yichun Road Community",
                        buildings=("Liaoyuan Road No. 26", "Harbin Road No. 3"),
                    ),
                ),
            ),
        ),
    ),
    Unit(
        "DISTRICT",
        "Yuanhui District",
        (
            Unit(
                "STREET",
                "Laojie Street",
                (_community("Binhe Spring Community", buildings=("Jingchengyuan Building 5",)),),
            ),
        ),
    ),
)


def count(units: tuple[Unit, ...] = AREA) -> int:
    return sum(1 + count(u.children) for u in units)
