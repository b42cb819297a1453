"""Growth: statistics, the dashboard's cases page and the order board at 10k, 100k and 1M cases.

    python -m bench.growth [--seed 7] [--sizes 10000 100000 1000000] [--repeats 60] [--quick]

A private mongod holds the cases service's database: a district of 8 streets, 40 communities,
160 grids and 480 pieces (its org-unit projection, as people's events leave it), and cases
generated from the seed with timelines spread over the three years before 2026-12-01. Each case
is built with the cases domain (`reporting.report`, then `workflow` accept / assign / start /
escalate (manual, and SLA breaches as the sweeper does them) / postOrder / takeOrder / resolve /
rate (low ratings reopen) / close / auto-close / reject, each at its own time, stopping at "now"
so recent cases are still open), so every invariant holds and every timeline entry is the
workflow's; cases are written through `CaseRepository.insert_many` in transactions of 500,
the import path, which moves the statistics rollups in the same transaction. Events are not
written: no consumer is under test here. Sizes are cumulative: each step adds cases over the
same three years.

At each size, the cases subgraph's answer (its schema executed in process: resolvers, handlers,
MongoDB; no HTTP) to a district admin, p50/p99 over `--repeats` runs:
- `caseStats` of the district for a calendar year (rotating 2024, 2025, 2026), and for
  comparison the former single aggregation over the cases (`aggregate_statistics`);
- the dashboard's cases page: `OrgUnit.cases(first: 50) { totalCount edges {...} }` for a
  community (rotating), and for the whole district;
- the order board (`orderBoard(first: 20)`, in cases: points has no orders) of a community
  and of the district;
and `explain("executionStats")` of every MongoDB query those run (stages, keys and documents
examined). Not part of the test suite; `python -m bench.run_all --growth` adds it to a run.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import random
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from grassroots_cases.adapters import rollups
from grassroots_cases.adapters.case_documents import to_doc
from grassroots_cases.adapters.case_queries import filter_query, readable_by
from grassroots_cases.adapters.cases import COLLECTION, CaseRepository
from grassroots_cases.adapters.rollups import COLLECTION as ROLLUPS
from grassroots_cases.adapters.rollups import FACT_FIELDS, read_query
from grassroots_cases.adapters.sla_policies import SlaPolicies
from grassroots_cases.adapters.statistics import (
    BY_PATH_CREATED,
    BY_PATH_STATUS_DUE,
    aggregate_statistics,
    case_statistics,
    edge_query,
    overdue_query,
)
from grassroots_cases.adapters.working_calendar import ChineseWorkingCalendar
from grassroots_cases.domain import workflow
from grassroots_cases.domain.ids import CaseId, OrganizationId, OrgUnitId, PersonId
from grassroots_cases.domain.listing import CaseFilter
from grassroots_cases.domain.model import SYSTEM, Actor, Case
from grassroots_cases.domain.numbering import case_number, district_code
from grassroots_cases.domain.reporting import NewCase, report
from grassroots_cases.domain.sla import SlaPolicy
from grassroots_cases.domain.statistics import cover
from grassroots_cases.domain.vocabulary import (
    Category,
    Channel,
    EscalationReason,
    Level,
    Priority,
    Role,
    Status,
)
from grassroots_cases.domain.working_days import WorkingTime
from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.schema import schema
from grassroots_cases.handlers.access import reader_of
from grassroots_cases.handlers.composition import cases_ports
from grassroots_cases.main import build_host
from grassroots_cases.settings import CasesSettings
from grassroots_contracts.org_units import OrgUnitSnapshot
from grassroots_kit import business_time
from grassroots_kit.auth import Principal, RoleGrant
from grassroots_kit.host import ServiceHost
from grassroots_kit.mongo import Session, ensure_collections, ensure_indexes
from grassroots_kit.org_units import COLLECTION as ORG_UNITS
from grassroots_kit.request_auth import RequestAuth
from starlette.requests import Request

from bench._common import machine, private_mongod, save, summary_ms

NOW = datetime(2026, 12, 1, tzinfo=UTC)
START = NOW - timedelta(days=3 * 365)
BATCH = 2000  # cases a worker builds at a time
TRANSACTION = 500  # cases written per transaction (importCases: 200 a call)
DISTRICT = "wc"
SIZES = (10_000, 100_000, 1_000_000)

STATS = """query($r: [_Any!]!, $from: DateTime!, $to: DateTime!) {
  _entities(representations: $r) { ... on OrgUnit { caseStats(from: $from, to: $to) {
    collected handled completionRate rejected open overdueNow slaBreaches averageRating ratings
    firstResponse { medianSeconds p90Seconds } resolution { medianSeconds p90Seconds }
    byCategory { key collected handled } byMonth { key collected handled } } } } }"""
DASHBOARD = """query($r: [_Any!]!) { _entities(representations: $r) { ... on OrgUnit {
  cases(first: 50) { totalCount edges { node { id number title status priority createdAt } } }
} } }"""
BOARD = """query($id: ID!) { orderBoard(orgUnitId: $id, first: 20) {
  totalCount edges { node { id number title category createdAt } } } }"""


class _Now(Exception):
    """The next step of a case's life would happen after now: it stops where it is."""


