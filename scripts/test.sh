#!/usr/bin/env bash
# README command 2: every check on a fresh machine: install, type-check, lint, unit + integration tests,
# build, browser end-to-end tests; ends with one line "N passed, N failed".
# SKIP_E2E=1 skips the browser run, SKIP_HOSTILE=1 the hostile-writes run (for quick local loops only; CI runs
# everything).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
rm -rf artifacts/jest.json artifacts/e2e/results.json
mkdir -p artifacts

failed_steps=()
step() { echo; echo "=== $1"; }

step "setup"
scripts/setup.sh --with-browser || exit 1

step "type-check"
# From scratch: declarations emitted incrementally can order inferred types differently, and the API
# reports below are compared with text generated from a clean build.
rm -rf dist-types
yarn tsc || failed_steps+=(type-check)

step "lint"
yarn lint:all || failed_steps+=(lint)

step "formatting (prettier --check; fix: yarn prettier --write .)"
yarn prettier:check || failed_steps+=(prettier)

step "dependencies (knip: no unused or unlisted dependency in any workspace; config: knip.jsonc)"
yarn deps:check || failed_steps+=(deps-check)

step "API reports (the published packages' exports match their committed report.api.md; regenerate: yarn build:api-reports)"
yarn api-reports --ci || failed_steps+=(api-reports)

step "unit and integration tests"
PLATFORM_SANDBOX_IT=1 yarn backstage-cli repo test --watchAll=false --ci --json --outputFile=artifacts/jest.json || failed_steps+=(jest)

if [ "${SKIP_HOSTILE:-0}" != "1" ]; then
  step "hostile writes (template runs that must be refused, against the sandbox and the backend)"
  yarn test:hostile-writes || failed_steps+=(hostile-writes)
fi

step "build"
yarn build:all || failed_steps+=(build)

if [ "${SKIP_E2E:-0}" != "1" ]; then
  step "end-to-end (Playwright, Debian Chromium)"
  scripts/e2e.sh || failed_steps+=(e2e)
fi

step "summary"
# Every failed step counts in the final line, so a lint or build failure can't hide behind green tests.
FAILED_STEPS="${failed_steps[*]:-}" node scripts/summarize-tests.mjs
