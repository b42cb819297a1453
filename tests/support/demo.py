"""Loading the demo area into a running stack, for tests that need its cast."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.support.stack import ROOT, Stack

# Every named demo person logs in with this password (scripts/demo/people_cast.py).
DEMO_PASSWORD = "grassroots-demo"


def run_loader(stack: Stack) -> str:
    """Run scripts/demo_data.py against the stack's gateway; its output, or fail with stderr."""
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "demo_data.py"),
            "--graphql",
            f"{stack.gateway.url}/graphql",
        ],
        env={**os.environ, **stack.admin_login_env()},
        capture_output=True,
        text=True,
        # The first load works the named cases live, imports a year of cases and replays their
        # closings into points: minutes on a loaded 2-core machine.
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout
