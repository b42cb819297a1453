#!/bin/sh
# The broker's users and permissions for RabbitMQ to load at boot: one user per service, each
# allowed to publish only its own event types, and an administrator for the operator. Fills
# rabbitmq-definitions.json.template (made by scripts/broker_definitions.py) from the
# environment, then starts RabbitMQ as the image does. docs/operations.md, "Broker users and
# permissions".
set -eu

template=${DEFINITIONS_TEMPLATE:-/etc/grassroots/rabbitmq-definitions.json.template}
out=${DEFINITIONS_FILE:-/tmp/rabbitmq-definitions.json}

fail() {
    echo "rabbitmq-entrypoint: $*" >&2
    exit 64
}

for name in RABBITMQ_USER RABBITMQ_PASSWORD RABBITMQ_PEOPLE_PASSWORD RABBITMQ_CASES_PASSWORD \
    RABBITMQ_POINTS_PASSWORD RABBITMQ_PARTICIPATION_PASSWORD \
    RABBITMQ_NOTIFICATIONS_PASSWORD; do
    eval "value=\${$name:-}"
    [ -n "$value" ] || fail "set $name (.env.example says how to make one)"
    # The passwords also go into the services' AMQP URLs, and into JSON here: keep them plain.
    case "$value" in
        *[!A-Za-z0-9._~-]*) fail "$name may hold only letters, digits and . _ ~ -" ;;
    esac
done
prefix=${EVENTS_PREFIX:-}
case "$prefix" in
    *[!A-Za-z0-9._-]*) fail "EVENTS_PREFIX may hold only letters, digits and . _ -" ;;
esac
# In the patterns a dot of the prefix is literal: \. in the regex, \\. in JSON, and each
# backslash doubled once more for sed's replacement.
prefix_re=$(printf '%s' "$prefix" | sed 's/\./\\\\\\\\./g')

umask 077
sed -e "s|__EVENTS_PREFIX_RE__|$prefix_re|g" \
    -e "s|__EVENTS_PREFIX__|$prefix|g" \
    -e "s|__RABBITMQ_USER__|$RABBITMQ_USER|g" \
    -e "s|__RABBITMQ_PASSWORD__|$RABBITMQ_PASSWORD|g" \
    -e "s|__RABBITMQ_PEOPLE_PASSWORD__|$RABBITMQ_PEOPLE_PASSWORD|g" \
    -e "s|__RABBITMQ_CASES_PASSWORD__|$RABBITMQ_CASES_PASSWORD|g" \
    -e "s|__RABBITMQ_POINTS_PASSWORD__|$RABBITMQ_POINTS_PASSWORD|g" \
    -e "s|__RABBITMQ_PARTICIPATION_PASSWORD__|$RABBITMQ_PARTICIPATION_PASSWORD|g" \
    -e "s|__RABBITMQ_NOTIFICATIONS_PASSWORD__|$RABBITMQ_NOTIFICATIONS_PASSWORD|g" \
    "$template" >"$out"
if [ "$(id -u)" = 0 ] && id rabbitmq >/dev/null 2>&1; then
    chown rabbitmq:rabbitmq "$out"
fi

[ "$#" -gt 0 ] || exit 0
exec docker-entrypoint.sh "$@"