# --- the district ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    path: tuple[OrgUnitId, ...]
    level: Level


@dataclass
class World:
    units: list[dict[str, Any]]
    places: list[Place]
    weights: list[float]
    communities: list[str]

    @classmethod
    def build(cls, rng: random.Random) -> World:
        units: list[dict[str, Any]] = []
        places: list[Place] = []
        weights: list[float] = []
        communities: list[str] = []

        def unit(uid: str, kind: str, name: str, path: list[str]) -> None:
            data = {"id": uid, "kind": kind, "name": name, "version": 1}
            data |= {"parentId": path[-1] if path else None, "path": path}
            doc_id, version, fields = OrgUnitSnapshot.projection(data)
            units.append({"_id": doc_id, "version": version, **fields})

        unit(DISTRICT, "DISTRICT", "Wangcheng District", [])
        for s in range(8):
            street = f"{DISTRICT}-s{s}"
            unit(street, "STREET", f"Street {s}", [DISTRICT])
            for c in range(5):
                community = f"{street}-c{c}"
                communities.append(community)
                unit(community, "COMMUNITY", f"Community {s}.{c}", [DISTRICT, street])
                busy = rng.uniform(0.3, 2.0)  # some communities raise far more than others
                places.append(Place(_ids(DISTRICT, street, community), Level.COMMUNITY))
                weights.append(busy * 0.5)
                for g in range(4):
                    grid = f"{community}-g{g}"
                    unit(grid, "GRID", f"Grid {s}.{c}.{g}", [DISTRICT, street, community])
                    places.append(Place(_ids(DISTRICT, street, community, grid), Level.GRID))
                    weights.append(busy * 0.5)
                    for p in range(3):
                        piece = f"{grid}-p{p}"
                        above = [DISTRICT, street, community, grid]
                        unit(piece, "PIECE", f"Piece {s}.{c}.{g}.{p}", above)
                        path = _ids(DISTRICT, street, community, grid, piece)
                        places.append(Place(path, Level.GRID))
                        weights.append(busy)
        return cls(units, places, weights, communities)


def _ids(*ids: str) -> tuple[OrgUnitId, ...]:
    return tuple(OrgUnitId(i) for i in ids)


# --- the life of a case -------------------------------------------------------------------------

CATEGORIES = list(Category)
CATEGORY_WEIGHTS = [14, 12, 12, 10, 11, 6, 8, 5, 7, 5, 10]
PRIORITIES = [Priority.LOW, Priority.NORMAL, Priority.HIGH, Priority.URGENT]
PRIORITY_WEIGHTS = [15, 60, 20, 5]
CHANNELS = list(Channel)
TITLES = {
    Category.ENVIRONMENT: "Rubbish piling up by the bins",
    Category.INFRASTRUCTURE: "Street light out on the corner",
    Category.SEWAGE_WATER: "Sewage overflowing at the back of the building",
    Category.PARKING_TRAFFIC: "Cars parked on the fire lane",
    Category.PROPERTY_MANAGEMENT: "Lift broken for three days",
    Category.MARKET_VENDORS: "Stalls blocking the pavement",
    Category.NEIGHBOR_DISPUTE: "Noise from the flat upstairs at night",
    Category.PUBLIC_SAFETY: "Loose railing on the footbridge",
    Category.ELDERLY_CARE: "Elderly neighbour living alone needs meals",
    Category.SUGGESTION: "Benches for the small square",
    Category.OTHER: "Stray dogs near the school gate",
}
ADMIN = Actor(PersonId("admin"), frozenset({Role.DISTRICT_ADMIN}))


