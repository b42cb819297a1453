"""Run every scenario one after another (bounded) and rewrite bench/RESULTS.md.

python -m bench.run_all [--quick]        (or: make bench)
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from typing import Any

from bench._common import OUT, ROOT, machine
from bench.report import write_report
from tests.support.private_rabbit import PrivateRabbit

SCENARIOS: dict[str, tuple[list[str], list[str], int]] = {
    # name: (full args, quick args, time limit in seconds)
    "raw_rates": (
        ["--messages", "3000", "--transactions", "1500"],
        ["--messages", "500", "--transactions", "300"],
        240,
    ),
    "pipeline": (
        ["--latency-events", "100", "--drain-events", "4000"],
        ["--latency-events", "20", "--drain-events", "60"],
        300,
    ),
    "close_pipeline": (
        ["--cases", "100", "--clients", "8", "--rate", "200", "--rate-seconds", "10"],
        ["--cases", "15", "--clients", "4", "--rate", "200", "--rate-seconds", "2"],
        480,
    ),
    "participation_pipeline": (
        ["--latency-events", "100", "--drain-events", "400", "--rounds", "3"],
        ["--latency-events", "20", "--drain-events", "40", "--rounds", "1"],
        600,
    ),
    "read_path": (
        ["--seconds", "5", "--cases", "60", "--profile"],
        ["--seconds", "2", "--cases", "20"],
        420,
    ),
    "plans": (["--cases", "300"], ["--cases", "40"], 300),
    "subscribers": (["--subscribers", "1000", "--rounds", "3"], ["--subscribers", "50"], 600),
    "scale_district": (
        [],
        ["--residents", "1000", "--households", "300", "--chiefs", "50", "--staff", "20"],
        900,
    ),
    # 1M cases takes longer than `make bench` should: --growth-million adds it (limit 1 h).
    "growth": (["--sizes", "10000", "100000"], ["--quick"], 900),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small figures, a smoke run")
    parser.add_argument("--only", nargs="*", choices=sorted(SCENARIOS))
    parser.add_argument(
        "--growth-million", action="store_true", help="growth up to 1M cases (up to an hour)"
    )
    parser.add_argument(
        "--private-broker",
        action="store_true",
        help="run against a RabbitMQ node of our own (free ports), not the machine's",
    )
    args = parser.parse_args()
    rabbit: PrivateRabbit | None = None
    if args.private_broker:
        rabbit = PrivateRabbit()
        rabbit.start()
        os.environ["AMQP_URL"] = rabbit.url
        os.environ["BENCH_RABBIT_NODE"] = rabbit.node
    try:
        _run(args)
    finally:
        if rabbit is not None:
            rabbit.destroy()


def _run(args: argparse.Namespace) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    before = machine()
    outcomes: dict[str, Any] = {}
    for name, (full, quick, limit) in SCENARIOS.items():
        if args.only and name not in args.only:
            continue
        if name == "growth" and args.growth_million and not args.quick:
            full, limit = [*full, "1000000"], 3600
        (OUT / f"{name}.json").unlink(missing_ok=True)
        command = [sys.executable, "-m", f"bench.{name}", *(quick if args.quick else full)]
        print(f"== {' '.join(command[1:])}", flush=True)
        t0 = time.monotonic()
        # A session of its own: on a timeout the whole group goes (its mongod and services too).
        child = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ,
            start_new_session=True,
        )
        try:
            _, stderr = child.communicate(timeout=limit)
            status = "ok" if child.returncode == 0 else f"exit {child.returncode}"
            if child.returncode:
                print(stderr[-3000:], file=sys.stderr)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGTERM)
            try:
                child.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.communicate()
            status = f"timed out after {limit}s"
        outcomes[name] = {"status": status, "seconds": round(time.monotonic() - t0, 1)}
        print(f"   {status} in {outcomes[name]['seconds']}s", flush=True)
    run = {
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine_before": before,
        "machine_after": machine(),
        "command": "python -m bench.run_all"
        + (" --quick" if args.quick else "")
        + (" --private-broker" if args.private_broker else "")
        + (" --growth-million" if args.growth_million and not args.quick else ""),
        "scenarios": outcomes,
    }
    (OUT / "run.json").write_text(json.dumps(run, indent=2))
    write_report(ROOT / "bench" / "RESULTS.md")
    print(f"wrote {ROOT / 'bench' / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
