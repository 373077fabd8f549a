#!/usr/bin/env bash
# Runs every CptKb test. Installs what a new Debian machine lacks first (Chromium for the browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "Chromium is missing; installing Debian's chromium package for the browser tests..."
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "error: install Debian's chromium package (apt-get install chromium) and run again" >&2
    exit 1
  fi
fi

# The PostgreSQL variants of the storage, import and search tests start a throwaway PostgreSQL 15 cluster of their own
# (CptKb.Tests/TestSupport/PostgreSqlCluster.cs); without it they fail, never skip.
if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  echo "PostgreSQL 15 is missing; installing Debian's postgresql-15 package for the PostgreSQL tests..."
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  else
    echo "error: install Debian's postgresql-15 package (apt-get install postgresql-15) and run again" >&2
    exit 1
  fi
fi
if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  echo "error: /usr/lib/postgresql/15/bin/initdb is still missing after installing postgresql-15" >&2
  exit 1
fi

# The browser tests fail, rather than skip, when Chromium cannot be started.
export CPTKB_REQUIRE_BROWSER=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test CptKb.sln --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain summary line for whoever reads the end of the log.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{ s += $2 } END { print s + 0 }')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{ s += $2 } END { print s + 0 }')
echo "${passed:-0} passed, ${failed:-0} failed"
exit "$status"