class Lives:
    """Seeded cases, each built with the domain from its report to where it is now."""

    def __init__(self, rng: random.Random, world: World, policy: SlaPolicy) -> None:
        self.rng = rng
        self.world = world
        self.policy = policy
        self.code = district_code("Wangcheng District")
        self.stopped_early = 0

    def hours(self, median: float, spread: float = 1.0) -> timedelta:
        return timedelta(hours=math.exp(self.rng.gauss(math.log(median), spread)))

    def case(self, at: datetime, sequence: int) -> Case:
        rng = self.rng
        place = rng.choices(self.world.places, self.world.weights)[0]
        category = rng.choices(CATEGORIES, CATEGORY_WEIGHTS)[0]
        priority = rng.choices(PRIORITIES, PRIORITY_WEIGHTS)[0]
        reporter = PersonId(f"resident-{rng.randrange(20_000)}")
        new = NewCase(
            title=TITLES[category],
            description="",
            category=category,
            channel=rng.choice(CHANNELS),
            priority=priority,
            org_unit_id=place.path[-1],
            address=None,
            reporter_id=reporter,
            reported_by_id=reporter,
        )
        case = report(
            new,
            case_id=CaseId(f"{rng.getrandbits(96):024x}"),
            number=case_number(self.code, at.year, sequence),
            org_unit_path=place.path,
            level=place.level,
            due_at=self.policy.due_at(priority, category, at, WORKING),
            now=at,
        ).case
        life = _Life(self, case)
        try:
            life.run()
        except _Now:
            self.stopped_early += 1
        return life.case


@dataclass(frozen=True)
class Batch:
    """What a worker needs to build one batch the same way every time: its own seed."""

    seed: str
    moments: list[datetime]
    sequences: list[int]


def plan(seed: int, step: int, count: int, numbered: dict[int, int]) -> list[Batch]:
    """Report times spread over the three years (sorted, so a batch spans a few days) and
    case numbers continuing each year's sequence."""
    rng = random.Random(f"{seed}:{step}")
    span = int((NOW - START).total_seconds())
    moments = sorted(START + timedelta(seconds=rng.randrange(span)) for _ in range(count))
    sequences = []
    for at in moments:
        numbered[at.year] = numbered.get(at.year, 0) + 1
        sequences.append(numbered[at.year])
    return [
        Batch(f"{seed}:{step}:{i}", moments[i : i + BATCH], sequences[i : i + BATCH])
        for i in range(0, count, BATCH)
    ]


_WORKER: tuple[World, SlaPolicy] | None = None


# The policy a district sets may count working days; the calendar is the service's own.
WORKING = WorkingTime(ChineseWorkingCalendar())


def _start_worker(seed: int, policy: SlaPolicy) -> None:
    global _WORKER
    _WORKER = (World.build(random.Random(seed)), policy)


def build_batch(batch: Batch) -> tuple[list[dict[str, Any]], int, float]:
    """In a worker process: the batch's cases, as the repository stores them."""
    assert _WORKER is not None
    started = time.perf_counter()
    lives = Lives(random.Random(batch.seed), *_WORKER)
    cases = [lives.case(at, n) for at, n in zip(batch.moments, batch.sequences, strict=True)]
    docs = [to_doc(c) for c in cases]
    return docs, lives.stopped_early, time.perf_counter() - started


