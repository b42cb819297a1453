"""Who is who in the demo area: the named cast with their roles and logins, and the seeded
generator of the residents around them. Pure data; scripts/demo/people.py loads it."""

from __future__ import annotations

import random
from dataclasses import dataclass

from scripts.demo.area import AREA, Unit

PASSWORD = "grassroots-demo"  # every named demo login uses it
SEED = 20261123

WANGCHENG = ("Wangcheng District",)
GAOTANGLING = (*WANGCHENG, "Gaotangling Street")
TAOHUAJING = (*GAOTANGLING, "Taohuajing Community")
TAOHUAJING_GRID = (*TAOHUAJING, "Grid 1")
# The chiefs serve Grid 2, so that cases in Grid 1 (the north gate) are the grid's to handle.
TAOHUAJING_PIECE = (*TAOHUAJING, "Grid 2", "Piece 2")
TAOHUAJING_GROUP = (*TAOHUAJING_PIECE, "Group 2-1")
TAOHUAJING_NEIGHBORHOOD = (*TAOHUAJING_GROUP, "Neighborhood 2-1")
SHIBEI = ("Shibei District",)
YICHUN = (*SHIBEI, "Dunhua Road Street", "Yichun Road Community")
LIAOYUAN = (*YICHUN, "Grid 1", "Piece 1", "Group 1-1", "Liaoyuan Road No. 26")
YUANHUI = ("Yuanhui District",)
BINHE = (*YUANHUI, "Laojie Street", "Binhe Spring Community")
CHANGSHA = ("Changsha County",)


@dataclass(frozen=True)
class Organization:
    key: str
    kind: str
    name: str
    unit: tuple[str, ...]
    paired_with: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Member:
    """A named demo person: a login (phone + PASSWORD) and the roles they hold."""

    name: str
    phone: str
    # Where they live: a household at this address in this unit, or None (staff from elsewhere
    # are registered at the unit of their first role).
    home: tuple[tuple[str, ...], str] | None
    roles: tuple[tuple[str, tuple[str, ...], str | None], ...]  # (role, unit, organization key)
    party_member: bool = False
    note: str = ""


ORGANIZATIONS = (
    Organization("sewage", "DEPARTMENT", "Sewage Management Office", WANGCHENG),
    Organization(
        "partner", "RED_PARTNER", "Qingdao Haiyue Property Services", SHIBEI, paired_with=(YICHUN,)
    ),
)

TAOHUAJING_BLOCK = (*TAOHUAJING_GROUP, "Taohuajing Block 2-1")

CAST = (
    Member("Chen Hua", "13800000001", None, (("DISTRICT_ADMIN", WANGCHENG, None),),
           note="District admin, Wangcheng District"),
    Member("Sun Jie", "13800000002", None, (("DISTRICT_ADMIN", SHIBEI, None),),
           note="District admin, Shibei District"),
    Member("Guo Rong", "13800000003", None, (("DISTRICT_ADMIN", YUANHUI, None),),
           note="District admin, Yuanhui District"),
    Member("Tian Yu", "13800000004", None, (("DISTRICT_ADMIN", CHANGSHA, None),),
           note="District admin, Changsha County"),
    Member("Gao Ming", "13800000010", None, (("STREET_STAFF", GAOTANGLING, None),),
           note="Street staff, Gaotangling Street"),
    Member("Li Lang", "13800000011", None, (("COMMUNITY_SECRETARY", TAOHUAJING, None),),
           party_member=True, note="Secretary, Taohuajing Community"),
    Member("Wang Feng", "13800000012", None, (("COMMUNITY_SECRETARY", YICHUN, None),),
           party_member=True, note="Party secretary, Yichun Road Community"),
    Member("Zeng Guoliang", "13800000013", None, (("COMMUNITY_SECRETARY", BINHE, None),),
           party_member=True, note="Party branch secretary, Binhe Spring Community"),
    Member("Zhou Min", "13800000014", None, (("COMMUNITY_STAFF", TAOHUAJING, None),),
           note="Community staff, Taohuajing Community"),
    Member("Liu Bo", "13800000015", None, (("GRID_CHIEF", TAOHUAJING_GRID, None),),
           note="Grid chief, Taohuajing Grid 1"),
    Member("Xu Jing", "13800000016", None, (("GRID_MEMBER", TAOHUAJING_GRID, None),),
           note="Grid member, Taohuajing Grid 1"),
    Member("He Qin", "13800000017", (TAOHUAJING_NEIGHBORHOOD, "Taohuajing Lane 3, Room 201"),
           (("PIECE_CHIEF", TAOHUAJING_PIECE, None),), note="Piece chief, Taohuajing Piece 2"),
    Member("Tang Li", "13800000018", (TAOHUAJING_NEIGHBORHOOD, "Taohuajing Lane 3, Room 202"),
           (("GROUP_CHIEF", TAOHUAJING_GROUP, None),), note="Group chief, Taohuajing Group 2-1"),
    Member("Deng Xia", "13800000019", (TAOHUAJING_NEIGHBORHOOD, "Taohuajing Lane 3, Room 301"),
           (), note="Neighbor chief of Taohuajing Neighborhood 2-1, elected by its households"),
    Member("Zhao Gang", "13800000020", (LIAOYUAN, "Liaoyuan Road No. 26, Room 101"),
           (("BUILDING_CHIEF", LIAOYUAN, None),), note="Building chief, Liaoyuan Road No. 26"),
    Member("Long Wei", "13800000021", (TAOHUAJING_NEIGHBORHOOD, "Taohuajing Lane 3, Room 302"),
           (("VOLUNTEER", TAOHUAJING, None),), party_member=True,
           note="Retired plumber, party member, volunteer; 24-hour repairs commitment"),
    Member("Shi Kai", "13800000022", (TAOHUAJING_NEIGHBORHOOD, "Taohuajing Lane 3, Room 401"),
           (("RESIDENT", TAOHUAJING_NEIGHBORHOOD, None),), note="Resident who runs a stall"),
    Member("Peng Tao", "13800000023", None, (("DEPARTMENT_STAFF", WANGCHENG, "sewage"),),
           note="Staff, Sewage Management Office (water department)"),
    Member("Qian Bo", "13800000024", None, (("RED_PARTNER_MEMBER", YICHUN, "partner"),),
           note="Red partner member, Qingdao Haiyue Property Services"),
)  # fmt: skip

