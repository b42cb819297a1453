"""Stage: the cases of the practice we model, and a generated year of cases in Wangcheng and
Lukou.

Named cases are worked live through the graph by the people who handle them, all of the one cast
of scripts/demo/people_cast.py (each step is a real mutation, so every event, case.closed
included, is published as in production). A live step carries the time the loader runs; the day
each step took in the practice is written at the head of its note (【第1天】…). Past cases go
through `importCases`, which replays each history through the same domain rules and the outbox:
two historical cases of Wangcheng, and a generated year (`plan_history`) whose every title starts
with GENERATED_MARK. How many cases a district collected and handled is whatever the flows did:
`expected_figures` counts them from the same plan, and the e2e test compares that with
`caseStats`. Idempotent: a named case is found by its reporter and title, an imported one by its
ref.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Any

from scripts.demo.area import AREA, Unit
from scripts.demo.auth import ensure_admin_token
from scripts.demo.context import DemoContext
from scripts.demo.graphql_client import GraphQLClient, GraphQLFailure
from scripts.demo.people_cast import (
    BY_PINYIN,
    HARBIN,
    HUANGLONG,
    JINDINGSHAN_HOMES,
    JINGCHENGYUAN,
    JINGCHENGYUAN_BUILDING,
    LIAOYUAN,
    NORTH_GATE,
    ORGANIZATIONS,
    PASSWORD,
    TAOHUAJING,
    WANGCHENG,
    WANGFU,
    WANGFU_BLOCK,
    generated_residents,
)
from scripts.demo.photos import with_photo

BEIJING = timezone(timedelta(hours=8))
YEAR = 2026
GENERATED_MARK = "[生成]"  # every generated case's title starts with it
IMPORT_BATCH = 100  # one transaction each, well within the gateway's subgraph timeout

LOGIN = "mutation($i: LoginInput!) { login(input: $i) { accessToken personId } }"
FIND_PERSON = """query($f: PersonFilter) { people(filter: $f, first: 1) {
  edges { node { id } } } }"""
FIND_ORG = """query($f: OrganizationFilter) { organizations(filter: $f, first: 1) {
  edges { node { id } } } }"""
LEVELS = ["GROUP", "GRID", "COMMUNITY", "STREET", "DISTRICT"]
ROUTING = "query($id: ID!) { routingLevel(orgUnitId: $id) }"
TITLES = """query($f: CaseFilter) { cases(filter: $f, first: 100) { edges { node { title } } } }"""
IMPORT = """mutation($i: ImportCasesInput!) { importCases(input: $i) { imported skipped } }"""


class Cast:
    """The named cast, found by phone (the people stage registered them), logged in to act."""

    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.ids: dict[str, str] = {}
        self.clients: dict[str, GraphQLClient] = {}

    def organization(self, key: str) -> str:
        known = self.ctx.ids.get(f"organization:{key}")
        if known:
            return known
        name = next(o.name for o in ORGANIZATIONS if o.key == key)
        edges = self.ctx.client.execute(FIND_ORG, {"f": {"name": name}})["organizations"]["edges"]
        self.ctx.ids[f"organization:{key}"] = str(edges[0]["node"]["id"])
        return self.ctx.ids[f"organization:{key}"]

    def __getitem__(self, who: str) -> GraphQLClient:
        """A client logged in as this person (by pinyin)."""
        if who not in self.clients:
            client = GraphQLClient(self.ctx.client.url)
            phone = BY_PINYIN[who].phone
            login = client.execute(LOGIN, {"i": {"phone": phone, "password": PASSWORD}})
            client.token = login["login"]["accessToken"]
            self.clients[who] = client
        return self.clients[who]

    def id(self, who: str) -> str:
        known = self.ctx.ids.get(f"person:{who}")
        if known:
            return known
        if who not in self.ids:
            phone = BY_PINYIN[who].phone
            found = self.ctx.client.execute(FIND_PERSON, {"f": {"phoneStartsWith": phone}})
            self.ids[who] = str(found["people"]["edges"][0]["node"]["id"])
        return self.ids[who]


def _wait_for_routing(
    ctx: DemoContext, unit: tuple[str, ...], level: str, timeout: float = 60
) -> None:
    """cases learns roles from people's events: wait until it routes this place to `level` or
    lower (lower when the people stage put chiefs or grid staff there too)."""
    deadline = time.monotonic() + timeout

    def routed() -> int:
        found = ctx.client.execute(ROUTING, {"id": ctx.unit(*unit)})["routingLevel"]
        return LEVELS.index(found) if found else len(LEVELS)

    while routed() > LEVELS.index(level):
        if time.monotonic() > deadline:
            raise TimeoutError(f"cases does not route {unit[-1]} to {level} yet")
        time.sleep(0.3)


def _exists(cast: Cast, ctx: DemoContext, reporter: str, unit: tuple[str, ...], title: str) -> bool:
    found = cast[reporter].execute(
        TITLES, {"f": {"orgUnitId": ctx.unit(*unit), "reporterId": cast.id(reporter)}}
    )
    return any(e["node"]["title"] == title for e in found["cases"]["edges"])


def _do(client: GraphQLClient, mutation: str, fields: dict[str, Any]) -> dict[str, Any]:
    name = mutation[0].upper() + mutation[1:]
    query = f"mutation($i: {name}Input!) {{ {mutation}(input: $i) {{ case {{ id level }} }} }}"
    case: dict[str, Any] = client.execute(query, {"i": fields})[mutation]["case"]
    return case


Step = tuple[str, str, dict[str, Any]]  # (who, mutation, fields)


@dataclass(frozen=True)
class NamedCase:
    reporter: str  # whose case it is (they rate it); `filed_by` reports it for them if given
    unit: tuple[str, ...]
    level: str  # the rung cases must route the unit to before it is reported
    report: dict[str, Any]
    steps: tuple[Step, ...]
    filed_by: str | None = None
    # where it is, WGS-84 (lat, lng, accuracy in metres), as a phone would place it
    location: tuple[float, float, float] | None = None


def _work(ctx: DemoContext, cast: Cast, named: NamedCase) -> bool:
    """Report the case and walk it through its steps, unless it was reported before."""
    title = named.report["title"]
    if _exists(cast, ctx, named.reporter, named.unit, title):
        return False
    _wait_for_routing(ctx, named.unit, named.level)
    report = {**named.report, "orgUnitId": ctx.unit(*named.unit)}
    if named.location:
        lat, lng, accuracy = named.location
        report["location"] = {"lat": lat, "lng": lng, "accuracyMeters": accuracy}
    if named.filed_by:
        report["reporterId"] = cast.id(named.reporter)
    filer = cast[named.filed_by or named.reporter]
    case = _do(filer, "reportCase", with_photo(filer, report, title, after=False))
    work_steps(cast, title, case, named.steps)
    return True


def work_steps(cast: Cast, title: str, case: dict[str, Any], steps: tuple[Step, ...]) -> None:
    """Walk a case (`{id, level}`) through steps, each by the cast member named."""
    for who, mutation, fields in steps:
        if mutation == "escalateCase" and LEVELS.index(case["level"]) >= LEVELS.index(
            fields["toLevel"]
        ):
            continue  # already routed that high: nothing to climb
        resolved = {
            key: (cast.organization(value[4:]) if isinstance(value, str)
                  and value.startswith("org:") else
                  cast.id(value[7:]) if isinstance(value, str) and value.startswith("person:")
                  else value)
            for key, value in fields.items()
        }  # fmt: skip
        if mutation == "resolveCase":  # the after photo, by whoever resolves it
            resolved = with_photo(cast[who], resolved, title, after=True)
        try:
            case = _do(cast[who], mutation, {"caseId": case["id"], **resolved})
        except GraphQLFailure as failure:
            raise SystemExit(f"demo data: {title}: {who} could not {mutation}: {failure}") from None


def _comment(who: str, text: str) -> Step:
    return (who, "commentOnCase", {"text": text})


# The Harbin Road pipe, as Shibei tells it: the group chief blows the whistle, the street sends
# it to the Sewage Management Office, which declines (the residents altered the pipe: not the
# public network), so the street sends the case to deliberation. What follows is participation's
# (scripts/demo/participation_harbin.py): a meeting of the households votes to share the cost,
# a cost-sharing plan is pledged by them and funded by the red partner covering the shortfall,
# the decision resumes the case, and HARBIN_ROAD_REPAIR works it to the end: the red partner
# repairs it and the resident closes it; five days from report to repair.
HARBIN_ROAD = NamedCase(
    reporter="Li Na", unit=HARBIN, level="GROUP",
    location=(36.0857, 120.3644, 8.0),  # Harbin Road, Shibei, Qingdao
    report={"title": "哈尔滨路3号院内污水管道破裂外溢", "category": "SEWAGE_WATER",
            "priority": "HIGH", "channel": "APP",
            "description": "楼后院子里的检查井往外冒污水，味道很大，老人孩子出门都得绕着走。"},
    steps=(
        ("Wang Fang", "escalateCase", {
            "toLevel": "COMMUNITY", "reason": "BEYOND_AUTHORITY",
            "note": "【第1天】吹哨：破的是院子地下的污水主管，小组解决不了，报社区。"}),
        _comment("Chen Jing", "【第1天】社区到场查看：院内检查井外溢，已临时围挡，"
                              "请街道联系排水部门核查。"),
        ("Chen Jing", "escalateCase", {
            "toLevel": "STREET", "reason": "BEYOND_AUTHORITY",
            "note": "【第1天】需要排水部门处理，报街道派单。"}),
        ("Han Xue", "dispatchCase", {"organizationId": "org:sewage"}),
        _comment("Peng Tao", "【第2天】现场核查：破裂管段是居民早年自行改接的院内管道，"
                             "不属于市政排水管网，按规定我处不予维修，维修费用由产权人承担。"),
        ("Han Xue", "sendCaseToDeliberation", {
            "reason": "【第2天】排水管理处不予维修：院内管道系居民自行改接，维修约需7200元，"
                      "费用如何分摊请哈尔滨路3号各户议事决定。"}),
    ),
)  # fmt: skip

# After the households' decision resumed the case and the plan is funded (participation stage).
HARBIN_ROAD_REPAIR: tuple[Step, ...] = (
    ("Han Xue", "dispatchCase", {"organizationId": "org:haiyue"}),
    ("Qian Bo", "acceptCase", {}),
    ("Qian Bo", "startCase", {}),
    _comment("Qian Bo", "【第4天】施工队进场开挖院内管沟；退休水电工、党员志愿者龙伟"
                        "帮忙查清了老管线的走向。"),
    ("Qian Bo", "resolveCase", {
        "resolution": "【第5天】更换6米铸铁污水管，疏通检查井，院子清理消毒。"
                      "6户认捐4800元，海悦物业补足差额2400元。"}),
    ("Li Na", "rateCase", {"score": 5, "comment": "大家出一点、物业补一点，几天就修好了，谢谢！"}),
)  # fmt: skip

LIAOYUAN_RACK = NamedCase(
    reporter="Zhang Wei", unit=LIAOYUAN, level="GROUP",
    location=(36.0932, 120.3769, 10.0),  # Liaoyuan Road, Shibei, Qingdao
    report={"title": "辽源路26号院内公共晾衣架倒塌", "category": "PROPERTY_MANAGEMENT",
            "channel": "WECHAT", "description": "院子里大家共用的晾衣架倒了，底座锈断了。"},
    steps=(
        _comment("Zhao Gang", "楼长到场：晾衣架底座锈断，需要焊接更换，楼里解决不了，请社区挂单。"),
        ("Chen Jing", "postOrder", {}),
        ("Liu Yang", "takeOrder", {}),
        ("Liu Yang", "startCase", {}),
    ),
)  # fmt: skip

NORTH_GATE_VENDORS = NamedCase(
    reporter="Zhao Min", filed_by="Sun Li", unit=NORTH_GATE, level="GRID",
    location=(28.3563, 112.8201, 15.0),  # Taohuajing's north gate, Wangcheng, Changsha
    report={"title": "60多个流动摊贩堵住桃花井北门", "category": "MARKET_VENDORS",
            "priority": "HIGH", "channel": "MEETING",
            "description": "居民议事会上提出：每天傍晚摊贩把北门堵死，车进不来，人也难走。"},
    steps=(
        ("Sun Li", "escalateCase", {
            "toLevel": "STREET", "reason": "BEYOND_AUTHORITY",
            "note": "需要场地和经营许可，社区解决不了，报街道。"}),
        ("Zhou Qiang", "dispatchCase", {"organizationId": "org:urban"}),
        ("Wu Hua", "acceptCase", {}),
        ("Wu Hua", "startCase", {}),
        ("Wu Hua", "resolveCase", {
            "resolution": "在北门外空地开设夜市，60个摊位登记经营、统一管理，北门恢复畅通。"}),
        ("Zhao Min", "rateCase", {"score": 5, "comment": "北门通了，还多了个夜市！"}),
    ),
)  # fmt: skip

# The three chiefs of Jingchengyuan (Lukou) at work: the piece chief and the neighbor chief are
# on the spot at once (the piece chief writes it up: a neighbor chief serves her neighborhood, not
# the building beside it, so she does not see the case), the group chief blows the whistle to the
# town, the town dispatches to the housing bureau, which reports for duty and repairs it.
JINGCHENGYUAN_COLLAPSE = NamedCase(
    reporter="Luo Qing", unit=JINGCHENGYUAN_BUILDING, level="GROUP",
    location=(27.6991, 113.1452, 10.0),  # Jingchengyuan, Lukou, Zhuzhou
    report={"title": "京城苑5栋楼前路面塌陷", "category": "INFRASTRUCTURE",
            "priority": "URGENT", "channel": "APP",
            "description": "下雨后5栋门口的人行道塌了一个两米多宽的坑，旁边就是单元门。"},
    steps=(
        _comment("Yi Jianjun", "片长到场拉起警戒线、摆放锥桶，拍照上报；"
                               "邻长彭秀英挨家提醒5栋居民从侧门绕行。"),
        ("Wen Guilan", "escalateCase", {
            "toLevel": "STREET", "reason": "BEYOND_AUTHORITY",
            "note": "吹哨：塌陷涉及地下管线，需要镇里协调专业部门。"}),
        ("Zheng Bo", "dispatchCase", {"organizationId": "org:housing"}),
        ("Xie Dong", "acceptCase", {}),
        ("Xie Dong", "startCase", {}),
        _comment("Xie Dong", "排查原因：地下雨水管破损渗漏，把路基掏空了。"),
        ("Xie Dong", "resolveCase", {
            "resolution": "更换破损雨水管，回填夯实，恢复人行道路面；当天围挡，两天修复。"}),
        ("Luo Qing", "rateCase", {"score": 5, "comment": "三长第一时间就到了，修得又快又好。"}),
    ),
)  # fmt: skip

# A village's own case in Chunhua Town: the group chief solves it with the villagers.
JINDINGSHAN_DITCH = NamedCase(
    reporter="Tang Chunhua", unit=JINDINGSHAN_HOMES, level="GROUP",
    location=(28.3005, 113.2436, 20.0),  # Jindingshan Village, Chunhua, Changsha County
    report={"title": "金鼎山村一组村道排水沟堵塞", "category": "SEWAGE_WATER",
            "channel": "WECHAT",
            "description": "村道边的排水沟被泥沙和落叶堵了，一下雨水就漫到院子里。"},
    steps=(
        ("Huang Zhiqiang", "assignCase", {"assigneeId": "person:Huang Zhiqiang"}),
        ("Huang Zhiqiang", "startCase", {}),
        ("Huang Zhiqiang", "resolveCase", {
            "resolution": "周二好邻居服务日组织8位村民义务清淤，疏通排水沟200米。"}),
        ("Tang Chunhua", "rateCase", {"score": 5, "comment": "沟通了，院子再也不淹了。"}),
    ),
)  # fmt: skip

NAMED = (HARBIN_ROAD, LIAOYUAN_RACK, NORTH_GATE_VENDORS, JINGCHENGYUAN_COLLAPSE, JINDINGSHAN_DITCH)


def _named(ctx: DemoContext, cast: Cast) -> int:
    return sum(_work(ctx, cast, named) for named in NAMED)


def _at(month: int, day: int, hour: int = 9) -> datetime:
    return datetime(YEAR, month, day, hour, tzinfo=BEIJING)


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at else None


HISTORICAL = (
    {"ref": "demo-water-bill-arrears", "title": "前任房主遗留水费欠费",
     "category": "SEWAGE_WATER", "channel": "VISIT", "unit": WANGFU_BLOCK,
     "reportedAt": _at(2, 10), "reporter": "Lin Xiu", "handler": "Ma Lin",
     "handlerRole": "GRID_MEMBER", "respondedAt": _at(2, 10, 15), "resolvedAt": _at(2, 14),
     "resolution": "与自来水公司商定分期缴纳欠费，期间不停水。",
     "closedAt": _at(2, 15), "rating": 4},
    {"ref": "demo-holiday-parking", "title": "春节假期小区停车位不够",
     "category": "PARKING_TRAFFIC", "channel": "WECHAT", "unit": WANGFU_BLOCK,
     "reportedAt": _at(2, 16), "reporter": "Lin Xiu", "handler": "He Ping",
     "handlerRole": "GROUP_CHIEF", "respondedAt": _at(2, 16, 11), "resolvedAt": _at(2, 17),
     "resolution": "协调学校假期开放操场，供居民停车。",
     "closedAt": _at(2, 18), "rating": 5},
)  # fmt: skip


def _historical(ctx: DemoContext, cast: Cast) -> list[dict[str, Any]]:
    items = []
    for case in HISTORICAL:
        item = {k: v for k, v in case.items() if k not in {"unit", "reporter", "handler"}}
        items.append(
            {
                **{k: _iso(v) if isinstance(v, datetime) else v for k, v in item.items()},
                "orgUnitId": ctx.unit(*case["unit"]),  # type: ignore[misc]
                "reporterId": cast.id(str(case["reporter"])),
                "handlerId": cast.id(str(case["handler"])),
            }
        )
    return items


# -- the generated year ------------------------------------------------------------------------

CATEGORIES = [
    ("ENVIRONMENT", 18), ("INFRASTRUCTURE", 12), ("SEWAGE_WATER", 12), ("PARKING_TRAFFIC", 14),
    ("PROPERTY_MANAGEMENT", 14), ("MARKET_VENDORS", 6), ("NEIGHBOR_DISPUTE", 9),
    ("PUBLIC_SAFETY", 5), ("ELDERLY_CARE", 6), ("SUGGESTION", 4),
]  # fmt: skip
# Titles as residents write them; {b} is the building or hamlet the case was raised at.
TITLES_BY_CATEGORY = {
    "ENVIRONMENT": ["{b}楼下垃圾桶满溢没人清运", "{b}楼道里堆满杂物", "绿化带被人开荒种菜",
                    "{b}旁边的建筑垃圾一直没清", "垃圾分类投放点异味大", "楼顶有人养鸡鸭"],
    "INFRASTRUCTURE": ["{b}门口路灯不亮", "人行道地砖松动绊脚", "{b}单元门禁坏了",
                       "健身器材损坏", "{b}楼道声控灯失灵", "雨棚破损漏水"],
    "SEWAGE_WATER": ["{b}下水道堵塞返水", "{b}自来水水压太低", "雨水井盖不见了",
                     "化粪池满溢", "{b}楼顶水箱漏水", "停水没有提前通知"],
    "PARKING_TRAFFIC": ["车辆占用消防通道", "{b}门口电动车乱停乱放", "小区停车位不够",
                        "路口需要加装减速带", "僵尸车长期占用车位", "电动车在楼道里充电"],
    "PROPERTY_MANAGEMENT": ["{b}电梯故障停运", "{b}外墙瓷砖脱落", "大门道闸故障",
                            "物业费收支不公开", "{b}楼道窗户玻璃破损", "物业保洁不到位"],
    "MARKET_VENDORS": ["流动摊贩占道经营", "早市摊点噪音扰民", "烧烤摊油烟扰民",
                       "门店占道堆放货物"],
    "NEIGHBOR_DISPUTE": ["{b}楼上噪音扰民", "邻居空调外机滴水", "楼道堆物引发邻里矛盾",
                         "宠物狗夜里一直叫", "楼上漏水殃及楼下", "装修超时施工"],
    "PUBLIC_SAFETY": ["窨井盖松动", "{b}消防栓缺少水带", "监控探头损坏",
                      "广告牌松动有坠落风险", "{b}电线私拉乱接"],
    "ELDERLY_CARE": ["独居老人需要送餐", "高龄老人申请上门探访", "{b}老人行动不便需要陪同就医",
                     "为老人申请助浴服务", "老年食堂就餐预约"],
    "SUGGESTION": ["建议公园增设座椅", "建议增设电动车充电桩", "建议开设四点半课堂",
                   "建议延长活动室开放时间"],
}  # fmt: skip
RESOLUTIONS_BY_CATEGORY = {
    "ENVIRONMENT": ["联系环卫当天清运，并与保洁约定加密清运频次。",
                    "上门劝导清理，楼道已恢复通畅。"],
    "INFRASTRUCTURE": ["报修后已更换损坏部件，恢复使用。", "联系维修人员现场修复。"],
    "SEWAGE_WATER": ["疏通管道，恢复正常排水。", "联系供水公司检修，已恢复。"],
    "PARKING_TRAFFIC": ["联系车主挪车，并在通道处设置禁停标识。",
                        "重新划定停车区域，引导有序停放。"],
    "PROPERTY_MANAGEMENT": ["督促物业维修，已恢复正常。",
                            "召集物业与业主代表沟通，形成整改清单并完成。"],
    "MARKET_VENDORS": ["劝导摊贩进入集中经营点。", "联合执法队员现场规范，已恢复通行。"],
    "NEIGHBOR_DISPUTE": ["邻长上门调解，双方达成一致。", "组织双方当面沟通，约定作息时间。"],
    "PUBLIC_SAFETY": ["设置警示标志并通知产权单位加固。", "联系相关单位整改，隐患已消除。"],
    "ELDERLY_CARE": ["对接居家养老服务中心，已安排上门服务。", "志愿者结对，每周上门探访。"],
    "SUGGESTION": ["建议已采纳，纳入年度为民办实事清单。", "已向上级反映，答复居民。"],
}  # fmt: skip
REJECTIONS = ["与已受理的工单重复", "不属于本级受理范围，已告知居民向相关部门反映"]


@dataclass(frozen=True)
class Beat:
    """Who answers cases raised at a place: (handler, role), the first the most often."""

    units: tuple[tuple[str, ...], ...]
    handlers: tuple[tuple[str, str], ...]


def _below(path: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The neighborhoods and buildings under a unit of AREA."""
    node: Unit | None = None
    level: tuple[Unit, ...] = AREA
    for name in path:
        node = next(u for u in level if u.name == name)
        level = node.children

    def walk(units: tuple[Unit, ...], here: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        for unit in units:
            if unit.kind in {"NEIGHBORHOOD", "BUILDING"}:
                yield (*here, unit.name)
            yield from walk(unit.children, (*here, unit.name))

    return list(walk(level, path))


def _beats() -> dict[str, tuple[Beat, ...]]:
    def grid(community: tuple[str, ...], n: int) -> tuple[str, ...]:
        return (*community, ("第一网格", "第二网格")[n - 1])

    jcy_piece = (*JINGCHENGYUAN, "第一网格", "第一片区")
    return {
        "望城区": (
            Beat(tuple(_below(grid(TAOHUAJING, 1))),
                 (("Xu Jing", "GRID_MEMBER"), ("Xu Jun", "GRID_MEMBER"), ("Liu Bo", "GRID_CHIEF"),
                  ("Sun Li", "COMMUNITY_STAFF"))),
            Beat(tuple(_below(grid(TAOHUAJING, 2))),
                 (("Tang Li", "GROUP_CHIEF"), ("He Qin", "PIECE_CHIEF"),
                  ("Deng Xia", "NEIGHBOR_CHIEF"), ("Zhou Min", "COMMUNITY_STAFF"))),
            Beat(tuple(_below(grid(WANGFU, 1))),
                 (("Ma Lin", "GRID_MEMBER"), ("Yang Fan", "COMMUNITY_STAFF"))),
            Beat(tuple(_below(grid(WANGFU, 2))),
                 (("He Ping", "GROUP_CHIEF"), ("Yang Fan", "COMMUNITY_STAFF"))),
        ),
        "渌口区": (
            Beat(tuple(_below(jcy_piece)),
                 (("Wen Guilan", "GROUP_CHIEF"), ("Peng Xiuying", "NEIGHBOR_CHIEF"),
                  ("Yi Jianjun", "PIECE_CHIEF"))),
            Beat(tuple(_below(grid(JINGCHENGYUAN, 2))), (("Tan Zhi", "COMMUNITY_SECRETARY"),)),
            Beat(tuple(_below(HUANGLONG)), (("Zou Jianhua", "COMMUNITY_SECRETARY"),)),
        ),
    }  # fmt: skip


# What lies beyond a community goes to the street (or town) and its departments.
ABOVE = {
    "望城区": (("Zhou Qiang", "STREET_STAFF"), ("Wu Hua", "DEPARTMENT_STAFF")),
    "渌口区": (("Zheng Bo", "STREET_STAFF"), ("Xie Dong", "DEPARTMENT_STAFF")),
}
# Cases a day on average, how often the answer lies above the community, and how often a case
# is turned away (a duplicate, or not the community's to take); where three chiefs live on every
# floor, fewer cases reach the office twice.
VOLUME = {"望城区": (3.2, 0.08, 0.012), "渌口区": (1.1, 0.06, 0.005)}
REF_PREFIX = {"望城区": "gen-wc", "渌口区": "gen-lk"}
FIRST_DAY, LAST_DAY = _at(1, 1, 0), _at(12, 1, 0)  # the year so far, as generated


@dataclass(frozen=True)
class Planned:
    """One generated past case, before ids are known."""

    ref: str
    title: str
    category: str
    unit: tuple[str, ...]
    channel: str
    priority: str
    reported: datetime
    reporter_phone: str | None
    handler: tuple[str, str] | None = None
    responded: datetime | None = None
    resolved: datetime | None = None
    resolution: str | None = None
    closed: datetime | None = None
    rating: int | None = None
    rejected: str | None = None

    @property
    def handled(self) -> bool:
        return self.resolved is not None


def plan_history(district: str) -> list[Planned]:
    """A deterministic year of a district's cases: a few a day, at its places, answered by the
    people who serve there. What becomes of each is drawn, not fixed: most are answered within
    hours or days, a few are rejected, and those raised in the last days may still be open."""
    rng = random.Random(f"{YEAR}-{district}")
    per_day, above_share, reject_share = VOLUME[district]
    beats = _beats()[district]
    residents: dict[tuple[str, ...], list[str]] = {}
    for resident in generated_residents():
        residents.setdefault(resident.unit[:3], []).append(resident.phone)
    names, weights = zip(*CATEGORIES, strict=True)
    planned: list[Planned] = []
    day = FIRST_DAY
    while day < LAST_DAY:
        for _ in range(_poisson(rng, per_day)):
            beat = rng.choice(beats)
            unit = rng.choice(beat.units)
            category = rng.choices(names, weights)[0]
            title = rng.choice(TITLES_BY_CATEGORY[category]).format(b=unit[-1]
                                                                    if unit[-1][-1] in "栋号场"
                                                                    else unit[2])  # fmt: skip
            reported = day + timedelta(hours=rng.uniform(7, 22))
            channel = rng.choice(["APP", "APP", "WECHAT", "WECHAT", "HOTLINE", "VISIT"])
            reporter = rng.choice(residents[unit[:3]]) if channel != "HOTLINE" else None
            case = Planned(
                ref=f"{REF_PREFIX[district]}-{len(planned) + 1:05d}",
                title=f"{GENERATED_MARK} {title}", category=category, unit=unit,
                channel=channel,
                priority=rng.choice(["NORMAL", "NORMAL", "NORMAL", "NORMAL", "HIGH", "LOW",
                                     "URGENT"]),
                reported=reported, reporter_phone=reporter,
            )  # fmt: skip
            planned.append(_outcome(rng, case, beat, ABOVE[district], above_share, reject_share))
        day += timedelta(days=1)
    return planned


def _poisson(rng: random.Random, mean: float) -> int:
    count, total = 0, rng.expovariate(1.0)
    while total < mean:
        count += 1
        total += rng.expovariate(1.0)
    return count


def _outcome(
    rng: random.Random,
    case: Planned,
    beat: Beat,
    above: tuple[tuple[str, str], ...],
    above_share: float,
    reject_share: float,
) -> Planned:
    responded = case.reported + timedelta(hours=rng.lognormvariate(1.0, 1.0))
    if rng.random() < reject_share:
        return _replace(case, responded=responded, rejected=rng.choice(REJECTIONS))
    if rng.random() < above_share:
        handler = rng.choice(above)
        hours = rng.lognormvariate(4.0, 0.8)  # days, for a department
    else:
        handler = beat.handlers[min(int(rng.expovariate(1.2)), len(beat.handlers) - 1)]
        hours = rng.lognormvariate(2.5, 1.0)  # hours, near home
    resolved = responded + timedelta(hours=hours)
    if resolved > LAST_DAY or rng.random() < 0.006:  # not answered yet, or stuck
        return _replace(case, handler=handler, responded=responded)
    closed: datetime | None = resolved + timedelta(hours=rng.uniform(2, 72))
    rating = rng.choice([5, 5, 5, 5, 4, 4, 3, None]) if case.reporter_phone else None
    if closed is not None and closed > LAST_DAY:
        closed, rating = None, None  # resolved, waiting for the resident's answer
    return _replace(
        case,
        handler=handler,
        responded=responded,
        resolved=resolved,
        resolution=rng.choice(RESOLUTIONS_BY_CATEGORY[case.category]),
        closed=closed,
        rating=rating,
    )


def _replace(case: Planned, **changes: Any) -> Planned:
    return replace(case, **changes)


def _input(ctx: DemoContext, cast: Cast, case: Planned) -> dict[str, Any]:
    item: dict[str, Any] = {
        "ref": case.ref, "title": case.title, "category": case.category,
        "orgUnitId": ctx.unit(*case.unit), "reportedAt": _iso(case.reported),
        "channel": case.channel, "priority": case.priority,
        "description": "（生成的历史数据，演示用）",
        "reporterId": ctx.ids[f"resident:{case.reporter_phone}"] if case.reporter_phone
        else None,
        "respondedAt": _iso(case.responded),
    }  # fmt: skip
    if case.rejected:
        return {**item, "rejectedReason": case.rejected}
    if case.handler:
        item |= {"handlerId": cast.id(case.handler[0]), "handlerRole": case.handler[1]}
    return item | {
        "resolvedAt": _iso(case.resolved),
        "resolution": case.resolution,
        "closedAt": _iso(case.closed),
        "rating": case.rating,
    }


# Each district's importer: its district admin.
IMPORTERS = {"望城区": "Chen Hua", "渌口区": "Luo Bin"}


def _import(cast: Cast, who: str, items: list[dict[str, Any]]) -> tuple[int, int]:
    imported = skipped = 0
    admin = cast[who]
    for start in range(0, len(items), IMPORT_BATCH):
        result = admin.execute(IMPORT, {"i": {"cases": items[start : start + IMPORT_BATCH]}})
        imported += result["importCases"]["imported"]
        skipped += result["importCases"]["skipped"]
    return imported, skipped


@dataclass(frozen=True)
class Figures:
    collected: int
    handled: int
    rejected: int


def expected_figures(district: str, now: datetime) -> Figures:
    """What `caseStats` of a district counts for YEAR (Beijing time), from the same plan the
    loader imports and the named cases it works (those count in the year the loader ran)."""
    planned = plan_history(district) if district in VOLUME else []
    historical = [c for c in HISTORICAL if c["unit"][0] == district]  # type: ignore[index]
    live = [n for n in NAMED if n.unit[0] == district]
    live_this_year = now.astimezone(BEIJING).year == YEAR
    handled_live = sum(any(m == "resolveCase" for _, m, _ in n.steps) for n in live)
    return Figures(
        collected=len(planned) + len(historical) + (len(live) if live_this_year else 0),
        handled=sum(c.handled for c in planned)
        + len(historical)
        + (handled_live if live_this_year else 0),
        rejected=sum(c.rejected is not None for c in planned),
    )


def load(ctx: DemoContext) -> str:
    ensure_admin_token(ctx)
    cast = Cast(ctx)
    named = _named(ctx, cast)
    total = imported = skipped = 0
    for district, who in IMPORTERS.items():
        items = [_input(ctx, cast, case) for case in plan_history(district)]
        if district == WANGCHENG[0]:
            items = _historical(ctx, cast) + items
        done, known = _import(cast, who, items)
        total, imported, skipped = total + len(items), imported + done, skipped + known
    return (
        f"{len(NAMED)} named cases ({named} worked now), {total} past cases "
        f"({imported} imported now, {skipped} already there)"
    )