class _Life:
    def __init__(self, lives: Lives, case: Case) -> None:
        self.lives = lives
        self.rng = lives.rng
        self.case = case
        self.at = case.created_at

    def step(self, after: timedelta, change: Callable[[Case, datetime], workflow.Outcome]) -> None:
        at = self.at + after
        if at > NOW:
            raise _Now
        self.case = change(self.case, at).case
        self.at = at

    def wait(self, duration: timedelta) -> None:
        if self.at + duration > NOW:
            raise _Now
        self.at += duration

    def due(self, at: datetime) -> datetime:
        return self.lives.policy.due_at(self.case.priority, self.case.category, at, WORKING)

    def worker(self) -> Actor:
        person = PersonId(f"grid-member-{self.rng.randrange(300)}")
        self.step(
            self.lives.hours(0.5),
            lambda c, t: workflow.assign(c, ADMIN, t, person, Role.GRID_MEMBER),
        )
        actor = Actor(person, frozenset({Role.GRID_MEMBER}))
        self.step(self.lives.hours(1.0), lambda c, t: workflow.start(c, actor, t))
        return actor

    def run(self) -> None:
        rng, hours = self.rng, self.lives.hours
        fate = rng.random()
        if fate < 0.03:
            self.step(hours(2), lambda c, t: workflow.reject(c, ADMIN, t, "duplicate report"))
            return
        if fate < 0.09:
            self.step(hours(2), lambda c, t: workflow.post_order(c, ADMIN, t))
            n = rng.randrange(40)
            taker = Actor(
                PersonId(f"partner-{n}"),
                frozenset({Role.RED_PARTNER_MEMBER}),
                frozenset({OrganizationId(f"org-rp-{n % 10}")}),
            )
            org = OrganizationId(f"org-rp-{n % 10}")
            self.step(hours(18), lambda c, t: workflow.take_order(c, taker, t, org))
            worker = taker
        else:
            self.step(hours(1.5), lambda c, t: workflow.accept(c, ADMIN, t))
            if rng.random() < 0.005:
                self.wait(hours(24 * 30, 0.6))  # forgotten for weeks: breached, then taken up
            if rng.random() < 0.06:
                self.step(
                    hours(6),
                    lambda c, t: workflow.escalate(
                        c,
                        ADMIN,
                        t,
                        reason=EscalationReason.BEYOND_AUTHORITY,
                        new_due_at=self.due(t),
                        note="needs the street",
                    ),
                )
            worker = self.worker()
        work = hours(30, 1.1)
        if self.at + work > self.case.due_at and (self.at > self.case.due_at or rng.random() < 0.7):
            # The sweeper finds it overdue: escalated one rung up, to be taken up again there.
            breach = max(self.case.due_at, self.at) + timedelta(seconds=rng.randrange(30))
            self.step(
                breach - self.at,
                lambda c, t: workflow.escalate(
                    c,
                    SYSTEM,
                    t,
                    reason=EscalationReason.SLA_BREACH,
                    new_due_at=self.due(t),
                    note="deadline passed",
                ),
            )
            worker = self.worker()
            work = hours(12)
        self.step(work, lambda c, t: workflow.resolve(c, worker, t, "Done and checked"))
        self.answer(worker)

    def answer(self, worker: Actor) -> None:
        rng, hours = self.rng, self.lives.hours
        reporter = Actor(self.case.reporter_id, frozenset())
        fate = rng.random()
        if fate < 0.65:
            score = rng.choices([5, 4, 3, 2, 1], [50, 30, 12, 5, 3])[0]
            self.step(
                hours(20), lambda c, t: workflow.rate(c, reporter, t, score, None, self.due(t))
            )
            if score <= 2:  # reopened: worked again, then closed by staff
                worker = self.worker()
                self.step(hours(20), lambda c, t: workflow.resolve(c, worker, t, "Redone"))
                self.step(hours(6), lambda c, t: workflow.close(c, ADMIN, t, None))
        elif fate < 0.85:
            self.step(hours(6), lambda c, t: workflow.close(c, ADMIN, t, None))
        else:
            self.step(
                workflow.ANSWER_WINDOW + timedelta(minutes=rng.randrange(1, 60)),
                lambda c, t: workflow.close(c, SYSTEM, t, "no rating within 7 days"),
            )


