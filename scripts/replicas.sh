#!/usr/bin/env bash
# Two backend replicas on one PostgreSQL and one Redis, behind haproxy, with the sandbox as their upstreams; all on
# 127.0.0.1, all state and pids under .replicas/ (see README "Running in production").
#
#   scripts/replicas.sh start | stop | status
#   scripts/replicas.sh start-replica a|b      (one replica again, e.g. after the test killed it)
#
#   PostgreSQL :15432 (a private cluster in .replicas/postgres)   Redis :16379   replica a :7101, b :7102
#   haproxy :7007 (where app-config.yaml's backend.baseUrl points)  the sandbox on its own fixed ports (17080...)
#
# The sandbox and :7007 are the same fixed ports the benches and e2e use: on a shared machine run it under
# `flock /tmp/paved-road-e2e.lock` (yarn test:replicas does). Installs redis-server and haproxy when missing (root).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

DIR="$REPO_ROOT/.replicas"
PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT=15432
REDIS_PORT=16379
LB_PORT=7007
declare -A REPLICA_PORT=([a]=7101 [b]=7102)
READY=/.backstage/health/v1/readiness

log() { echo "[replicas] $*" >&2; }
die() {
  log "$*"
  exit 1
}

# ---- processes: each one we start gets a pid file; stopping is SIGTERM to its group, SIGKILL after a grace ----
pid_of() { [ -f "$DIR/$1.pid" ] && cat "$DIR/$1.pid" || true; }
alive() {
  local pid state
  pid="$(pid_of "$1")"
  [ -n "$pid" ] || return 1
  # A killed process nobody has reaped yet (a zombie) still answers kill -0: it is not running.
  state="$(ps -o stat= -p "$pid" 2>/dev/null || true)"
  [ -n "$state" ] && [ "${state:0:1}" != Z ]
}
stop_group() {
  local name="$1" pid
  pid="$(pid_of "$name")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name did not stop within 15 s: SIGKILL"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped $name"
  fi
  rm -f "$DIR/$name.pid"
}
wait_http() {
  local what="$1" url="$2" seconds="$3" pidname="${4:-}"
  for _ in $(seq 1 $((seconds * 2))); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then return 0; fi
    if [ -n "$pidname" ] && ! alive "$pidname"; then
      die "$what exited while starting; see .replicas/logs/$pidname.log"
    fi
    sleep 0.5
  done
  die "$what not ready at $url within $seconds s; see .replicas/logs/"
}
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---- packages ----
ensure_packages() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v haproxy >/dev/null || missing+=(haproxy)
  [ -x "$PG_BIN/initdb" ] || missing+=(postgresql-15)
  [ "${#missing[@]}" -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]}: install them (apt-get install -y ${missing[*]}) or run this as root"
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
}

# ---- secrets shared by both replicas: generated once, kept in .replicas/secrets.env (mode 600) ----
ensure_secrets() {
  if [ ! -f "$DIR/secrets.env" ]; then
    umask 077
    {
      echo "POSTGRES_PASSWORD=$(openssl rand -hex 24)"
      echo "BACKEND_SECRET=$(openssl rand -hex 32)"
      echo "AUTH_SESSION_SECRET=$(openssl rand -hex 32)"
    } >"$DIR/secrets.env"
    umask 022
  fi
  set -a
  # shellcheck disable=SC1091
  source "$DIR/secrets.env"
  set +a
}

