"""bench/RESULTS.md from the figures the scenarios left in bench/out/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench._common import OUT


def _cpu_ms(used: dict[str, float] | None) -> str:
    if not used:
        return "not measured"
    return ", ".join(f"{name} {ms} ms" for name, ms in used.items()) + (
        f"; {round(sum(used.values()), 2)} ms in all"
    )


def _mongod_work(ops: dict[str, float] | None) -> str:
    if not ops:
        return "not measured"
    shown = ("transactions committed", "docs inserted", "docs updated", "docs returned")
    return ", ".join(f"{name} {ops[name]}" for name in shown if name in ops)


def _cpu_per_event(used: dict[str, float] | None) -> str:
    if not used:
        return "not measured"
    return ", ".join(f"{name} {us} µs" for name, us in used.items())


def _load(name: str) -> dict[str, Any]:
    path = OUT / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else {}


def _at(rows: list[dict[str, Any]], clients: int) -> dict[str, Any]:
    return next((r for r in rows if r.get("clients") == clients), {})


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**met**" if ok else "**missed**")


def _deduplicated(g10: dict[str, Any], d10: dict[str, Any]) -> bool:
    """A proxy cannot honestly outrun the subgraph behind it: if it does, it answered some
    requests without one (in-flight deduplication or a cache) and the ratio shows nothing.
    The read-path bench counts people's requests during the gateway run: fewer than one per
    gateway request means the same."""
    calls = g10.get("subgraph_calls_per_request") if g10 else None
    if calls is not None and calls < 0.98:
        return True
    return bool(g10 and d10 and g10["req_per_s"] > d10["req_per_s"])


def _dedup_note(g10: dict[str, Any], d10: dict[str, Any]) -> str:
    if _deduplicated(g10, d10):
        return " (gateway faster than direct: deduplication, see FINDINGS.md)"
    return ""


def _gateway_verdict(ratio: float | None, g10: dict[str, Any], d10: dict[str, Any]) -> str:
    if _deduplicated(g10, d10):
        return "**not shown**"
    return _verdict(None if ratio is None else ratio <= 1.3)


def _rated_verdict(rated: dict[str, Any], latency: dict[str, Any]) -> str:
    """Met only when 200 closes/s were really offered, committed and carried to the ledger."""
    if not rated or not latency:
        return _verdict(None)
    kept_up = all(
        (rated.get(k) or 0) >= 190
        for k in ("offered_closes_per_s", "closes_committed_per_s", "closed_to_ledger_per_s")
    )
    return _verdict(kept_up and latency["p99_ms"] < 250)


def _sweep_table(read: dict[str, Any], names: list[tuple[str, str]]) -> list[str]:
    lines = [
        "| query | target | clients | req/s | p50 ms | p99 ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for key, label in names:
        rows = read.get(key) or []
        for row in rows:
            if "error" in row:
                lines.append(f"| {label} | | | | | | {row.get('message', 'error')} |")
                continue
            lines.append(
                f"| {label} | | {row['clients']} | {row['req_per_s']} | {row['p50_ms']} | "
                f"{row['p99_ms']} | {row['errors'] + row['non_2xx']} |"
            )
    return lines


def write_report(path: Path) -> None:
    run, raw, pipe, read, plans, close = (
        _load(n) for n in ("run", "raw_rates", "pipeline", "read_path", "plans", "close_pipeline")
    )
    gateway_close = close.get("through_the_gateway", {})
    close_latency = gateway_close.get("latency_close_to_ledger_entry", {})
    rated = close.get("fixed_rate", {})
    rated_latency = rated.get("latency_close_committed_to_ledger_entry", {})
    amqp = raw.get("amqp", {})
    mongo = raw.get("mongo", {})
    consume = amqp.get("consume_ack_prefetch32_per_s")
    drain = pipe.get("drain_events_per_s")
    latency = pipe.get("latency_create_to_projected", {})
    g10 = _at(read.get("single_gateway", []), 10)
    d10 = _at(read.get("single_people_direct", []), 10)
    b10 = _at(read.get("single_bare_starlette", []), 10)
    gw_ratio = round(g10["p50_ms"] / d10["p50_ms"], 2) if g10 and d10 else None
    bare_ratio = round(d10["req_per_s"] / b10["req_per_s"], 2) if d10 and b10 else None
    # The read-path bench pairs the runs of a round (same load) and takes the median ratio.
    paired = read.get("ratios_at_10_clients") or {}
    gw_ratio = paired.get("gateway_p50_over_direct_p50", gw_ratio)
    bare_ratio = paired.get("subgraph_rps_over_bare_rps", bare_ratio)
    pipe_ratio = round(drain / consume, 3) if drain and consume else None
    before = run.get("machine_before", {})
    after = run.get("machine_after", {})
    out: list[str] = [
        "# Benchmark results",
        "",
        f"Run `{run.get('command', 'make bench')}` from {run.get('started', '?')} to "
        f"{run.get('finished', '?')} (UTC) on {before.get('cpus', '?')} CPUs "
        f"({before.get('cpu_model', '?')}); load average (1/5/15 min) "
        f"{before.get('loadavg_1_5_15')} before and {after.get('loadavg_1_5_15')} after.",
        "",
        "**Read the absolute figures with the load in mind**: when the load average is above the "
        "CPU count, other processes share the cores and every figure is depressed and noisy. "
        "Ratios measured in the same run (gateway/direct, subgraph/bare, pipeline/raw) hold "
        "better than absolutes, but still move with the load; re-run `make bench` on a quiet "
        "machine for figures to quote.",
        "",
        "Every scenario starts its own processes on free ports with its own mongod (a throwaway "
        "single-node replica set) and a unique RabbitMQ prefix (on a private RabbitMQ node with "
        "`--private-broker`, as `make bench` runs it); nothing touches a `make up` stack. "
        "Scenario status: "
        + ", ".join(
            f"{k} {v['status']} ({v['seconds']} s)" for k, v in run.get("scenarios", {}).items()
        )
        + ".",
        "",
        "What the owners should change to meet the missed targets, and the bugs the suites "
        "found, with the profiles behind them: [FINDINGS.md](FINDINGS.md).",
        "",
        "## Targets",
        "",
        "| target | measured | verdict |",
        "|---|---|---|",
        f"| gateway ≤ 1.3x a direct subgraph call, single-subgraph query, 10 clients (p50) | "
        f"{gw_ratio}x{_dedup_note(g10, d10)} | "
        f"{_gateway_verdict(gw_ratio, g10, d10)} |",
        f"| subgraph ≥ 0.5x a bare Starlette endpoint's throughput, 10 clients | "
        f"{bare_ratio}x | {_verdict(None if bare_ratio is None else bare_ratio >= 0.5)} |",
        f"| event pipeline ≥ 0.5x raw consume-with-ack | {pipe_ratio}x ({drain} vs {consume} "
        f"events/s) | {_verdict(None if pipe_ratio is None else pipe_ratio >= 0.5)} |",
        f"| pipeline p99 < 250 ms at 200 closed cases/s, close committed → ledger entry (offered "
        f"{rated.get('offered_closes_per_s')} /s, committed {rated.get('closes_committed_per_s')}"
        f" /s, to the ledger {rated.get('closed_to_ledger_per_s')} /s) | "
        f"{rated_latency.get('p99_ms')} ms | {_rated_verdict(rated, rated_latency)} |",
        f"| same through the gateway, closeCase returned → ledger entry (at "
        f"{gateway_close.get('close_calls_per_s')} closes/s) | "
        f"{close_latency.get('p99_ms')} ms | "
        f"{_verdict(None if not close_latency else close_latency['p99_ms'] < 250)} |",
        f"| same for org unit created → projected in points | {latency.get('p99_ms')} ms | "
        f"{_verdict(None if not latency else latency['p99_ms'] < 250)} |",
        f"| every query plan an index scan | {plans.get('collscans', '?')} COLLSCAN shapes of "
        f"{len(plans.get('queries', []))} | "
        f"{_verdict(None if not plans else plans.get('collscans') == 0)} |",
        _stats_at_million(_load("growth")),
        "| dashboard: constant subgraph calls and queries whatever the page size | tested, not "
        "timed: a page of cases with its people's names costs one `_entities` call to people "
        "(tests/e2e/test_cases_through_gateway.py), a page of 100 cases two queries in cases "
        "(tests/cases/integration/test_reads.py) | **met** |",
        "",
        "## The parts: raw rates (same run)",
        "",
        "| part | rate |",
        "|---|---:|",
        f"| aio-pika publish with confirms, one at a time (the relay's shape) | "
        f"{amqp.get('publish_confirm_sequential_per_s')} msg/s |",
        f"| aio-pika publish with confirms, 100 in flight | "
        f"{amqp.get('publish_confirm_pipelined100_per_s')} msg/s |",
        f"| aio-pika consume with ack, prefetch 32, quorum queue | {consume} msg/s |",
        f"| MongoDB transaction: processed marker + upsert + outbox insert, 1 at a time | "
        f"{mongo.get('mongo_tx_per_s_concurrency_1')} tx/s |",
        f"| same, 32 concurrent | {mongo.get('mongo_tx_per_s_concurrency_32')} tx/s |",
        "",
        "## Event pipeline",
        "",
        "people `createOrgUnit` → outbox → relay → RabbitMQ → points consumer → `org_units` "
        "projection (`python -m bench.pipeline`).",
        "",
        "The consumer applies up to 128 ready events in one transaction and acknowledges the "
        "batch with one `multiple` ack; the raw consume-with-ack figure acknowledges every "
        "message on its own, so a drain can outrun it.",
        "",
        "| figure | value |",
        "|---|---:|",
        f"| drain: events queued while points was down, then projected by one points process | "
        f"{drain} events/s ({pipe.get('drain_events')} events) |",
        f"| latency, mutation returned → projected (creations one after another), p50 / p99 | "
        f"{latency.get('p50_ms')} / {latency.get('p99_ms')} ms (n={latency.get('n')}) |",
        f"| sequential creations through people | {pipe.get('sequential_creations_per_s')} /s |",
        f"| drain: events per transaction (mean batch) | {pipe.get('drain_mean_batch')} |",
        f"| drain: CPU per event by process | {_cpu_per_event(pipe.get('drain_cpu_us_per_event'))} "
        "|",
        "",
        "### Cases closed end to end (`python -m bench.close_pipeline`)",
        "",
        "A `case.closed` point rule is set first, so every closing earns its handler points; "
        "each case is timed to its entry existing in points' `ledger`.",
        "",
        "**Through the gateway**: report → accept → assign (a grid member) → start → resolve, "
        "then `closeCase` from several clients; timed from `closeCase` returning. Both parts "
        "start their clocks once the events their setup caused have passed through (cases' "
        "outbox sent, points' queues empty).",
        "",
        "| figure | value |",
        "|---|---:|",
        f"| cases | {gateway_close.get('cases')} closed by "
        f"{gateway_close.get('closing_clients')} clients |",
        f"| closeCase calls | {gateway_close.get('close_calls_per_s')} /s |",
        f"| closed cases with their ledger entry | "
        f"{gateway_close.get('closed_to_ledger_per_s')} /s |",
        f"| latency closeCase → ledger entry, p50 / p99 | {close_latency.get('p50_ms')} / "
        f"{close_latency.get('p99_ms')} ms |",
        f"| ledger entries for those cases | "
        f"{gateway_close.get('ledger_entries_for_these_cases')} of {gateway_close.get('cases')} |",
        f"| setup's events drained before the clock started, in | "
        f"{gateway_close.get('setup_events_drained_in_s')} s |",
        "",
        "**At a fixed offered rate**: resolved cases loaded with `importCases` (spread over "
        f"{rated.get('handlers')} grid members), then closed open-loop by cases' own "
        "`close_case` use case running in the bench process (its own `ServiceHost`, whose relay "
        "each commit wakes); timed from the close committing. closeCase calls through the "
        "gateway from a handful of clients do not reach an exact rate, so this part offers the "
        "event pipeline exactly that rate.",
        "",
        "| figure | value |",
        "|---|---:|",
        f"| cases | {rated.get('cases')} ({rated.get('close_failures')} closes failed) |",
        f"| closes offered / committed | {rated.get('offered_closes_per_s')} / "
        f"{rated.get('closes_committed_per_s')} /s |",
        f"| closed cases with their ledger entry | {rated.get('closed_to_ledger_per_s')} /s |",
        f"| latency close committed → ledger entry, p50 / p99 | {rated_latency.get('p50_ms')} / "
        f"{rated_latency.get('p99_ms')} ms |",
        f"| ledger entries for those cases | {rated.get('ledger_entries_for_these_cases')} of "
        f"{rated.get('cases')} |",
        f"| setup's events (the imported cases' histories) drained before the clock started, "
        f"in | {rated.get('setup_events_drained_in_s')} s |",
        f"| CPU per close by process | {_cpu_ms(rated.get('cpu_ms_per_close'))} |",
        f"| mongod per close (whole server) | {_mongod_work(rated.get('mongod_per_close'))} |",
        "",
        *participation_section(_load("participation_pipeline")),
        *subscribers_section(_load("subscribers")),
        "## Read path",
        "",
        f"Load tool: {read.get('load_tool', 'wrk')}; each row is one closed-loop run of "
        "`wrk --latency` with that many connections. Data: "
        f"{read.get('data')}.",
        "",
        *_sweep_table(
            read,
            [
                ("single_gateway", "orgUnit{name kind} via gateway"),
                ("single_people_direct", "orgUnit{name kind} people direct"),
                ("single_bare_starlette", "same JSON, bare Starlette + find_one"),
                ("dashboard_gateway", "dashboard (name, 50 cases, leaderboard) via gateway"),
                ("stats_gateway", "caseStats district/year via gateway"),
                ("stats_cases_direct", "caseStats district/year cases direct (_entities)"),
            ],
        ),
        "",
        f"Ratios at 10 clients: {read.get('ratios_at_10_clients')}; by clients (medians of "
        f"the ratios within each round): {read.get('ratios_by_clients')}. Subgraph calls per "
        "gateway request (people's own count; at least 1.0 means no request was deduplicated): "
        + ", ".join(
            f"{r['clients']} clients {r.get('subgraph_calls_per_request')}"
            for r in read.get("single_gateway") or []
            if "clients" in r
        )
        + ".",
        "",
    ]
    hot = read.get("people_hot_spots")
    if hot:
        out += [
            "### Where people spends its time (py-spy, 10 clients, single query)",
            "",
            "```",
            *hot,
            "```",
            "",
        ]
    out += [
        "## Query plans",
        "",
        f"`python -m bench.plans`: the read-path queries run once through the gateway with "
        f"MongoDB's profiler on. Data: {plans.get('data')}; query errors: "
        f"{plans.get('query_errors') or 'none'}.",
        "",
        "| service | collection | op | filter shape | plan | runs | max docs / keys "
        "examined | max returned |",
        "|---|---|---|---|---|---:|---|---:|",
    ]
    for row in plans.get("queries", []):
        filter_text = json.dumps(row["filter"])[:120].replace("|", "\\|")
        out.append(
            f"| {row['service']} | {row['collection']} | {row['op']} | `{filter_text}` | "
            f"{row['plan']} | {row['count']} | {row['max_docs_examined']} / "
            f"{row['max_keys_examined']} | {row['max_returned']} |"
        )
    out += _growth_section(_load("growth"))
    out += _scale_section(_load("scale_district"))
    path.write_text("\n".join(out))


def _stats_at_million(growth: dict[str, Any]) -> str:
    label = "| district-year statistics < 50 ms at 1M cases (p50 / p99, in process) |"
    row = next((r for r in growth.get("sizes") or [] if r.get("size") == 1_000_000), None)
    stats = (row or {}).get("stats_district_year")
    if not stats:
        return f"{label} not measured at 1M in this run (`--growth-million`) | n/a |"
    p50, p99 = stats["p50_ms"], stats["p99_ms"]
    verdict = (
        "**met**" if p99 < 50 else ("**met** at p50, not at p99" if p50 < 50 else "**missed**")
    )
    return f"{label} {p50} / {p99} ms | {verdict} |"


def _scale_section(scale: dict[str, Any]) -> list[str]:
    """## Scale data: the district's people (bench.scale_district), loaded and read."""
    out = ["", "## Scale data: a district's people", ""]
    if not scale:
        return [*out, "Not measured in this run (`python -m bench.scale_district`).", ""]
    counts = scale.get("counts", {})
    out += [
        "`python -m bench.scale_district` (seed "
        f"{scale.get('seed')}): through people's own bulk mutations, so its rules hold; cases "
        "and points run beside it and project everything people publishes. Counts: "
        + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in counts.items())
        + f"; loaded in {scale.get('load_seconds')} s.",
        "",
        "| stage | count | seconds | per second |",
        "|---|---:|---:|---:|",
    ]
    for name, stage in (scale.get("stages") or {}).items():
        out.append(
            f"| {name.replace('_', ' ')} | {stage['count']:,} | {stage['seconds']} | "
            f"{stage['per_s']} |"
        )
    catch = scale.get("projection_catch_up") or {}
    out += [
        "",
        "Seconds after the load ended until: "
        + ", ".join(f"{k.removesuffix('_s').replace('_', ' ')} {v}" for k, v in catch.items())
        + ".",
        "",
        "| read at this size (people directly) | clients | req/s | p50 ms | p99 ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, row in (scale.get("reads_people_direct") or {}).items():
        label, _, clients = name.rpartition("_clients")[0].rpartition("_")
        out.append(
            f"| {label.replace('_', ' ')} | {clients} | {row['req_per_s']} | {row['p50_ms']} | "
            f"{row['p99_ms']} |"
        )
    return [*out, ""]


_GROWTH_ROWS = [
    ("stats_district_year", "caseStats, district, calendar year"),
    ("stats_district_year_no_graphql", "the same, adapter only (no GraphQL)"),
    ("stats_district_year_aggregation", "the same by one aggregation over cases (before rollups)"),
    ("stats_community_year", "caseStats, a community, calendar year"),
    ("dashboard_community", "dashboard cases page (first 50 + totalCount), a community"),
    ("dashboard_district", "dashboard cases page, the district"),
    ("board_community", "order board (first 20 + totalCount), a community"),
    ("board_district", "order board, the district"),
]


def _growth_section(growth: dict[str, Any]) -> list[str]:
    """## Growth: the reads at each size (bench.growth), and their plans."""
    out = ["", "## Growth", ""]
    sizes = growth.get("sizes") or []
    if not sizes:
        return [*out, "Not measured in this run (`python -m bench.growth`).", ""]
    out += [
        "`python -m bench.growth`: a district of "
        f"{growth.get('district', {}).get('org_units', '?')} org units; cases built with the "
        "cases domain over three years (seed "
        f"{growth.get('seed')}) and written through the repository (rollups in the same "
        "transaction); each read run in process through the cases schema. p50 / p99 ms.",
        "",
        "| read | " + " | ".join(f"{r['size']:,} cases" for r in sizes) + " |",
        "|---|" + "---:|" * len(sizes),
    ]
    for key, label in _GROWTH_ROWS:
        cells = [f"{r[key]['p50_ms']} / {r[key]['p99_ms']}" if key in r else "—" for r in sizes]
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    loads = [f"{r['load']['cases_per_s']}/s" for r in sizes]
    out.append("| load rate (cases/s, this step) | " + " | ".join(loads) + " |")
    docs = [f"{r.get('rollup_documents', '?'):,}" for r in sizes]
    out.append("| rollup documents | " + " | ".join(docs) + " |")
    largest = sizes[-1]
    collscans = sum(q["collscan"] for r in sizes for q in r.get("explain", {}).values())
    out += [
        "",
        f"Plans (`explain`, executionStats) at {largest['size']:,} cases; COLLSCAN at any "
        f"size: {collscans}.",
        "",
        "| query | winning plan | keys examined | docs examined |",
        "|---|---|---:|---:|",
    ]
    for name, q in largest.get("explain", {}).items():
        plan = " → ".join(q["stages"])
        out.append(f"| {name} | {plan} | {q['keys_examined']} | {q['docs_examined']} |")
    return [*out, ""]


def _spread(summary: dict[str, Any], name: str, unit: str) -> str:
    figure = summary.get(name)
    if not figure:
        return "not measured"
    return f"{figure['median']} {unit} ({figure['min']} to {figure['max']})"


def participation_section(data: dict[str, Any]) -> list[str]:
    """Attendances confirmed through participation to their awards: medians over the rounds,
    with the lowest and highest round in brackets."""
    rounds = data.get("rounds") or []
    if not rounds:
        return []
    summary = data.get("summary") or {}
    first = rounds[0]
    sequential = first.get("sequential", {})
    drain = first.get("drain", {})
    load = (data.get("machine") or {}).get("loadavg_1_5_15")
    return [
        "### Attendances end to end (`python -m bench.participation_pipeline`)",
        "",
        "participation `confirmAttendance` (the organizer of a weekly service day, called "
        "directly, one confirmation after another) → outbox → relay → RabbitMQ → points' "
        "awards consumer → award committed in `ledger` (an `activity.attended` rule: 5 points "
        "plus 2 per whole hour). Latency runs from `confirmAttendance` returning to the ledger "
        "entry existing; the drain queues attendances while points is down, then one points "
        f"process awards them. {len(rounds)} round(s), each on a stack of its own "
        f"({sequential.get('attendances')} sequential and {drain.get('attendances')} drained "
        f"attendances, {first.get('volunteers')} volunteers); median (lowest to highest "
        f"round). Load average (1/5/15 min) when the rounds ended: {load}.",
        "",
        "| figure | value |",
        "|---|---:|",
        f"| latency confirmAttendance → ledger entry, p50 | "
        f"{_spread(summary, 'latency_p50_ms', 'ms')} |",
        f"| same, p99 | {_spread(summary, 'latency_p99_ms', 'ms')} |",
        f"| sequential confirmations awarded | "
        f"{_spread(summary, 'sequential_awarded_per_s', '/s')} |",
        f"| drain: attendances awarded by one points process | "
        f"{_spread(summary, 'drain_awarded_per_s', '/s')} |",
        f"| CPU per attendance, sequential part (participation, points, mongod, broker) | "
        f"{_spread(summary, 'cpu_ms_per_attendance', 'ms')} |",
        "| same by process, each round | "
        + "; ".join(
            f"round {n}: {_cpu_ms(r.get('sequential', {}).get('cpu_ms_per_attendance'))}"
            for n, r in enumerate(rounds, 1)
        )
        + " |",
        "| drain: CPU per attendance by process, each round | "
        + "; ".join(
            f"round {n}: {_cpu_per_event(r.get('drain', {}).get('cpu_us_per_attendance'))}"
            for n, r in enumerate(rounds, 1)
        )
        + " |",
        "| drain: events per consumer transaction (mean batch), each round | "
        + ", ".join(str(r.get("drain", {}).get("mean_batch")) for r in rounds)
        + " |",
        "| ledger entries / attendances confirmed, each round | "
        + ", ".join(f"{r.get('ledger_entries')} / {r.get('attendances_confirmed')}" for r in rounds)
        + " |",
        "",
    ]


def subscribers_section(data: dict[str, Any]) -> list[str]:
    """Live subscribers of one community receiving an assignment: each round's figures."""
    rounds = data.get("rounds") or []
    if not rounds:
        return []
    load = (data.get("machine") or {}).get("loadavg_1_5_15")
    return [
        "### Live subscribers (`python -m bench.subscribers`)",
        "",
        f"{data.get('subscribers')} SSE subscribers of one community's `caseChanged`, through "
        "the gateway to cases' first replica; `assignCase` sent to the second replica. Latency "
        "runs from sending `assignCase` to each subscriber parsing the change (outbox, relay, "
        "RabbitMQ, the first replica's live queue and hub, its streams, the gateway, the "
        "client, which parses all of them in one process). "
        f"Live: {data.get('live_subscribers')}, failed: {data.get('failed_subscribers')}. "
        f"Load average (1/5/15 min) at the end: {load}.",
        "",
        "| round | received | p50 | p99 | max |",
        "|---:|---:|---:|---:|---:|",
        *(
            f"| {n} | {r.get('received')} | {r.get('p50_ms')} ms | {r.get('p99_ms')} ms | "
            f"{r.get('max_ms')} ms |"
            for n, r in enumerate(rounds, 1)
        ),
        f"| median p99 (spread) | | | {data.get('p99_ms_median')} ms "
        f"({data.get('p99_ms_spread')} ms) | |",
        "",
    ]
