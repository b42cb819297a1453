"""Static checks of the container images: the Dockerfiles, .dockerignore and the health probe.

No Docker engine is needed: the Dockerfiles are parsed with dockerfile-parse and checked for the
properties the images must have (multi-stage, pinned bases, non-root, health check, labels).
"""

from __future__ import annotations

import http.server
import json
import re
import subprocess
import sys
import threading
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from dockerfile_parse import DockerfileParser

ROOT = Path(__file__).resolve().parents[2]
SERVICES = {
    "people": 4001,
    "cases": 4002,
    "points": 4003,
    "participation": 4004,
    "notifications": 4005,
}
GATEWAY_PORT = 4000
# One Dockerfile for every Python service, told which by the build arguments SERVICE and PORT.
SERVICE_DOCKERFILE = ROOT / "deploy" / "docker" / "service.Dockerfile"
DOCKERFILES = {name: SERVICE_DOCKERFILE for name in SERVICES} | {
    "gateway": ROOT / "gateway" / "Dockerfile"
}
HEALTHCHECK_SCRIPT = ROOT / "deploy" / "docker" / "healthcheck.py"
BUILD_TOOLS = re.compile(
    r"\b(build-essential|gcc|g\+\+|clang|make|cmake|python3?-dev|libc6?-dev|libpq-dev|git)\b"
)


@dataclass
class Instruction:
    name: str
    value: str


@dataclass
class Stage:
    base: str
    alias: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def values(self, name: str) -> list[str]:
        return [i.value for i in self.instructions if i.name == name]


@dataclass
class Dockerfile:
    path: Path
    global_args: dict[str, str]
    stages: list[Stage]

    @property
    def final(self) -> Stage:
        return self.stages[-1]

    def stage(self, alias: str) -> Stage:
        return next(s for s in self.stages if s.alias == alias)

    @property
    def aliases(self) -> set[str]:
        return {s.alias for s in self.stages if s.alias}


def _substitute(text: str, args: dict[str, str]) -> str:
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: args.get(m[1] or m[2], m[0]), text)


# A stage's build arguments are expanded by Docker (COPY, ENV, LABEL, EXPOSE, ...) or, in RUN, by
# the shell, which has them in its environment; the container's commands run without them.
NOT_EXPANDED = {"CMD", "ENTRYPOINT", "HEALTHCHECK"}


def parse(path: Path, build_args: dict[str, str] | None = None) -> Dockerfile:
    """The Dockerfile's stages, with the given `build_args` (`--build-arg`) expanded as Docker
    would; other arguments stay as `${NAME}`."""
    given = build_args or {}
    parser = DockerfileParser(path=str(path), cache_content=True)
    global_args: dict[str, str] = {}
    stages: list[Stage] = []
    stage_args: dict[str, str] = {}
    for item in parser.structure:
        name, value = item["instruction"], item["value"]
        if name == "COMMENT":
            continue
        if name == "FROM":
            words = value.split()
            alias = words[2] if len(words) == 3 and words[1].upper() == "AS" else None
            stages.append(Stage(base=_substitute(words[0], global_args), alias=alias))
            stage_args = {}
        elif not stages:
            assert name == "ARG", f"{path}: only ARG may come before the first FROM, got {name}"
            key, _, default = value.partition("=")
            global_args[key.strip()] = given.get(key.strip(), default.strip())
        else:
            if name == "ARG" and value.partition("=")[0].strip() in given:
                key = value.partition("=")[0].strip()
                stage_args[key] = given[key]
            elif name not in NOT_EXPANDED:
                value = _substitute(value, stage_args)
            stages[-1].instructions.append(Instruction(name, value))
    return Dockerfile(path, global_args, stages)


def build_args(name: str) -> dict[str, str]:
    """What docker-compose.yml passes besides VERSION and GIT_REVISION (test_compose.py)."""
    return {} if name == "gateway" else {"SERVICE": name, "PORT": str(SERVICES[name])}


def image_of(name: str) -> Dockerfile:
    return parse(DOCKERFILES[name], build_args(name))


