#!/usr/bin/env bash
# Prepare this checkout for development and tests; see docs/local-stack.md.
#
#   - .venv (python3 -m venv) with requirements-dev.txt and every package under libs/ and
#     services/ installed editable, pinned by constraints.txt;
#   - gateway/node_modules (npm ci).
#
# Idempotent and fast when nothing changed: pip runs only when an input (constraints,
# requirements, a pyproject.toml, this script) is newer than .venv/.bootstrap-stamp, npm only when
# gateway/package-lock.json is newer than gateway/node_modules. Never prompts (CI=true, no stdin).
# Environment: PYTHON (default python3) creates the venv, VENV (default .venv) says where.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
STAMP="$VENV/.bootstrap-stamp"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 npm_config_yes=true

say() { printf 'bootstrap: %s\n' "$*"; }
die() { printf 'bootstrap: %s\n' "$*" >&2; exit 1; }

# --- Python -----------------------------------------------------------------------------------
if ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
  command -v "$PYTHON" >/dev/null || die "$PYTHON not found; set PYTHON=/path/to/python3.11"
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "Python 3.11 or newer is needed; $PYTHON is $("$PYTHON" --version 2>&1)"
  # --clear: a venv whose interpreter went away (pyenv upgrade, moved checkout) is rebuilt.
  say "creating $VENV with $("$PYTHON" --version 2>&1)"
  "$PYTHON" -m venv --clear "$VENV"
  rm -f "$STAMP"
fi

[ -f requirements-dev.txt ] || die "requirements-dev.txt is missing"
editable=()
inputs=(requirements-dev.txt scripts/bootstrap.sh)
for dir in libs/*/ services/*/; do
  if [ -f "$dir/pyproject.toml" ]; then
    editable+=(-e "${dir%/}")
    inputs+=("$dir/pyproject.toml")
  fi
done
constraints=()
if [ -f constraints.txt ]; then
  constraints=(-c constraints.txt)
  inputs+=(constraints.txt)
else
  say "no constraints.txt: installing unpinned"
fi

stale=no
if [ ! -f "$STAMP" ]; then
  stale=yes
else
  for input in "${inputs[@]}"; do
    if [ "$input" -nt "$STAMP" ]; then
      stale=yes
      break
    fi
  done
fi

if [ "$stale" = yes ]; then
  say "installing Python packages into $VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip </dev/null
  "$VENV/bin/python" -m pip install --quiet "${constraints[@]}" -r requirements-dev.txt \
    "${editable[@]}" </dev/null
  touch "$STAMP"
else
  say "Python packages up to date"
fi

# --- Gateway ----------------------------------------------------------------------------------
if [ -f gateway/package.json ]; then
  if ! command -v npm >/dev/null; then
    say "npm not found: gateway dependencies not installed (install Node.js 20 or newer, with npm)"
  elif [ ! -f gateway/package-lock.json ]; then
    say "gateway/package-lock.json is missing: gateway dependencies not installed"
  elif [ ! -d gateway/node_modules ] || [ gateway/package-lock.json -nt gateway/node_modules ]; then
    say "installing gateway dependencies (npm ci)"
    npm ci --prefix gateway --no-audit --no-fund --loglevel=error </dev/null
    touch gateway/node_modules
  else
    say "gateway dependencies up to date"
  fi
fi
