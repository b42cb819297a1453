#!/bin/sh
# Serves the committed supergraph with Hive Gateway (config: gateway.config.ts), from any directory.
# Environment: PORT, PEOPLE_URL, CASES_URL, POINTS_URL, ENVIRONMENT, HOST, SUPERGRAPH_PATH,
# LOG_LEVEL, NODE_ENV, FORK.
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

# The Node.js the lockfile pins (package.json's optionalDependencies, Linux x64 and arm64): the
# current LTS line, a fifth less CPU per request than Node 20 (which is past its end of life).
# Elsewhere the `node` on the PATH runs the gateway.
node=node_modules/.bin/node
if [ ! -x "$node" ]; then
  node=node
  echo "gateway: no pinned Node.js for this platform; running $(node --version) from the PATH" >&2
fi

# No path argument: gateway.config.ts loads the supergraph and reloads it when it changes; a path
# given here would replace that with the CLI's file watcher. exec: SIGTERM reaches the gateway.
exec "$node" node_modules/@graphql-hive/gateway/dist/bin.js supergraph "$@"
