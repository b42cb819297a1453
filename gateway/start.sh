#!/bin/sh
# Serves the committed supergraph with Hive Gateway (config: gateway.config.ts), from any directory.
# Environment: PORT, PEOPLE_URL, CASES_URL, POINTS_URL, PARTICIPATION_URL, NOTIFICATIONS_URL, ENVIRONMENT, HOST,
# SUPERGRAPH_PATH, LOG_LEVEL, NODE_ENV, FORK, GATEWAY_RUNTIME (bun or node).
set -eu
cd "$(dirname "$0")"

if [ ! -f node_modules/@graphql-hive/gateway/dist/bin.js ]; then
  echo "gateway: dependencies are not installed; run \`npm ci --prefix gateway\` first" >&2
  exit 1
fi

# Hive's logger refuses anything but trace|debug|info|warn|error|false, while the Python services
# share the same environment with LOG_LEVEL=INFO, WARNING, ...
if [ -n "${LOG_LEVEL:-}" ]; then
  level=$(printf '%s' "$LOG_LEVEL" | tr '[:upper:]' '[:lower:]')
  case "$level" in
    warning) level=warn ;;
    critical | fatal) level=error ;;
  esac
  LOG_LEVEL=$level
  export LOG_LEVEL
fi

# JSON log lines (with the request id) in production; readable lines on a developer's terminal.
if [ "${ENVIRONMENT:-development}" = production ]; then
  LOG_JSON=${LOG_JSON:-1}
  export LOG_JSON
fi

# As in the container (Dockerfile): graphql-js skips its development-only checks, which cost a
# gateway a few percent of its CPU per request (every failed type check looks for a second copy
# of graphql-js). NODE_ENV=development brings them back.
NODE_ENV=${NODE_ENV:-production}
export NODE_ENV

# Bun's fetch sends at most this many requests at once and queues the rest (its default is 256).
# Each open subscription holds one subgraph request for as long as it lasts, so at the default 256
# subscribers would stall every other query of this gateway (bench/subscribers.py found it).
BUN_CONFIG_MAX_HTTP_REQUESTS=${BUN_CONFIG_MAX_HTTP_REQUESTS:-16384}
export BUN_CONFIG_MAX_HTTP_REQUESTS

# The runtime: Bun, pinned by the lockfile (package.json's optionalDependencies, Linux x64 and
# arm64), which Hive Gateway supports beside Node.js; its HTTP server and client cost the gateway
# about 30% less CPU per request than Node.js 26 (bench/FINDINGS.md). GATEWAY_RUNTIME=node runs
# the `node` on the PATH instead, as does a platform without a pinned Bun or a CPU it cannot run
# on (the x64 build needs AVX2).
runtime=${GATEWAY_RUNTIME:-bun}
case "$runtime" in
  bun)
    bun=
    for candidate in node_modules/@oven/bun-linux-x64/bin/bun node_modules/@oven/bun-linux-aarch64/bin/bun; do
      if [ -x "$candidate" ] && "$candidate" --version >/dev/null 2>&1; then
        bun=$candidate
        break
      fi
    done
    if [ -z "$bun" ]; then
      echo "gateway: no pinned Bun runs on this machine; running Node.js $(node --version) from the PATH" >&2
      runtime=node
    fi
    ;;
  node) ;;
  *)
    echo "gateway: GATEWAY_RUNTIME must be bun or node, not $runtime" >&2
    exit 2
    ;;
esac

# No path argument: gateway.config.ts loads the supergraph and reloads it when it changes; a path
# given here would replace that with the CLI's file watcher. exec: SIGTERM reaches the gateway.
if [ "$runtime" = bun ]; then
  exec "$bun" node_modules/@graphql-hive/gateway/dist/bin.js supergraph "$@"
fi
exec node node_modules/@graphql-hive/gateway/dist/bin.js supergraph "$@"
