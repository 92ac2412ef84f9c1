#!/usr/bin/env bash
# Installs everything the portal, the sandbox and the tests need on a fresh machine: Node 22 (project-local),
# the Debian packages (Prometheus, Alertmanager, Chromium) and the workspace's npm packages.
# Usage: scripts/setup.sh [--with-browser]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

# libcgi-pm-perl: the CGI module Debian's gitweb (shipped with git) needs for the sandbox's browsable repositories
want=(prometheus prometheus-alertmanager libcgi-pm-perl)
if [ "${1:-}" = "--with-browser" ]; then
  want+=(chromium)
fi
missing=()
for pkg in "${want[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "[setup] installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || echo "[setup] apt-get update failed; trying the install anyway" >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
      echo "[setup] WARNING: could not install ${missing[*]}; the sandbox runs without them and says so" >&2
  else
    echo "[setup] WARNING: missing Debian packages ${missing[*]} and not root: install them with apt-get" >&2
  fi
fi

if [ ! -f node_modules/.yarn-state.yml ] || [ yarn.lock -nt node_modules/.yarn-state.yml ]; then
  echo "[setup] yarn install --immutable"
  yarn install --immutable
fi
