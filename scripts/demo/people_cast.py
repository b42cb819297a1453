"""Who is who in the demo area: the one named cast (everyone who works a named case, keeps a
catalog or serves a neighbourhood), their roles and logins, and the seeded generator of the
residents around them. Pure data; scripts/demo/people.py loads it, cases.py and points.py log the
cast in by pinyin."""

from __future__ import annotations

import random
from dataclasses import dataclass

from scripts.demo.area import AREA, Unit, short

PASSWORD = "grassroots-demo"  # every named demo person logs in with it (README)
SEED = 20261123

# -- places ---------------------------------------------------------------------------------------
LUKOU = ("渌口区",)
LUKOU_TOWN = (*LUKOU, "渌口镇")
JINGCHENGYUAN = (*LUKOU_TOWN, "京城苑社区")
JINGCHENGYUAN_PIECE = (*JINGCHENGYUAN, "第一网格", "第一片区")
JINGCHENGYUAN_GROUP = (*JINGCHENGYUAN_PIECE, "第一组")
JINGCHENGYUAN_NEIGHBORHOOD = (*JINGCHENGYUAN_GROUP, "第一邻")
JINGCHENGYUAN_BUILDING = (*JINGCHENGYUAN_GROUP, "京城苑5栋")
HUANGLONG = (*LUKOU_TOWN, "黄龙村")

WANGCHENG = ("望城区",)
GAOTANGLING = (*WANGCHENG, "高塘岭街道")
TAOHUAJING = (*GAOTANGLING, "桃花井社区")
TAOHUAJING_GRID = (*TAOHUAJING, "第一网格")
NORTH_GATE = (*TAOHUAJING_GRID, "第一片区", "第一组", "桃花井北门1栋")
# The chiefs serve the second grid, so that cases in the first (the north gate) are the grid's.
TAOHUAJING_PIECE = (*TAOHUAJING, "第二网格", "第二片区")
TAOHUAJING_GROUP = (*TAOHUAJING_PIECE, "第三组")
TAOHUAJING_NEIGHBORHOOD = (*TAOHUAJING_GROUP, "第三邻")
TAOHUAJING_BLOCK = (*TAOHUAJING_GROUP, "桃花井3栋")
WANGFU = (*GAOTANGLING, "王府路社区")
WANGFU_GRID = (*WANGFU, "第一网格")
WANGFU_BLOCK = (*WANGFU_GRID, "第一片区", "第一组", "王府路1栋")
WANGFU_GROUP = (*WANGFU, "第二网格", "第二片区", "第三组")

CHANGSHA = ("长沙县",)
CHUNHUA = (*CHANGSHA, "春华镇")
JINDINGSHAN = (*CHUNHUA, "金鼎山村")
JINDINGSHAN_GROUP = (*JINDINGSHAN, "第一网格", "第一片区", "第一组")
JINDINGSHAN_HOMES = (*JINDINGSHAN_GROUP, "金鼎山一组屋场")

SHIBEI = ("市北区",)
DUNHUA = (*SHIBEI, "敦化路街道")
YICHUN = (*DUNHUA, "宜春路社区")
LIAOYUAN = (*YICHUN, "第一网格", "第一片区", "第一组", "辽源路26号")
HARBIN_GROUP = (*YICHUN, "第一网格", "第一片区", "第二组")
HARBIN = (*HARBIN_GROUP, "哈尔滨路3号")

YUANHUI = ("源汇区",)
BINHE = (*YUANHUI, "老街街道", "滨河春天社区")
BINHE_BUILDING = (*BINHE, "第一网格", "第一片区", "第一组", "滨河春天1栋")


@dataclass(frozen=True)
class Organization:
    key: str
    kind: str
    name: str
    pinyin: str  # and English, for the README
    unit: tuple[str, ...]
    paired_with: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Member:
    """A named demo person: a login (phone + PASSWORD) and the roles they hold."""

    name: str
    pinyin: str  # also the key the loader finds them by
    phone: str
    # Where they live: a household at this address in this unit, or None (staff from elsewhere
    # are registered at the unit of their first role).
    home: tuple[tuple[str, ...], str] | None
    roles: tuple[tuple[str, tuple[str, ...], str | None], ...]  # (role, unit, organization key)
    party_member: bool = False
    note: str = ""