@pytest.fixture(scope="module", params=sorted(DOCKERFILES))
def image(request: pytest.FixtureRequest) -> tuple[str, Dockerfile]:
    name: str = request.param
    return name, image_of(name)


def _labels(stage: Stage) -> dict[str, str]:
    labels: dict[str, str] = {}
    for value in stage.values("LABEL"):
        for key, val in re.findall(r'([\w.\-]+)=("(?:[^"\\]|\\.)*"|\S+)', value):
            labels[key] = val.strip('"')
    return labels


def _env(stage: Stage) -> dict[str, str]:
    env: dict[str, str] = {}
    for value in stage.values("ENV"):
        for key, val in re.findall(r'(\w+)=("(?:[^"\\]|\\.)*"|\S+)', value):
            env[key] = val.strip('"')
    return env


def _exec_form(value: str) -> list[str]:
    parsed = json.loads(value)
    assert isinstance(parsed, list), f"not the exec form: {value}"
    return [str(word) for word in parsed]


def _copy_sources(dockerfile: Dockerfile) -> list[str]:
    """Paths of the build context that COPY/ADD take (not those copied from another stage)."""
    sources: list[str] = []
    for stage in dockerfile.stages:
        for instruction in stage.instructions:
            if instruction.name not in {"COPY", "ADD"}:
                continue
            words = [w for w in instruction.value.split() if not w.startswith("--")]
            if "--from=" in instruction.value:
                continue
            sources.extend(words[:-1])
    return sources


# ---- structure ----------------------------------------------------------------------------------


def test_every_image_has_a_dockerfile() -> None:
    for path in DOCKERFILES.values():
        assert path.is_file(), path


def test_images_are_multi_stage_and_the_final_stage_copies_from_a_build_stage(
    image: tuple[str, Dockerfile],
) -> None:
    _, dockerfile = image
    assert len(dockerfile.stages) >= 2
    copies_from = {
        m for v in dockerfile.final.values("COPY") for m in re.findall(r"--from=(\S+)", v)
    }
    assert copies_from
    assert copies_from <= dockerfile.aliases
    assert dockerfile.final.alias == "runtime", "the default target is the runtime stage"


def test_base_images_are_pinned_by_version_and_digest(image: tuple[str, Dockerfile]) -> None:
    _, dockerfile = image
    bases = {s.base for s in dockerfile.stages if s.base not in dockerfile.aliases}
    assert bases, "no external base image"
    for base in bases:
        match = re.fullmatch(r"([\w./-]+):([\w.-]+)@sha256:([0-9a-f]{64})", base)
        assert match, f"{base}: pin as name:tag@sha256:digest"
        tag = match[2]
        assert re.match(r"\d+\.\d+\.\d+-", tag), f"{base}: the tag needs a full version"
    assert len(bases) == 1, "build and runtime stages share one base (same libc and Python/Node)"


def test_service_images_use_python_3_11_slim_bookworm() -> None:
    for name in SERVICES:
        for stage in image_of(name).stages:
            assert stage.base.startswith("python:3.11.")
            assert "-slim-bookworm@" in stage.base
    for stage in image_of("gateway").stages:
        # Node.js 24, an LTS line (20 reached its end of life on 2026-04-30).
        assert stage.base.startswith("node:24.")
        assert "-bookworm-slim@" in stage.base


def test_gateway_image_labels_name_the_base_it_is_built_on() -> None:
    dockerfile = image_of("gateway")
    base = dockerfile.final.base.split("@", 1)[0]
    labels = " ".join(dockerfile.final.values("LABEL"))
    assert f'org.opencontainers.image.base.name="docker.io/library/{base}"' in labels


def test_final_stage_runs_as_a_numeric_non_root_user(image: tuple[str, Dockerfile]) -> None:
    _, dockerfile = image
    users = dockerfile.final.values("USER")
    assert users, "the final stage sets no USER"
    uid = users[-1].split(":")[0]
    assert uid.isdigit(), f"USER {users[-1]}: numeric, so that runAsNonRoot can verify it"
    assert int(uid) != 0, f"USER {users[-1]}: not root"


