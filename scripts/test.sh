#!/usr/bin/env bash
# README command 2: every check on a fresh machine: install, type-check, lint, unit + integration tests,
# build, browser end-to-end tests; ends with one line "N passed, N failed".
# SKIP_E2E=1 skips the browser run (for quick local loops only; CI runs everything).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
rm -rf artifacts/jest.json artifacts/e2e/results.json
mkdir -p artifacts

status=0
step() { echo; echo "=== $1"; }

step "setup"
scripts/setup.sh --with-browser || exit 1

step "type-check"
yarn tsc || status=1

step "lint"
yarn lint:all || status=1

step "unit and integration tests"
PLATFORM_SANDBOX_IT=1 yarn backstage-cli repo test --watchAll=false --ci --json --outputFile=artifacts/jest.json || status=1

step "build"
yarn build:all || status=1

if [ "${SKIP_E2E:-0}" != "1" ]; then
  step "end-to-end (Playwright, Debian Chromium)"
  scripts/e2e.sh || status=1
fi

step "summary"
node scripts/summarize-tests.mjs || status=1
exit $status