ORGANIZATIONS = (
    Organization("sewage", "DEPARTMENT", "市北区排水管理处",
                 "Shibei Sewage Management Office", SHIBEI),
    Organization("haiyue", "RED_PARTNER", "青岛海悦物业服务有限公司",
                 "Qingdao Haiyue Property Services", SHIBEI, paired_with=(YICHUN,)),
    Organization("power", "RED_PARTNER", "国网青岛市北供电中心",
                 "State Grid Qingdao Shibei Power Supply Centre", SHIBEI, paired_with=(YICHUN,)),
    Organization("urban", "DEPARTMENT", "望城区城市管理和综合执法局",
                 "Wangcheng Urban Management and Law Enforcement Bureau", WANGCHENG),
    Organization("housing", "DEPARTMENT", "渌口区住房和城乡建设局",
                 "Lukou Housing and Urban-Rural Development Bureau", LUKOU),
)  # fmt: skip

CAST = (
    # district admins
    Member("罗斌", "Luo Bin", "13800000005", None, (("DISTRICT_ADMIN", LUKOU, None),),
           note="District admin, Lukou District"),
    Member("陈华", "Chen Hua", "13800000001", None, (("DISTRICT_ADMIN", WANGCHENG, None),),
           note="District admin, Wangcheng District"),
    Member("孙杰", "Sun Jie", "13800000002", None, (("DISTRICT_ADMIN", SHIBEI, None),),
           note="District admin, Shibei District"),
    Member("郭蓉", "Guo Rong", "13800000003", None, (("DISTRICT_ADMIN", YUANHUI, None),),
           note="District admin, Yuanhui District"),
    Member("田宇", "Tian Yu", "13800000004", None, (("DISTRICT_ADMIN", CHANGSHA, None),),
           note="District admin, Changsha County"),
    # Lukou: the three chiefs of Jingchengyuan and those above them
    Member("郑波", "Zheng Bo", "13900000116", None, (("STREET_STAFF", LUKOU_TOWN, None),),
           note="Town staff, Lukou Town (a TOWN: the street rung)"),
    Member("谭志", "Tan Zhi", "13900000122", None,
           (("COMMUNITY_SECRETARY", JINGCHENGYUAN, None),), party_member=True,
           note="Party secretary, Jingchengyuan Community"),
    Member("易建军", "Yi Jianjun", "13900000120",
           (JINGCHENGYUAN_NEIGHBORHOOD, "京城苑4栋201室"),
           (("PIECE_CHIEF", JINGCHENGYUAN_PIECE, None),), party_member=True,
           note="Piece chief, Jingchengyuan piece 1"),
    Member("文桂兰", "Wen Guilan", "13900000121",
           (JINGCHENGYUAN_NEIGHBORHOOD, "京城苑4栋302室"),
           (("GROUP_CHIEF", JINGCHENGYUAN_GROUP, None),),
           note="Group chief, Jingchengyuan group 1"),
    Member("彭秀英", "Peng Xiuying", "13900000123",
           (JINGCHENGYUAN_NEIGHBORHOOD, "京城苑4栋101室"), (),
           note="Neighbor chief of Jingchengyuan neighborhood 1, elected by its households"),
    Member("罗青", "Luo Qing", "13900000115", (JINGCHENGYUAN_BUILDING, "京城苑5栋1单元402室"),
           (("RESIDENT", JINGCHENGYUAN_BUILDING, None),),
           note="Resident of Jingchengyuan Building 5"),
    Member("谢东", "Xie Dong", "13900000117", None,
           (("DEPARTMENT_STAFF", LUKOU, "housing"),),
           note="Staff, Lukou Housing and Urban-Rural Development Bureau"),
    Member("邹建华", "Zou Jianhua", "13900000127", None,
           (("COMMUNITY_SECRETARY", HUANGLONG, None),), party_member=True,
           note="Party secretary, Huanglong Village (a VILLAGE: the community rung)"),
    # Wangcheng
    Member("高明", "Gao Ming", "13800000010", None, (("STREET_STAFF", GAOTANGLING, None),),
           note="Street staff, Gaotangling Street"),
    Member("周强", "Zhou Qiang", "13900000108", None, (("STREET_STAFF", GAOTANGLING, None),),
           note="Street staff, Gaotangling Street (dispatches to departments)"),
    Member("李朗", "Li Lang", "13800000011", None, (("COMMUNITY_SECRETARY", TAOHUAJING, None),),
           party_member=True, note="Secretary, Taohuajing Community"),
    Member("周敏", "Zhou Min", "13800000014", None, (("COMMUNITY_STAFF", TAOHUAJING, None),),
           note="Community staff, Taohuajing Community; keeps its points supermarket"),
    Member("孙丽", "Sun Li", "13900000107", None, (("COMMUNITY_STAFF", TAOHUAJING, None),),
           note="Community staff, Taohuajing Community"),
    Member("刘波", "Liu Bo", "13800000015", None, (("GRID_CHIEF", TAOHUAJING_GRID, None),),
           note="Grid chief, Taohuajing grid 1"),
    Member("徐静", "Xu Jing", "13800000016", None, (("GRID_MEMBER", TAOHUAJING_GRID, None),),
           note="Grid member, Taohuajing grid 1"),
    Member("徐军", "Xu Jun", "13900000110", None, (("GRID_MEMBER", TAOHUAJING_GRID, None),),
           note="Grid member, Taohuajing grid 1"),
    Member("何琴", "He Qin", "13800000017", (TAOHUAJING_NEIGHBORHOOD, "桃花井巷3号201室"),
           (("PIECE_CHIEF", TAOHUAJING_PIECE, None),), note="Piece chief, Taohuajing piece 2"),
    Member("唐丽", "Tang Li", "13800000018", (TAOHUAJING_NEIGHBORHOOD, "桃花井巷3号202室"),
           (("GROUP_CHIEF", TAOHUAJING_GROUP, None),), note="Group chief, Taohuajing group 3"),
    Member("邓霞", "Deng Xia", "13800000019", (TAOHUAJING_NEIGHBORHOOD, "桃花井巷3号301室"),
           (), note="Neighbor chief of Taohuajing neighborhood 3, elected by its households"),
    Member("石凯", "Shi Kai", "13800000022", (TAOHUAJING_NEIGHBORHOOD, "桃花井巷3号401室"),
           (("RESIDENT", TAOHUAJING_NEIGHBORHOOD, None),),
           note="Resident who ran a stall at the north gate, now in the night market"),
    Member("赵敏", "Zhao Min", "13900000106", (NORTH_GATE, "桃花井北门1栋501室"),
           (("RESIDENT", NORTH_GATE, None),), note="Resident by Taohuajing's north gate"),
    Member("马林", "Ma Lin", "13900000111", None, (("GRID_MEMBER", WANGFU_GRID, None),),
           note="Grid member, Wangfu Road grid 1"),
    Member("何平", "He Ping", "13900000112", None, (("GROUP_CHIEF", WANGFU_GROUP, None),),
           note="Group chief, Wangfu Road group 3"),
    Member("林秀", "Lin Xiu", "13900000114", (WANGFU_BLOCK, "王府路1栋203室"),
           (("RESIDENT", WANGFU_BLOCK, None),), note="Resident of Wangfu Road Building 1"),
    Member("杨帆", "Yang Fan", "13900000126", None, (("COMMUNITY_STAFF", WANGFU, None),),
           note="Community staff, Wangfu Road Community"),
    Member("吴华", "Wu Hua", "13900000109", None, (("DEPARTMENT_STAFF", WANGCHENG, "urban"),),
           note="Staff, Wangcheng Urban Management and Law Enforcement Bureau"),
    # Chunhua Town (a TOWN with VILLAGEs)
    Member("金梅", "Jin Mei", "13500000002", None, (("COMMUNITY_STAFF", JINDINGSHAN, None),),
           note="Village staff, Jindingshan Village; keeps its points supermarket"),
    Member("黄志强", "Huang Zhiqiang", "13900000124", (JINDINGSHAN_HOMES, "金鼎山村一组8号"),
           (("GROUP_CHIEF", JINDINGSHAN_GROUP, None),), party_member=True,
           note="Group chief, Jindingshan Village group 1"),
    Member("汤春花", "Tang Chunhua", "13900000125", (JINDINGSHAN_HOMES, "金鼎山村一组15号"),
           (("RESIDENT", JINDINGSHAN_HOMES, None),), note="Villager, Jindingshan Village"),
    Member("李桂兰", "Li Guilan", "13900000140", (JINDINGSHAN_HOMES, "金鼎山村一组3号"),
           (("VOLUNTEER", JINDINGSHAN, None),),
           note="Villager and volunteer, Jindingshan Village (Good Neighbor Service Day)"),
    # Shibei: Yichun Road Community, Harbin Road and Liaoyuan Road
    Member("韩雪", "Han Xue", "13900000118", None, (("STREET_STAFF", DUNHUA, None),),
           note="Street staff, Dunhua Road Street"),
    Member("王峰", "Wang Feng", "13800000012", None, (("COMMUNITY_SECRETARY", YICHUN, None),),
           party_member=True, note="Party secretary, Yichun Road Community"),
    Member("陈静", "Chen Jing", "13900000104", None, (("COMMUNITY_STAFF", YICHUN, None),),
           note="Community staff, Yichun Road Community; keeps its points supermarket"),
    Member("王芳", "Wang Fang", "13900000103", None, (("GROUP_CHIEF", HARBIN_GROUP, None),),
           note="Group chief, Yichun Road group 2 (Harbin Road No. 3)"),
    Member("赵刚", "Zhao Gang", "13800000020", (LIAOYUAN, "辽源路26号1单元101室"),
           (("BUILDING_CHIEF", LIAOYUAN, None),), note="Building chief, Liaoyuan Road No. 26"),
    Member("张伟", "Zhang Wei", "13900000102", (LIAOYUAN, "辽源路26号2单元302室"),
           (("RESIDENT", LIAOYUAN, None),), note="Resident of Liaoyuan Road No. 26"),
    Member("李娜", "Li Na", "13900000101", (HARBIN, "哈尔滨路3号1单元101室"),
           (("RESIDENT", HARBIN, None),), note="Resident of Harbin Road No. 3"),
    Member("龙伟", "Long Wei", "13800000021", (HARBIN, "哈尔滨路3号2单元301室"),
           (("VOLUNTEER", YICHUN, None),), party_member=True,
           note="Retired plumber, party member, volunteer of Yichun Road Community; "
                "24-hour repairs commitment"),
    Member("彭涛", "Peng Tao", "13800000023", None, (("DEPARTMENT_STAFF", SHIBEI, "sewage"),),
           note="Staff, Shibei Sewage Management Office"),
    # the other households of 哈尔滨路3号 who share the cost of the pipe
    Member("孙建华", "Sun Jianhua", "13900000136", (HARBIN, "哈尔滨路3号1单元102室"),
           (("RESIDENT", HARBIN, None),), note="Resident of Harbin Road No. 3"),
    Member("周玉梅", "Zhou Yumei", "13900000137", (HARBIN, "哈尔滨路3号2单元202室"),
           (("RESIDENT", HARBIN, None),), note="Resident of Harbin Road No. 3"),
    Member("吴德明", "Wu Deming", "13900000138", (HARBIN, "哈尔滨路3号3单元101室"),
           (("RESIDENT", HARBIN, None),), note="Resident of Harbin Road No. 3"),
    Member("郑红梅", "Zheng Hongmei", "13900000139", (HARBIN, "哈尔滨路3号3单元302室"),
           (("RESIDENT", HARBIN, None),), note="Resident of Harbin Road No. 3"),
    Member("钱博", "Qian Bo", "13800000024", None, (("RED_PARTNER_MEMBER", YICHUN, "haiyue"),),
           note="Red partner member, Qingdao Haiyue Property Services"),
    Member("刘洋", "Liu Yang", "13900000105", None, (("RED_PARTNER_MEMBER", YICHUN, "power"),),
           note="Red partner member, State Grid Qingdao Shibei Power Supply Centre"),
    # Yuanhui
    Member("曾国良", "Zeng Guoliang", "13800000013", None,
           (("COMMUNITY_SECRETARY", BINHE, None),), party_member=True,
           note="Party branch secretary, Binhe Spring Community"),
    # the households of 滨河春天1栋 who vote at the Friday discussion day and answer the survey
    Member("马建国", "Ma Jianguo", "13900000130", (BINHE_BUILDING, "滨河春天1栋1单元101室"),
           (("RESIDENT", BINHE_BUILDING, None),), party_member=True,
           note="Resident of Binhe Spring Building 1, owners' committee member"),
    Member("赵秀兰", "Zhao Xiulan", "13900000131", (BINHE_BUILDING, "滨河春天1栋1单元202室"),
           (("RESIDENT", BINHE_BUILDING, None),), note="Resident of Binhe Spring Building 1"),
    Member("李德明", "Li Deming", "13900000132", (BINHE_BUILDING, "滨河春天1栋2单元301室"),
           (("RESIDENT", BINHE_BUILDING, None),), note="Resident of Binhe Spring Building 1"),
    Member("王桂芳", "Wang Guifang", "13900000133", (BINHE_BUILDING, "滨河春天1栋2单元402室"),
           (("RESIDENT", BINHE_BUILDING, None),), note="Resident of Binhe Spring Building 1"),
    Member("张海燕", "Zhang Haiyan", "13900000134", (BINHE_BUILDING, "滨河春天1栋3单元501室"),
           (("RESIDENT", BINHE_BUILDING, None),), note="Resident of Binhe Spring Building 1"),
    Member("刘志刚", "Liu Zhigang", "13900000135", (BINHE_BUILDING, "滨河春天1栋3单元602室"),
           (("RESIDENT", BINHE_BUILDING, None),), note="Resident of Binhe Spring Building 1"),
)  # fmt: skip

