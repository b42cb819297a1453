"""Container health probe for the Python services: exit 0 on a 2xx answer, 1 otherwise.

The slim base image has no curl, so the image's HEALTHCHECK and docker-compose.yml call this
script, which needs nothing but the standard library.

    python /opt/grassroots/healthcheck.py [URL]

Without URL it asks http://127.0.0.1:$PORT/health/live.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

TIMEOUT_SECONDS = 3.0


def default_url() -> str:
    return f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/health/live"


def probe(url: str) -> int:
    # No proxy: a proxy variable set for outbound traffic must not capture the probe of localhost.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=TIMEOUT_SECONDS) as response:
            status: int = response.status
    except (urllib.error.URLError, OSError, ValueError) as error:
        print(f"unhealthy: {url}: {error}", file=sys.stderr)
        return 1
    return 0 if 200 <= status < 300 else 1


def main(argv: list[str]) -> int:
    return probe(argv[1] if len(argv) > 1 else default_url())


if __name__ == "__main__":
    sys.exit(main(sys.argv))
