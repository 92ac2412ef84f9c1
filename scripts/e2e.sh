#!/usr/bin/env bash
# Starts the sandbox and the backend (serving the built app on :7007), runs the Playwright tests in
# Debian Chromium, and stops both. Screenshots land in artifacts/ (git-ignored).
# Needs: scripts/setup.sh --with-browser and a built app (yarn workspace app build).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
mkdir -p artifacts/e2e artifacts/screenshots

# One browser run at a time on this machine: they share the sandbox's and the backend's fixed ports.
exec 9>/tmp/paved-road-e2e.lock
flock 9

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
}
trap cleanup EXIT INT TERM

wait_for() { # url seconds name logfile
  for _ in $(seq 1 "$2"); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 1
  done
  echo "[e2e] $3 did not come up within $2 s; last lines of $4:" >&2
  tail -40 "$4" >&2
  return 1
}

if curl -s -o /dev/null http://127.0.0.1:7007/ 2>/dev/null; then
  echo "[e2e] something already listens on 127.0.0.1:7007; stop it first (the tests need their own backend)" >&2
  exit 1
fi

yarn sandbox > artifacts/e2e/sandbox.log 2>&1 &
pids+=($!)
for _ in $(seq 1 90); do
  grep -q 'sandbox ready' artifacts/e2e/sandbox.log 2>/dev/null && break
  sleep 1
done
grep -q 'sandbox ready' artifacts/e2e/sandbox.log || echo "[e2e] WARNING: sandbox not ready; tests needing it will fail" >&2

(cd packages/backend && exec node ../../node_modules/.bin/backstage-cli package start \
  --config ../../app-config.yaml --config ../../app-config.e2e.yaml) > artifacts/e2e/backend.log 2>&1 &
pids+=($!)
wait_for http://127.0.0.1:7007/.backstage/health/v1/readiness 180 backend artifacts/e2e/backend.log || exit 1

playwright test "$@"
