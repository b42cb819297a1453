#!/usr/bin/env bash
# Install what `make bench` needs beyond the venv: the HTTP load tool wrk (Debian's package).
#
# Installs it with apt-get when it is missing and this runs as root on a Debian-like system;
# otherwise says how to install it and fails, so a benchmark never runs half-equipped.
set -euo pipefail

if command -v wrk >/dev/null; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "bench: installing wrk (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  command -v wrk >/dev/null && exit 0
fi
echo "bench: wrk is needed for the read-path benchmark: sudo apt-get install wrk" >&2
exit 1
