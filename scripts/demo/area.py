"""The demo area: the seeds' real places (districts, counties, towns, streets), with communities,
villages and a plausible tree below them. Names are Chinese, as the people who work there write
them; README "Demo data and logins" gives the pinyin beside each."""

from __future__ import annotations

from dataclasses import dataclass, field

NUMERALS = "一二三四"


@dataclass(frozen=True)
class Unit:
    kind: str
    name: str
    children: tuple[Unit, ...] = field(default_factory=tuple)


def short(community: str) -> str:
    """桃花井社区 → 桃花井, 金鼎山村 → 金鼎山: how a building of the place is named."""
    for suffix in ("社区", "村"):
        if community.endswith(suffix):
            return community[: -len(suffix)]
    return community


def group_name(n: int) -> str:
    return f"第{NUMERALS[n - 1]}组"


def neighborhood_name(n: int) -> str:
    return f"第{NUMERALS[n - 1]}邻"


def _grids(community: str, buildings: tuple[str, ...], village: bool) -> tuple[Unit, ...]:
    """Two grids a community, a piece a grid, two groups a piece (numbered through the
    community: 第一组 … 第四组), and below each group a neighborhood and a building (in a
    village, the group's hamlet: 屋场)."""
    grids = []
    remaining = list(buildings)
    for g in (1, 2):
        groups = []
        for n in (2 * g - 1, 2 * g):
            default = (
                f"{short(community)}{NUMERALS[n - 1]}组屋场"
                if village
                else f"{short(community)}{n}栋"
            )
            building = remaining.pop(0) if remaining else default
            groups.append(
                Unit(
                    "GROUP",
                    group_name(n),
                    (Unit("NEIGHBORHOOD", neighborhood_name(n)), Unit("BUILDING", building)),
                )
            )
        piece = Unit("PIECE", f"第{NUMERALS[g - 1]}片区", tuple(groups))
        grids.append(Unit("GRID", f"第{NUMERALS[g - 1]}网格", (piece,)))
    return tuple(grids)


def _community(name: str, kind: str = "COMMUNITY", buildings: tuple[str, ...] = ()) -> Unit:
    return Unit(kind, name, _grids(name, buildings, village=kind == "VILLAGE"))


AREA: tuple[Unit, ...] = (
    # Zhuzhou: the seed of the "three chiefs" (piece, group and neighbor chief) and of its 98%
    # resolution rate; its seat is a town, so here a TOWN holds the community and the village.
    Unit(
        "DISTRICT",
        "渌口区",
        (
            Unit(
                "TOWN",
                "渌口镇",
                (
                    _community("京城苑社区", buildings=("京城苑5栋",)),
                    _community("黄龙村", kind="VILLAGE"),
                ),
            ),
        ),
    ),
    # Changsha
    Unit(
        "DISTRICT",
        "望城区",
        (
            Unit(
                "STREET",
                "高塘岭街道",
                (
                    _community("王府路社区"),
                    _community("桃花井社区", buildings=("桃花井北门1栋",)),
                ),
            ),
        ),
    ),
    Unit(
        "DISTRICT",
        "长沙县",
        (
            Unit(
                "TOWN",
                "春华镇",
                (_community("金鼎山村", kind="VILLAGE"), _community("龙王庙村", kind="VILLAGE")),
            ),
        ),
    ),
    # Qingdao
    Unit(
        "DISTRICT",
        "市北区",
        (
            Unit(
                "STREET",
                "敦化路街道",
                (_community("宜春路社区", buildings=("辽源路26号", "哈尔滨路3号")),),
            ),
        ),
    ),
    # Luohe
    Unit(
        "DISTRICT",
        "源汇区",
        (Unit("STREET", "老街街道", (_community("滨河春天社区"),)),),
    ),
)


def count(units: tuple[Unit, ...] = AREA) -> int:
    return sum(1 + count(u.children) for u in units)
