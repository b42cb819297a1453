"""examples/frontend: typed operations that are fresh and registered, its unit tests, and the
community dashboard in headless Chromium against a real stack (screenshots in test-artifacts/):
open cases with their photos' thumbnails, the cases near a chosen one, and the order board
updating live when another client posts an order."""

from __future__ import annotations

import functools
import json
import random
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from grassroots_kit.geo import GeoPoint, destination

from tests.cases.e2e_area import Area, make_area
from tests.gateway.conftest import Gateway
from tests.support.photos import photo
from tests.support.stack import ROOT

FRONTEND = ROOT / "examples" / "frontend"
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = ROOT / "test-artifacts" / "frontend-dashboard.png"
PASSWORD = "frontend-Demo-2026"
UPLOAD = """mutation($i: RequestPhotoUploadInput!) {
  requestPhotoUpload(input: $i) { mediaId uploadUrl } }"""


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args), cwd=FRONTEND, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="module")
def frontend() -> Path:
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is not on PATH")
    if not (FRONTEND / "node_modules" / "vite").is_dir():
        # `npm ci`: exactly the locked versions. The lockfile lists rollup's native package for
        # every platform (npm skips the others), so it holds whichever of them the registry has.
        installed = run(npm, "ci", "--no-audit", "--no-fund", timeout=600)
        assert installed.returncode == 0, installed.stderr
    return FRONTEND


