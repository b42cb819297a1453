"""Run the Grassroots stack on this machine; see docs/local-stack.md.

.venv/bin/python scripts/stack.py up [--replicas N]
.venv/bin/python scripts/stack.py down | status | logs [service] [-f]
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

# Run as a file, so make the repository root importable (as scripts/demo_data.py does).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.localstack import commands, procs, proxy
from scripts.localstack.cli import parse_args
from scripts.localstack.errors import StackError
from scripts.localstack.layout import REPO_ROOT, Layout


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    layout = Layout(REPO_ROOT)
    try:
        if args.command in ("up", "down"):
            with procs.exclusive(layout.run / "stack.lock") as mine:
                if not mine:
                    raise StackError("another `up` or `down` runs in this checkout; let it finish.")
                if args.command == "down":
                    return commands.down(layout)
                return commands.up(
                    layout,
                    replicas=args.replicas,
                    timeout=args.timeout,
                    demo=args.demo,
                    gateway=args.gateway,
                    cluster=args.cluster,
                )
        if args.command == "status":
            return commands.status(layout)
        if args.command == "logs":
            return commands.logs(layout, service=args.service, follow=args.follow, lines=args.lines)
        if args.command == "proxy":
            proxy.serve(args.port, args.upstream)
            return 0
    except StackError as exc:
        print(f"stack: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`stack.py status | head`): quietly stop writing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    raise AssertionError(f"unknown command {args.command}")


if __name__ == "__main__":
    sys.exit(main())