# ---- PostgreSQL: a private cluster; initdb and postgres refuse root, so as root they run as the postgres user ----
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
# Where the postgres user keeps the cluster, its password file and its log: .replicas/ itself, unless (as root) the
# postgres user cannot reach it, e.g. a checkout under a 0700 directory such as /root or a mktemp -d; then a
# directory of its own in /var/tmp, named after the checkout.
pg_home() {
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$DIR"; then
    local home
    home="/var/tmp/paved-road-replicas-$(printf '%s' "$DIR" | sha1sum | cut -c1-12)"
    mkdir -p "$home" && chown postgres "$home" && chmod 700 "$home"
    printf '%s' "$home"
  else
    printf '%s' "$DIR"
  fi
}
start_postgres() {
  local home data pglog
  home="$(pg_home)"
  data="$home/postgres"
  pglog="$home/postgres.log"
  [ "$home" = "$DIR" ] && pglog="$DIR/logs/postgres.log"
  [ "$home" = "$DIR" ] || log "the postgres user cannot reach $DIR: its cluster and log are in $home"
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initdb $data"
    mkdir -p "$data"
    local pwfile="$home/.pgpass.init"
    (umask 077 && printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile")
    if [ "$(id -u)" = 0 ]; then chown postgres "$data" "$pwfile"; fi
    chmod 700 "$data"
    as_pg "$PG_BIN/initdb" -D "$data" -U backstage --pwfile="$pwfile" --auth=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >"$DIR/logs/initdb.log" 2>&1 || {
      rm -f "$pwfile"
      die "initdb failed; see .replicas/logs/initdb.log"
    }
    rm -f "$pwfile"
  fi
  if as_pg "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "postgres already running"
  else
    port_free "$PG_PORT" || die "port $PG_PORT is taken by something else"
    touch "$pglog"
    if [ "$(id -u)" = 0 ]; then chown postgres "$pglog"; fi
    # Two replicas x (scaffolder, catalog, scheduler, ... pools): more than the default 100 connections.
    as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$pglog" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories='' -c max_connections=300" \
      start >/dev/null || die "postgres did not start; see $pglog"
  fi
  head -1 "$data/postmaster.pid" >"$DIR/postgres.pid"
  log "postgres on 127.0.0.1:$PG_PORT"
}
stop_postgres() {
  local data
  data="$(pg_home)/postgres"
  if [ -f "$data/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
    log "stopped postgres"
  fi
  rm -f "$DIR/postgres.pid"
}

# ---- Redis: own port and directory, no persistence (a cache) ----
start_redis() {
  if alive redis; then
    log "redis already running"
    return
  fi
  port_free "$REDIS_PORT" || die "port $REDIS_PORT is taken by something else"
  mkdir -p "$DIR/redis"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$DIR/redis" --save '' --appendonly no \
    --daemonize yes --pidfile "$DIR/redis.pid" --logfile "$DIR/logs/redis.log"
  for _ in $(seq 1 40); do
    redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break
    sleep 0.25
  done
  redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG || die "redis did not start; see .replicas/logs/redis.log"
  log "redis on 127.0.0.1:$REDIS_PORT"
}

# ---- the sandbox (fixed ports, its own state in .sandbox/) ----
start_sandbox() {
  if alive sandbox; then
    log "sandbox already running"
    return
  fi
  port_free 17080 || die "127.0.0.1:17080 is taken: another sandbox runs (stop it, or wait for the lock holder)"
  rm -f .sandbox/endpoints.json
  setsid node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON sandbox/src/cli.ts >"$DIR/logs/sandbox.log" 2>&1 &
  echo $! >"$DIR/sandbox.pid"
  for _ in $(seq 1 180); do
    grep -q 'sandbox ready' "$DIR/logs/sandbox.log" && break
    alive sandbox || die "the sandbox exited; see .replicas/logs/sandbox.log"
    sleep 0.5
  done
  grep -q 'sandbox ready' "$DIR/logs/sandbox.log" || die "the sandbox not ready within 90 s"
  log "sandbox ready"
}

# ---- a backend replica: the backend's own entry point, transpiled on load, no file watcher (a restart would be
# a second, unannounced replica start) ----
start_replica() {
  local name="$1" port="${REPLICA_PORT[$1]}"
  if alive "backend-$name"; then
    log "replica $name already running"
    return
  fi
  # A replica killed a moment ago may still be releasing its port.
  for _ in $(seq 1 30); do
    port_free "$port" && break
    sleep 0.5
  done
  port_free "$port" || die "port $port is taken by something else"
  (
    cd packages/backend
    NODE_ENV="${NODE_ENV:-development}" \
      POSTGRES_HOST=127.0.0.1 POSTGRES_PORT="$PG_PORT" POSTGRES_USER=backstage \
      REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
      BACKEND_LISTEN_PORT="$port" REPLICA_NAME="$name" \
      exec setsid node --enable-source-maps \
      --require "$REPO_ROOT/node_modules/@backstage/cli-node/config/nodeTransform.cjs" \
      src/index --config ../../app-config.yaml --config ../../app-config.replicas.yaml \
      >>"$DIR/logs/backend-$name.log" 2>&1
  ) &
  echo $! >"$DIR/backend-$name.pid"
  log "replica $name starting on 127.0.0.1:$port (pid $(pid_of "backend-$name"))"
}
wait_replica() {
  wait_http "replica $1" "http://127.0.0.1:${REPLICA_PORT[$1]}$READY" 300 "backend-$1"
  log "replica $1 ready"
}

# ---- haproxy: round robin over both, health-checked on readiness; long timeouts for the live tail (SSE) ----
write_haproxy_config() {
  cat >"$DIR/haproxy.cfg" <<EOF
# Written by scripts/replicas.sh
global
  maxconn 2000
  stats socket $DIR/haproxy.sock mode 600 level admin

defaults
  mode http
  option httplog
  log stdout format raw local0 info
  timeout connect 5s
  timeout client 120s
  timeout server 120s
  timeout tunnel 1h
  timeout http-request 30s

frontend portal
  bind 127.0.0.1:$LB_PORT
  default_backend replicas

backend replicas
  balance roundrobin
  option httpchk GET $READY
  http-check expect status 200
  default-server inter 2s fall 2 rise 2
  # Which replica answered, for the test and for whoever debugs a request.
  http-response set-header X-Replica %s
  server a 127.0.0.1:${REPLICA_PORT[a]} check
  server b 127.0.0.1:${REPLICA_PORT[b]} check
EOF
}
start_haproxy() {
  if alive haproxy; then
    log "haproxy already running"
    return
  fi
  port_free "$LB_PORT" || die "127.0.0.1:$LB_PORT is taken (another backend?)"
  write_haproxy_config
  haproxy -c -q -f "$DIR/haproxy.cfg" || die "haproxy refused .replicas/haproxy.cfg"
  setsid haproxy -f "$DIR/haproxy.cfg" >"$DIR/logs/haproxy.log" 2>&1 &
  echo $! >"$DIR/haproxy.pid"
  wait_http "haproxy" "http://127.0.0.1:$LB_PORT$READY" 30 haproxy
  log "haproxy on 127.0.0.1:$LB_PORT"
}

status() {
  local rc=0
  for name in postgres redis sandbox backend-a backend-b haproxy; do
    if alive "$name"; then
      printf '%-10s running (pid %s)\n' "$name" "$(pid_of "$name")"
    else
      printf '%-10s stopped\n' "$name"
      rc=3
    fi
  done
  for name in a b; do
    if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:${REPLICA_PORT[$name]}$READY" 2>/dev/null; then
      printf 'replica %s  ready at 127.0.0.1:%s\n' "$name" "${REPLICA_PORT[$name]}"
    else
      printf 'replica %s  not ready\n' "$name"
      rc=3
    fi
  done
  return $rc
}

stop_all() {
  stop_group haproxy
  stop_group backend-a
  stop_group backend-b
  stop_group sandbox
  if alive redis; then
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || stop_group redis
    for _ in $(seq 1 40); do
      alive redis || break
      sleep 0.25
    done
    log "stopped redis"
  fi
  rm -f "$DIR/redis.pid"
  stop_postgres
}

mkdir -p "$DIR/logs"
case "${1:-}" in
start)
  ensure_packages
  ensure_secrets
  started=0
  trap '[ "$started" = 1 ] || { log "start failed: stopping what was started"; stop_all; }' EXIT
  trap 'exit 130' INT TERM
  start_postgres
  start_redis
  start_sandbox
  # Fresh replica logs per start; start-replica appends (the log of a killed replica is evidence).
  : >"$DIR/logs/backend-a.log"
  : >"$DIR/logs/backend-b.log"
  # One after the other: on a fresh database the first replica runs every plugin's migrations; two at once race
  # for the migration lock and the loser exits ("Migration table is already locked").
  start_replica a
  wait_replica a
  start_replica b
  wait_replica b
  start_haproxy
  started=1
  log "two replicas behind http://127.0.0.1:$LB_PORT"
  ;;
start-replica)
  [[ "${2:-}" =~ ^[ab]$ ]] || die "start-replica takes a or b"
  ensure_secrets
  start_replica "$2"
  wait_replica "$2"
  ;;
stop) stop_all ;;
status) status ;;
*)
  echo "usage: scripts/replicas.sh start | stop | status | start-replica a|b" >&2
  exit 2
  ;;
esac
