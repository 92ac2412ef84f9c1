#!/usr/bin/env bash
# README command 1: the portal (app :3000, backend :7007) with the sandbox beside it, on a fresh machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
scripts/setup.sh

yarn sandbox &
sandbox_pid=$!
trap 'kill -TERM "$sandbox_pid" 2>/dev/null; wait "$sandbox_pid" 2>/dev/null' EXIT INT TERM

for _ in $(seq 1 120); do
  [ -f .sandbox/endpoints.json ] && grep -q '"git"' .sandbox/endpoints.json 2>/dev/null && break
  kill -0 "$sandbox_pid" 2>/dev/null || { echo "[start] the sandbox stopped; see its output above" >&2; exit 1; }
  sleep 0.5
done
yarn start