def test_final_stage_has_a_healthcheck_in_exec_form(image: tuple[str, Dockerfile]) -> None:
    name, dockerfile = image
    checks = dockerfile.final.values("HEALTHCHECK")
    assert len(checks) == 1
    command = _exec_form(checks[0].split("CMD", 1)[1].strip())
    if name == "gateway":
        assert command[0] == "node"
        assert "/healthcheck" in command[-1]
    else:
        assert command == ["python", "/opt/grassroots/healthcheck.py"]
        copied = " ".join(dockerfile.final.values("COPY"))
        assert "deploy/docker/healthcheck.py /opt/grassroots/healthcheck.py" in copied


def test_final_stage_installs_no_build_tools(image: tuple[str, Dockerfile]) -> None:
    _, dockerfile = image
    for run in dockerfile.final.values("RUN"):
        if "install" in run:
            assert not BUILD_TOOLS.search(run), f"build tools in the final stage: {run}"
        assert "pip install" not in run, "install in the build stage"
        assert "npm " not in run, "install in the build stage"


def test_final_stage_labels_and_environment_carry_version_and_revision(
    image: tuple[str, Dockerfile],
) -> None:
    name, dockerfile = image
    final = dockerfile.final
    args = {v.split("=")[0] for v in final.values("ARG")}
    assert {"VERSION", "GIT_REVISION"} <= args
    labels = _labels(final)
    assert labels["org.opencontainers.image.version"] == "${VERSION}"
    assert labels["org.opencontainers.image.revision"] == "${GIT_REVISION}"
    assert labels["org.opencontainers.image.title"] == f"grassroots-{name}"
    assert "org.opencontainers.image.description" in labels
    env = _env(final)
    assert env["SERVICE_VERSION"] == "${VERSION}"
    assert env["GIT_REVISION"] == "${GIT_REVISION}"


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_service_image_listens_where_the_conventions_say(name: str) -> None:
    final = image_of(name).final
    port = SERVICES[name]
    assert final.values("EXPOSE") == [str(port)]
    env = _env(final)
    assert env["PORT"] == str(port)
    assert env["HOST"] == "0.0.0.0", (
        "the conventions' default 127.0.0.1 is unreachable in a container"
    )
    assert "/opt/venv/bin" in env["PATH"]
    assert env["GRASSROOTS_SERVICE"] == name
    # sh expands the module name and execs Python, which so runs as PID 1 and gets SIGTERM.
    assert _exec_form(final.values("CMD")[-1]) == [
        "sh",
        "-c",
        'exec python -m "grassroots_${GRASSROOTS_SERVICE}"',
    ]


def test_python_services_share_one_dockerfile() -> None:
    assert SERVICE_DOCKERFILE.is_file()
    assert sorted(ROOT.glob("services/*/Dockerfile")) == [], "use deploy/docker/service.Dockerfile"


def test_service_dockerfile_refuses_a_build_without_service_or_port() -> None:
    """Without SERVICE, `COPY services/${SERVICE}/` would take every service; without PORT the
    image would listen nowhere its health check asks."""
    dockerfile = parse(SERVICE_DOCKERFILE)
    builder = dockerfile.stage("builder")
    names = [i.name for i in builder.instructions]
    check = names.index("RUN")
    assert 'case "${SERVICE}"' in builder.instructions[check].value
    assert "exit 64" in builder.instructions[check].value
    assert check < names.index("COPY"), "the check runs before anything is copied"
    assert 'case "${PORT}"' in dockerfile.final.values("RUN")[0]
    for stage in (builder, dockerfile.final):
        args = {v.partition("=")[0]: v.partition("=")[2] for v in stage.values("ARG")}
        assert args.get("SERVICE", "") == "", "no default service: a build must name one"


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_service_builder_installs_with_the_repository_pins(name: str) -> None:
    builder = image_of(name).stage("builder")
    runs = " ".join(builder.values("RUN"))
    assert "python -m venv /opt/venv" in runs
    assert "pip install --constraint constraints.txt " in runs
    assert "constraints.txt ./" in builder.values("COPY")