# --- loading and measuring ----------------------------------------------------------------------


async def load(
    host: ServiceHost, pool: ProcessPoolExecutor, batches: list[Batch]
) -> dict[str, Any]:
    """Build batches in a worker process while the previous one is written."""
    repository = CaseRepository(host.db, host.settings.business_zone)
    loop = asyncio.get_running_loop()
    started = time.perf_counter()
    domain_seconds, stopped, count = 0.0, 0, 0
    pending = [loop.run_in_executor(pool, build_batch, b) for b in batches[:2]]
    for i in range(len(batches)):
        docs, stopped_here, seconds = await pending.pop(0)
        if i + 2 < len(batches):
            pending.append(loop.run_in_executor(pool, build_batch, batches[i + 2]))

        for start in range(0, len(docs), TRANSACTION):
            part = docs[start : start + TRANSACTION]

            async def work(session: Session, part: list[dict[str, Any]] = part) -> None:
                await repository.insert_many(part, session)

            await host.transaction(work)
        domain_seconds += seconds
        stopped += stopped_here
        count += len(docs)
    seconds = time.perf_counter() - started
    return {
        "cases": count,
        "seconds": round(seconds, 1),
        "cases_per_s": round(count / seconds),
        "domain_seconds_in_worker": round(domain_seconds, 1),
        "still_open_at_now": stopped,
    }


def _request() -> Request:
    return Request({"type": "http", "method": "POST", "path": "/graphql", "headers": []})


async def _execute(host: ServiceHost, principal: Principal, query: str, variables: Any) -> Any:
    context = Context(
        host=host, request=_request(), ports=cases_ports(host), auth=RequestAuth(principal)
    )
    result = await schema.execute(query, variable_values=variables, context_value=context)
    if result.errors:
        raise RuntimeError(result.errors)
    return result.data


async def timed(
    repeats: int, run: Callable[[int], Awaitable[Any]], warmup: int = 3
) -> dict[str, float]:
    for i in range(warmup):
        await run(i)
    seconds = []
    for i in range(repeats):
        started = time.perf_counter()
        await run(i)
        seconds.append(time.perf_counter() - started)
    return summary_ms(seconds)


def _year(i: int) -> tuple[datetime, datetime]:
    year = 2024 + i % 3
    return datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)


