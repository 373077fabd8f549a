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