def _local_requirements(project: Path) -> set[str]:
    """The repository's own packages (libs/<name>) that a project needs, transitively."""
    needed: set[str] = set()
    pending = [project]
    while pending:
        data = tomllib.loads((pending.pop() / "pyproject.toml").read_text())
        for requirement in data["project"].get("dependencies", []):
            dist = re.split(r"[\s\[<>=!~;@]", requirement, maxsplit=1)[0].lower()
            lib = dist.removeprefix("grassroots-")
            if dist.startswith("grassroots-") and lib not in needed:
                needed.add(lib)
                pending.append(ROOT / "libs" / lib)
    return needed


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_service_builder_installs_every_local_package_the_service_needs(name: str) -> None:
    _landed(ROOT / "services" / name / "pyproject.toml")
    builder = image_of(name).stage("builder")
    install = next(r for r in builder.values("RUN") if "pip install" in r)
    copied = builder.values("COPY")
    for lib in sorted(_local_requirements(ROOT / "services" / name)):
        assert f"./libs/{lib}" in install.split(), f"pip install misses ./libs/{lib}"
        assert f"libs/{lib}/ libs/{lib}/" in copied, f"COPY misses libs/{lib}/"
    assert install.split()[-1] == f"./services/{name}"
    assert f"services/{name}/ services/{name}/" in copied


def test_demo_data_target_runs_the_demo_script_against_the_gateway() -> None:
    dockerfile = image_of("people")
    demo = dockerfile.stage("demo-data")
    assert "scripts/ /app/scripts/" in demo.values("COPY")
    entrypoint = _exec_form(demo.values("ENTRYPOINT")[-1])
    command = _exec_form(demo.values("CMD")[-1])
    assert entrypoint + command == [
        "python",
        "scripts/demo_data.py",
        "--graphql",
        "http://gateway:4000/graphql",
    ]
    uid = demo.values("USER")[-1].split(":")[0]
    assert uid.isdigit()
    assert int(uid) != 0


def test_gateway_image_installs_production_dependencies_from_the_lockfile() -> None:
    dockerfile = image_of("gateway")
    deps = dockerfile.stages[0]
    assert "gateway/package.json gateway/package-lock.json ./" in deps.values("COPY")
    assert any(re.search(r"\bnpm ci --omit=dev\b", run) for run in deps.values("RUN"))
    final = dockerfile.final
    assert final.values("EXPOSE") == [str(GATEWAY_PORT)]
    assert _env(final)["PORT"] == str(GATEWAY_PORT)
    assert _env(final)["NODE_ENV"] == "production"
    assert "gateway/ ./" in final.values("COPY"), "supergraph.graphql and the config"
    assert _exec_form(final.values("CMD")[-1]) == ["sh", "start.sh"]


# ---- the build context ------------------------------------------------------------------------


def _dockerignore_patterns() -> list[tuple[bool, re.Pattern[str]]]:
    patterns: list[tuple[bool, re.Pattern[str]]] = []
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = line.lstrip("!").strip("/")
        regex = ""
        i = 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                regex, i = regex + "(?:.*/)?", i + 3
            elif pattern.startswith("**", i):
                regex, i = regex + ".*", i + 2
            elif pattern[i] == "*":
                regex, i = regex + "[^/]*", i + 1
            elif pattern[i] == "?":
                regex, i = regex + "[^/]", i + 1
            elif pattern[i] == "[":
                end = pattern.index("]", i)
                regex, i = regex + pattern[i : end + 1], end + 1
            else:
                regex, i = regex + re.escape(pattern[i]), i + 1
        patterns.append((negate, re.compile(regex)))
    return patterns


def is_ignored(path: str) -> bool:
    """Docker's rule: the last matching pattern wins; a match of a parent excludes its content."""
    parts = path.strip("/").split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    ignored = False
    for negate, regex in _dockerignore_patterns():
        if any(regex.fullmatch(prefix) for prefix in prefixes):
            ignored = not negate
    return ignored