def test_the_page_type_checks_and_its_operations_run_on_the_current_supergraph(
    frontend: Path,
) -> None:
    # src/gql is generated and committed (`npm run codegen`); the schema keeps growing under it,
    # so what must hold is that the page compiles and its operations still validate
    compiled = run("npx", "tsc", "-p", ".")
    validated = subprocess.run(
        ["node", str(ROOT / "gateway" / "persist.mjs"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert compiled.returncode == 0, compiled.stdout[-3000:]
    assert validated.returncode == 0, validated.stderr


def test_the_pages_operations_are_registered_for_production(frontend: Path) -> None:
    manifest = json.loads((FRONTEND / "src" / "gql" / "persisted-documents.json").read_text())
    committed = json.loads((ROOT / "gateway" / "persisted-operations.json").read_text())

    missing = set(manifest) - set(committed["operations"])

    assert not missing, (
        "run `node gateway/persist.mjs examples/frontend/src/gql/persisted-documents.json`"
    )


def test_the_unit_tests_pass(frontend: Path) -> None:
    completed = run("npx", "vitest", "run")

    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-2000:]


def uploaded_photo(area: Area, gateway: Gateway) -> str:
    """A 640 by 480 JPEG made with Pillow, uploaded through the gateway by the area's resident."""
    ticket = area.act("resident", UPLOAD, {"i": {"purpose": "REPORT"}})["requestPhotoUpload"]
    put = httpx.put(
        f"{gateway.process.url}{ticket['uploadUrl']}", content=photo("JPEG", (640, 480)), timeout=60
    )
    assert put.status_code == 201, put.text
    media_id: str = ticket["mediaId"]
    return media_id


def placed(point: GeoPoint) -> dict[str, float]:
    return {"lat": point.lat, "lng": point.lng}


@pytest.fixture(scope="module")
def built(frontend: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("frontend-dist")
    completed = run("npx", "vite", "build", "--outDir", str(out), "--emptyOutDir")
    assert completed.returncode == 0, completed.stderr
    return out


@pytest.fixture(scope="module")
def page_server(built: Path) -> Iterator[str]:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()


def test_the_dashboard_renders_in_headless_chromium(
    frontend: Path, page_server: str, gateway: Gateway, admin_token: str
) -> None:
    if not CHROMIUM.exists():
        pytest.skip("no Chromium at /usr/bin/chromium: `apt-get install chromium` to run this test")
    # given a community with open cases: one with a photo at a gate, one 200 m east of it and
    # one 700 m north (outside the page's 500 m), and a staff member of it who can log in
    area = make_area(gateway.url)
    gate = GeoPoint(45.70 + random.random() / 10, 126.60 + random.random() / 10)
    area.report(
        "Frontend: blocked drain", mediaIds=[uploaded_photo(area, gateway)], location=placed(gate)
    )
    bench = area.report(
        "Frontend: broken bench", who="staff", location=placed(destination(gate, 90, 200))
    )
    area.report("Frontend: dark lamp post", location=placed(destination(gate, 0, 700)))
    # and an errand with no place (so never "nearby"), to be posted to the order board live
    errand = area.report("Frontend: carry groceries upstairs")
    phone = "139" + "".join(random.choice("0123456789") for _ in range(8))
    registered = gateway.query(
        """mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }""",
        {"i": {"name": "Staff Wang", "phone": phone, "password": PASSWORD,
               "orgUnitId": area.units["building"]}},
        token=admin_token,
    )  # fmt: skip
    person = registered["data"]["registerPerson"]["person"]["id"]
    assigned = gateway.query(
        """mutation($i: AssignRoleInput!) { assignRole(input: $i) { __typename } }""",
        {
            "i": {
                "personId": person,
                "role": "COMMUNITY_STAFF",
                "orgUnitId": area.units["community"],
            }
        },
        token=admin_token,
    )
    assert "errors" not in assigned, assigned

    # when the page is opened and the staff member logs in
    completed = subprocess.run(
        ["node", "e2e/dashboard.mjs", "--page", f"{page_server}?graphql={gateway.url}",
         "--phone", phone, "--password", PASSWORD, "--screenshot", str(SCREENSHOT),
         "--nearby", "Frontend: blocked drain",
         # and, once it shows, community staff on another client post a case to the board
         "--post-order", errand["id"], "--graphql", gateway.url, "--token", area.tokens["staff"]],
        cwd=FRONTEND, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip

    # then the dashboard shows the community's open cases with names, statistics and the chart,
    # statuses and categories by their Chinese labels from `vocabulary` (the page's default)
    assert completed.returncode == 0, completed.stderr
    shown = json.loads(completed.stdout.strip().splitlines()[-1])
    assert shown["title"].startswith("E2E community")
    titles = {row[1]: row for row in shown["cases"]}
    assert {"Frontend: blocked drain", "Frontend: broken bench"} <= set(titles)
    assert titles["Frontend: blocked drain"][3].startswith("resident")
    assert "collected" in shown["stats"]
    assert shown["chart"] >= 2
    assert shown["lang"] == "zh-CN"
    assert titles["Frontend: blocked drain"][2] in {"已上报", "已受理", "已分派", "办理中"}
    assert "供水排水" in shown["chartLabels"]
    assert SCREENSHOT.stat().st_size > 10_000
    # the photo's thumbnail loaded in Chromium from its signed gateway URL, and a click on it
    # opened the full photo
    assert [(p["case"], p["naturalWidth"]) for p in shown["photos"]] == [
        ("Frontend: blocked drain", 320)
    ]
    assert shown["photos"][0]["src"].startswith(f"{gateway.process.url}/media/cases/file/")
    assert shown["fullPhoto"] == {"url": shown["photos"][0]["href"], "naturalWidth": 640}
    # "Nearby" on the drain lists the bench 200 m away, by its labels, and not the lamp post
    # (nor the errand, which has no place)
    assert shown["nearby"]["heading"] == f"Within 500 m of {titles['Frontend: blocked drain'][0]}"
    assert [row[:2] + row[3:] for row in shown["nearby"]["cases"]] == [
        [bench["number"], "Frontend: broken bench", "供水排水", "200 m"]
    ]
    assert shown["nearby"]["cases"][0][2] in {"已上报", "已受理", "已分派", "办理中"}
    # and the order board showed the posted order without a reload (a live subscription)
    assert errand["number"] in shown["liveOrder"]
    assert shown["liveOrderCount"] == "1"
