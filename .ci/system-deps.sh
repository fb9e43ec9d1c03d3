#!/usr/bin/env bash
# Debian packages the test-suite needs. Each block is idempotent.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

# PostgreSQL: the corpus store's tests also run on a real server. A private cluster on
# 127.0.0.1:54329 (data in /tmp/flashpoint-pg) with a database `flashpoint_test`;
# .ci/run points the tests at it through FLASHPOINT_TEST_PG_URL.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
PG_DATA="${FLASHPOINT_PG_DATA:-/tmp/flashpoint-pg}"
PG_PORT="${FLASHPOINT_PG_PORT:-54329}"
PG_AS=()
if [ "$(id -u)" = "0" ]; then PG_AS=(runuser -u postgres --); fi
if ! "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"
    if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$PG_DATA"; fi
    "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k /tmp" start >/dev/null
fi
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = 'flashpoint_test'" | grep -q 1 \
  || "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres flashpoint_test

# Chromium for the dashboard's browser tests (tests/web/test_browser.py), driven by the
# Python playwright package with executable_path=/usr/bin/chromium: no browser download.
if ! command -v chromium >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