@pytest.mark.parametrize(
    "path",
    [
        ".git",
        ".venv/bin/python",
        "services/people/.venv",
        "gateway/node_modules/x/index.js",
        ".local/data/db",
        "libs/kit/src/grassroots_kit/__pycache__/x.pyc",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        "libs/kit/src/grassroots_kit.egg-info",
        "test-artifacts/report.xml",
        "bench/out/run.json",
        ".env",
        "tests/static/test_dockerfiles.py",
    ],
)
def test_dockerignore_keeps_local_state_out_of_the_context(path: str) -> None:
    assert is_ignored(path), path


def test_dockerignore_keeps_what_the_dockerfiles_copy() -> None:
    for dockerfile in map(image_of, DOCKERFILES):
        for source in _copy_sources(dockerfile):
            assert not is_ignored(source), f"{dockerfile.path}: COPY {source} is dockerignored"
    for kept in [
        "services/people/pyproject.toml",
        "gateway/supergraph.graphql",
        "scripts/demo_data.py",
    ]:
        assert not is_ignored(kept), kept


def _landed(marker: Path) -> None:
    """Skip until the code an image packages is in the tree (it is written in parallel)."""
    if not marker.exists():
        pytest.skip(f"{marker.relative_to(ROOT)} is not in the tree yet")


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_what_a_service_image_copies_exists(name: str) -> None:
    _landed(ROOT / "services" / name / "pyproject.toml")
    for source in _copy_sources(image_of(name)):
        if source in {"scripts/", "constraints.txt"}:
            continue  # checked on their own below
        assert (ROOT / source).exists(), (
            f"{SERVICE_DOCKERFILE.name} for {name} copies missing {source}"
        )
    assert (ROOT / "libs/kit/pyproject.toml").is_file()
    main = ROOT / "services" / name / "src" / f"grassroots_{name}" / "__main__.py"
    assert main.is_file(), f"CMD python -m grassroots_{name} needs {main.relative_to(ROOT)}"


def test_the_pins_the_service_images_install_with_exist() -> None:
    _landed(ROOT / "libs" / "kit" / "pyproject.toml")
    assert (ROOT / "constraints.txt").is_file(), (
        "constraints.txt is missing: every service image runs "
        "`pip install --constraint constraints.txt`, so `docker build` fails without it"
    )


def test_the_demo_data_script_exists() -> None:
    _landed(ROOT / "scripts")
    assert (ROOT / "scripts" / "demo_data.py").is_file()


def test_what_the_gateway_image_copies_exists() -> None:
    _landed(ROOT / "gateway" / "package.json")
    for source in _copy_sources(image_of("gateway")):
        assert (ROOT / source).exists(), f"gateway/Dockerfile copies missing {source}"
    assert (ROOT / "gateway" / "supergraph.graphql").is_file()
    start = (ROOT / "gateway" / "start.sh").read_text()
    for runtime in ('exec "$bun"', "exec node"):
        assert runtime in start, "start.sh must exec the runtime so that it gets SIGTERM as PID 1"
    package = json.loads((ROOT / "gateway" / "package.json").read_text())
    assert {"@graphql-hive/gateway", "@graphql-hive/router-runtime"} <= set(
        package.get("dependencies", {})
    ), "npm ci --omit=dev installs only `dependencies` (and the optional ones)"
    # The Bun start.sh runs, for both platforms the image is built for.
    assert {"@oven/bun-linux-x64", "@oven/bun-linux-aarch64"} <= set(
        package.get("optionalDependencies", {})
    )


# ---- the health probe of the Python images --------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status = 200 if self.path == "/health/live" else 503
        self.send_response(status)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[int]:
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def _probe(*args: str, port: int | None = None) -> int:
    env = {"PATH": "/usr/bin:/bin"} | ({"PORT": str(port)} if port else {})
    return subprocess.run(
        [sys.executable, str(HEALTHCHECK_SCRIPT), *args], env=env, capture_output=True, timeout=10
    ).returncode


def test_health_probe_passes_on_2xx_from_port_env(server: int) -> None:
    assert _probe(port=server) == 0


def test_health_probe_fails_on_an_error_status(server: int) -> None:
    assert _probe(f"http://127.0.0.1:{server}/health/ready") == 1


def test_health_probe_fails_when_nothing_listens() -> None:
    assert _probe("http://127.0.0.1:9/health/live") == 1
