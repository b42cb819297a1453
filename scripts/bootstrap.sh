#!/usr/bin/env bash
# Prepare this checkout for development and tests; see docs/local-stack.md.
#
#   - .venv (python3 -m venv) with every third-party package from requirements.lock, hash-checked
#     (pip --require-hashes; `make lock` regenerates it), then every package under libs/ and
#     services/ installed editable without dependencies (pip cannot hash a directory), and
#     `pip check` to prove the lock left nothing out;
#   - gateway/node_modules (npm ci).
#
# Idempotent and fast when nothing changed: pip runs only when an input (the lock,
# a pyproject.toml, this script) is newer than .venv/.bootstrap-stamp, npm only when
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

[ -f requirements.lock ] || die "requirements.lock is missing (make lock writes it)"
editable=()
inputs=(requirements.lock scripts/bootstrap.sh)
for dir in libs/*/ services/*/; do
  if [ -f "$dir/pyproject.toml" ]; then
    editable+=(-e "${dir%/}")
    inputs+=("$dir/pyproject.toml")
  fi
done

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
  # Every file pip downloads must match a hash in the lock, or nothing is installed; pip itself
  # is in the lock, so the venv's pip is upgraded to the pinned one here as well.
  "$VENV/bin/python" -m pip install --quiet --require-hashes -r requirements.lock </dev/null
  # setuptools comes from the lock too: no build isolation, so no unpinned download here.
  "$VENV/bin/python" -m pip install --quiet --no-deps --no-build-isolation "${editable[@]}" \
    </dev/null
  "$VENV/bin/python" -m pip check >/dev/null \
    || die "$("$VENV/bin/python" -m pip check 2>&1 | head -5); a pyproject.toml needs a package requirements.lock lacks: run make lock"
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