NEIGHBOR_CHIEF = ("Deng Xia", TAOHUAJING_NEIGHBORHOOD)
COMMITMENT = ("Long Wei", "24-hour water and electricity repairs for neighbours")

# Households of every care level in Taohuajing Block 2-1, where Tang Li is group chief
# (address, care level, needs, days since the last visit, or None for never visited). Tang Li
# logs each visit and He Qin, the piece chief above her, confirms it: a visit counts (and earns)
# only once someone else confirms it, and is logged at most 72 hours after it took place, so
# the overdue ones are those never visited.
CARE_UNIT = TAOHUAJING_BLOCK
CARE_VISITOR, CARE_CONFIRMER = "Tang Li", "He Qin"
CARE = (
    ("Taohuajing Block 2-1, Room 102", "RED", ("elderly living alone",), None),
    ("Taohuajing Block 2-1, Room 103", "RED", ("disabled", "low income"), 2),
    ("Taohuajing Block 2-1, Room 203", "YELLOW", ("low income",), 1),
    ("Taohuajing Block 2-1, Room 303", "YELLOW", ("chronically ill",), None),
    ("Taohuajing Block 2-1, Room 402", "GREEN", ("elderly couple",), 2),
    ("Taohuajing Block 2-1, Room 501", "NONE", (), None),
)

# Names for generated people; the benchmarks' scale district draws from them too.
FAMILY_NAMES = [
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Zhao",
    "Huang",
    "Zhou",
    "Wu",
    "Xu",
    "Sun",
    "Hu",
    "Zhu",
    "Gao",
    "Lin",
    "He",
    "Guo",
    "Ma",
    "Luo",
]
GIVEN_NAMES = [
    "Wei",
    "Fang",
    "Na",
    "Min",
    "Jing",
    "Li",
    "Qiang",
    "Lei",
    "Jun",
    "Yang",
    "Yong",
    "Yan",
    "Jie",
    "Tao",
    "Ming",
    "Chao",
    "Xiu",
    "Hua",
    "Ping",
    "Gang",
]
HOUSEHOLDS_PER_NEIGHBORHOOD = 6
GENERATED_PHONE_PREFIX = "1370000"


@dataclass(frozen=True)
class Resident:
    name: str
    phone: str
    unit: tuple[str, ...]
    address: str
    party_member: bool


def _neighborhoods(units: tuple[Unit, ...], path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for unit in units:
        here = (*path, unit.name)
        if unit.kind == "NEIGHBORHOOD":
            found.append(here)
        found += _neighborhoods(unit.children, here)
    return found


def generated_residents() -> list[Resident]:
    """The same few hundred residents every time: 6 households in each neighborhood."""
    rng = random.Random(SEED)
    residents: list[Resident] = []
    for n, neighborhood in enumerate(_neighborhoods(AREA)):
        street = neighborhood[2].split()[0]
        for h in range(HOUSEHOLDS_PER_NEIGHBORHOOD):
            address = f"{street} Lane {n + 10}, No. {h + 1}"
            for _ in range(rng.randint(1, 3)):
                index = len(residents)
                residents.append(
                    Resident(
                        name=f"{rng.choice(FAMILY_NAMES)} {rng.choice(GIVEN_NAMES)}",
                        phone=f"{GENERATED_PHONE_PREFIX}{index:04}",
                        unit=neighborhood,
                        address=address,
                        party_member=rng.random() < 0.15,
                    )
                )
    return residents
