"""Run the cluster fault campaigns (tests/faults/test_cluster_*.py) and print their figures.

    python -m bench.cluster_faults [pytest -k expression]

Each campaign writes one JSON file of figures (tests/faults/_cluster.py, `Figures`) into
bench/out/cluster-faults/; this prints them as the table in tests/faults/README.md. Needs root
(the clusters' members run in network namespaces) and takes about seven minutes on two cores.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "cluster-faults"
CAMPAIGNS = [
    "tests/faults/test_cluster_mongo.py",
    "tests/faults/test_cluster_rabbit.py",
    "tests/faults/test_cluster_rolling.py",
]
COLUMNS = (
    ("campaign", "campaign"),
    ("errors_answered", "errors answered"),
    ("seconds_until_writes_succeed", "s until writes succeed"),
    ("slowest_call_seconds", "slowest call s"),
    ("seconds_until_drained", "s until drained"),
)


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.json"):
        old.unlink()
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-n",
        "0",
        "-p",
        "no:cacheprovider",
        *CAMPAIGNS,
    ]
    if argv:
        command += ["-k", " ".join(argv)]
    done = subprocess.run(command, cwd=ROOT, env={**os.environ, "CLUSTER_FAULTS_RESULTS": str(OUT)})
    print(table(sorted(OUT.glob("*.json"))))
    return done.returncode


def table(files: list[Path]) -> str:
    rows = [json.loads(path.read_text()) for path in files]
    lines = [
        "| " + " | ".join(title for _, title in COLUMNS) + " | other |",
        "|" + "---|" * (len(COLUMNS) + 1),
    ]
    for row in rows:
        shown = [str(row.get(key, "")) for key, _ in COLUMNS]
        hidden = {*dict(COLUMNS), "calls_after_fault", "writes_succeeded"}
        rest = {k: v for k, v in row.items() if k not in hidden}
        lines.append("| " + " | ".join(shown) + f" | {json.dumps(rest, ensure_ascii=False)} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