async def measure(
    host: ServiceHost, world: World, repeats: int, reference_repeats: int
) -> dict[str, Any]:
    admin = Principal("admin", (RoleGrant(Role.DISTRICT_ADMIN.value, DISTRICT, (DISTRICT,)),))
    communities = world.communities

    def stats(unit: str) -> Callable[[int], Awaitable[Any]]:
        async def run(i: int) -> Any:
            since, until = _year(i)
            r = [{"__typename": "OrgUnit", "id": unit}]
            variables = {"r": r, "from": since.isoformat(), "to": until.isoformat()}
            return await _execute(host, admin, STATS, variables)

        return run

    def dashboard(units: list[str]) -> Callable[[int], Awaitable[Any]]:
        async def run(i: int) -> Any:
            r = [{"__typename": "OrgUnit", "id": units[i % len(units)]}]
            return await _execute(host, admin, DASHBOARD, {"r": r})

        return run

    def board(units: list[str]) -> Callable[[int], Awaitable[Any]]:
        async def run(i: int) -> Any:
            return await _execute(host, admin, BOARD, {"id": units[i % len(units)]})

        return run

    async def adapter(i: int) -> Any:
        since, until = _year(i)
        return await case_statistics(
            host.db, DISTRICT, since, until, NOW, depth=0, tz=host.settings.business_zone
        )

    async def reference(i: int) -> Any:
        since, until = _year(i)
        return await aggregate_statistics(
            host.db, DISTRICT, since, until, NOW, host.settings.business_zone
        )

    figures = {
        "stats_district_year": await timed(repeats, stats(DISTRICT)),
        "stats_district_year_no_graphql": await timed(repeats, adapter),
        "stats_community_year": await timed(repeats, stats(communities[0])),
        "stats_district_year_aggregation": await timed(reference_repeats, reference, warmup=1),
        "dashboard_community": await timed(repeats, dashboard(communities)),
        "dashboard_district": await timed(max(5, repeats // 4), dashboard([DISTRICT])),
        "board_community": await timed(repeats, board(communities)),
        "board_district": await timed(repeats, board([DISTRICT])),
    }
    sample = await _execute(host, admin, STATS, _stats_vars(DISTRICT, 2026))
    figures["district_2026"] = {
        k: v
        for k, v in sample["_entities"][0]["caseStats"].items()
        if k not in ("byCategory", "byMonth")
    }
    board_now = await _execute(host, admin, BOARD, {"id": DISTRICT})
    figures["orders_waiting_in_district"] = board_now["orderBoard"]["totalCount"]
    return figures


def _stats_vars(unit: str, year: int) -> dict[str, Any]:
    since, until = datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)
    r = [{"__typename": "OrgUnit", "id": unit}]
    return {"r": r, "from": since.isoformat(), "to": until.isoformat()}


def _stages(plan: Any) -> list[str]:
    """The winning plan's stages, outermost first (IXSCAN with its index)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "winningPlan" in node:
                walk(node["winningPlan"])
                return
            stage = node.get("stage")
            if isinstance(stage, str):
                index = node.get("indexName")
                found.append(f"{stage}({index})" if index else stage)
            for key, value in node.items():
                if key not in ("rejectedPlans", "executionStats", "allPlansExecution"):
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(plan)
    return found


def _execution(plan: Any) -> dict[str, Any]:
    def find(node: Any) -> dict[str, Any] | None:
        if isinstance(node, dict):
            if "totalKeysExamined" in node:
                return node
            for value in node.values():
                hit = find(value)
                if hit:
                    return hit
        elif isinstance(node, list):
            for value in node:
                hit = find(value)
                if hit:
                    return hit
        return None

    stats = find(plan) or {}
    return {
        "keys_examined": stats.get("totalKeysExamined"),
        "docs_examined": stats.get("totalDocsExamined"),
        "returned": stats.get("nReturned"),
        "millis": stats.get("executionTimeMillis"),
    }


async def explain(host: ServiceHost, world: World) -> dict[str, Any]:
    """Every query the three reads send, as the service sends it, with its winning plan."""
    db = host.db
    tz = host.settings.business_zone
    admin = Principal("admin", (RoleGrant(Role.DISTRICT_ADMIN.value, DISTRICT, (DISTRICT,)),))
    # A business year (Beijing's by default): read as twelve whole months.
    since, until = business_time.year_bounds_of(2026, tz)
    ragged = (datetime(2026, 3, 15, 12, tzinfo=UTC), datetime(2026, 9, 2, 6, tzinfo=UTC))
    community = world.communities[0]
    commands: dict[str, dict[str, Any]] = {}
    commands["stats: rollups of a district-year"] = {
        "find": ROLLUPS,
        "filter": read_query(DISTRICT, cover(since, until, tz).periods),
        "projection": {"c": 1},
    }
    commands["stats: cases of a partial day (ragged period)"] = {
        "find": COLLECTION,
        "filter": edge_query(DISTRICT, ragged[0], cover(*ragged, tz).edges[0][1]),
        "projection": FACT_FIELDS,
        "hint": BY_PATH_CREATED,
    }
    count_overdue = overdue_query(DISTRICT, since, until, NOW)
    commands["stats: overdue now (count)"] = _count(count_overdue, BY_PATH_STATUS_DUE)
    for name, unit in (("community", community), ("district", DISTRICT)):
        listed = {
            "$and": [filter_query(CaseFilter(within=unit), NOW), readable_by(reader_of(admin))]
        }
        commands[f"dashboard {name}: page of 50"] = {
            "find": COLLECTION,
            "filter": listed,
            "sort": {"createdAt": -1, "_id": -1},
            "limit": 51,
        }
        # Staff over the unit, no other filter: the total comes from the rollups.
        commands[f"dashboard {name}: totalCount"] = {
            "aggregate": ROLLUPS,
            "pipeline": rollups.cases_in_pipeline(unit),
            "cursor": {},
        }
        board = {"orgUnitPath": unit, "status": Status.ON_ORDER_BOARD.value}
        commands[f"order board {name}: page of 20"] = {
            "find": COLLECTION,
            "filter": board,
            "sort": {"createdAt": -1, "_id": -1},
            "limit": 21,
        }
        commands[f"order board {name}: totalCount"] = _count(board, None)
    out: dict[str, Any] = {}
    for name, command in commands.items():
        plan = await db.command("explain", command, verbosity="executionStats")
        stages = _stages(plan)
        out[name] = {
            "stages": stages,
            "collscan": any(s.startswith("COLLSCAN") for s in stages),
            **_execution(plan),
        }
    return out


def _count(query: dict[str, Any], hint: str | None) -> dict[str, Any]:
    """count_documents, as PyMongo sends it: an aggregation of $match then $group."""
    command: dict[str, Any] = {
        "aggregate": COLLECTION,
        "pipeline": [{"$match": query}, {"$group": {"_id": 1, "n": {"$sum": 1}}}],
        "cursor": {},
    }
    if hint:
        command["hint"] = hint
    return command


async def run(args: argparse.Namespace) -> dict[str, Any]:
    figures: dict[str, Any] = {"machine": machine(), "seed": args.seed, "now": NOW.isoformat()}
    with private_mongod() as mongo:
        settings = CasesSettings(
            mongodb_url=mongo.url, mongodb_database="grassroots_cases", sweep_seconds=0
        )
        host = build_host(settings)
        # The test mongod's 0.25 GB cache is a laptop's; a million cases want a server's.
        cache = f"cache_size={int(args.cache_gb * 1024)}M"
        await host.client.admin.command("setParameter", 1, wiredTigerEngineRuntimeConfig=cache)
        try:
            await ensure_collections(host.db, host.collections)
            await ensure_indexes(host.db, host.indexes)
            # The service's boot step: rollups built (here, of no cases) before any case.
            await rollups.build_if_missing(host.db, host.settings.business_zone)
            world = World.build(random.Random(args.seed))
            await host.db[ORG_UNITS].insert_many(world.units)
            policy = await SlaPolicies(host.db).for_district(DISTRICT)
            pool = ProcessPoolExecutor(1, initializer=_start_worker, initargs=(args.seed, policy))
            figures["district"] = {"org_units": len(world.units), "places": len(world.places)}
            loaded = 0
            numbered: dict[int, int] = {}
            sizes: list[dict[str, Any]] = []
            for n, size in enumerate(args.sizes):
                step = await load(host, pool, plan(args.seed, n, size - loaded, numbered))
                loaded = size
                print(f"loaded {size} cases: {step}", flush=True)
                row: dict[str, Any] = {"size": size, "load": step}
                row["rollup_documents"] = await host.db[ROLLUPS].estimated_document_count()
                reference_repeats = 3 if size >= 1_000_000 else 5
                row.update(await measure(host, world, args.repeats, reference_repeats))
                row["explain"] = await explain(host, world)
                sizes.append(row)
                print(
                    f"{size}: stats p50 {row['stats_district_year']['p50_ms']} ms, "
                    f"aggregation p50 {row['stats_district_year_aggregation']['p50_ms']} ms, "
                    f"dashboard {row['dashboard_community']['p50_ms']} ms, "
                    f"board {row['board_community']['p50_ms']} ms",
                    flush=True,
                )
                figures["sizes"] = sizes
                save("growth", figures)  # keep what was measured if a later size is cut short
            pool.shutdown()
        finally:
            await host.client.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeats", type=int, default=60)
    parser.add_argument("--cache-gb", type=float, default=2.0, help="WiredTiger cache")
    parser.add_argument("--quick", action="store_true", help="10k and 30k cases, 20 repeats")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.repeats = [10_000, 30_000], 20
    args.sizes = sorted(set(args.sizes))
    figures = asyncio.run(run(args))
    save("growth", figures)


if __name__ == "__main__":
    main()