BY_PINYIN = {member.pinyin: member for member in CAST}

# (neighbor chief, neighborhood): elected by the neighborhood's households.
NEIGHBOR_CHIEFS = (
    ("Deng Xia", TAOHUAJING_NEIGHBORHOOD),
    ("Peng Xiuying", JINGCHENGYUAN_NEIGHBORHOOD),
)
COMMITMENT = ("Long Wei", "为邻居提供24小时水电维修服务")

# Households of every care level in 桃花井3栋, where Tang Li is group chief (address, care level,
# needs, days since the last visit, or None for never visited). Tang Li logs each visit and He
# Qin, the piece chief above her, confirms it: a visit counts (and earns) only once someone else
# confirms it, and is logged at most 72 hours after it took place, so the overdue ones are those
# never visited.
CARE_UNIT = TAOHUAJING_BLOCK
CARE_VISITOR, CARE_CONFIRMER = "Tang Li", "He Qin"
CARE = (
    ("桃花井3栋102室", "RED", ("独居老人",), None),
    ("桃花井3栋103室", "RED", ("残疾", "低保"), 2),
    ("桃花井3栋203室", "YELLOW", ("低收入",), 1),
    ("桃花井3栋303室", "YELLOW", ("慢性病",), None),
    ("桃花井3栋402室", "GREEN", ("老年夫妇",), 2),
    ("桃花井3栋501室", "NONE", (), None),
)

# Names for generated people; the benchmarks' scale district draws from them too.
FAMILY_NAMES = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
    "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
]  # fmt: skip
GIVEN_NAMES = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
    "勇", "艳", "杰", "涛", "明", "超", "秀英", "华", "平", "刚",
    "建国", "桂兰", "玉梅", "志强", "海燕", "建华", "红梅", "德明",
]  # fmt: skip
HOUSEHOLDS_PER_NEIGHBORHOOD = 6
GENERATED_PHONE_PREFIX = "1370000"


def person_name(rng: random.Random) -> str:
    """A Chinese name: family name then given name, no space."""
    return f"{rng.choice(FAMILY_NAMES)}{rng.choice(GIVEN_NAMES)}"


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
        place = short(neighborhood[2])
        for h in range(HOUSEHOLDS_PER_NEIGHBORHOOD):
            address = f"{place}{n + 10}巷{h + 1}号"
            for _ in range(rng.randint(1, 3)):
                index = len(residents)
                residents.append(
                    Resident(
                        name=person_name(rng),
                        phone=f"{GENERATED_PHONE_PREFIX}{index:04}",
                        unit=neighborhood,
                        address=address,
                        party_member=rng.random() < 0.15,
                    )
                )
    return residents
