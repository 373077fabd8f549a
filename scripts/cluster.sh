#!/usr/bin/env bash
# A throwaway CptKb cluster on this machine, for a demo or a measurement: a PostgreSQL 15 cluster of its own, web nodes
# on one database, and CptKb.Proxy in front of them, all on 127.0.0.1.
#
#   scripts/cluster.sh start     build, start everything, wait until the proxy serves, print its address
#   scripts/cluster.sh status    what runs, and the nodes as the proxy sees them
#   scripts/cluster.sh stop      stop everything (whatever state it is in) and remove the run folder and its database
#
# Settings (environment):
#   CPTKB_CLUSTER_DIR   the run folder: pids, logs, the database cluster      (default /tmp/cptkb-cluster)
#   CPTKB_NODES         how many web nodes                                      (default 2)
#   CPTKB_PROXY_PORT    the proxy's port                                        (default 5100)
#   CPTKB_NODE_PORTS    the nodes' ports, space-separated                       (default the proxy's port + 1, + 2, ...)
#   CPTKB_PG_PORT       PostgreSQL's port                                       (default the first free one from 55432)
#   CPTKB_SEEDS         the folder the first node imports at start              (default the repository's seeds/)
#   CPTKB_CONFIGURATION the build configuration                                 (default Release)
#   CPTKB_NO_BUILD=1    use the existing build output instead of building
set -eEuo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

run=${CPTKB_CLUSTER_DIR:-/tmp/cptkb-cluster}
nodes=${CPTKB_NODES:-2}
proxy_port=${CPTKB_PROXY_PORT:-5100}
configuration=${CPTKB_CONFIGURATION:-Release}
seeds=${CPTKB_SEEDS:-$repo/seeds}
pg_bin=/usr/lib/postgresql/15/bin
web_out=$repo/CptKb.Web/bin/$configuration/net10.0
proxy_out=$repo/CptKb.Proxy/bin/$configuration/net10.0

say() { echo "cluster: $*"; }
fail() { echo "cluster: error: $*" >&2; exit 1; }

# A port answers when something accepts a connection on it.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    local command="" arg
    for arg in "$@"; do command+=" $(printf '%q' "$arg")"; done
    su postgres -s /bin/sh -c "$command"
  else
    "$@"
  fi
}

is_running() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

any_running() {
  local f
  for f in "$run"/*.pid; do
    [ -e "$f" ] && is_running "$(cat "$f")" && return 0
  done
  return 1
}

# Each process runs in a session of its own (setsid), so stopping it stops whatever it started too.
stop_process() {
  local name=$1 pidfile=$run/$1.pid pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if is_running "$pid"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do is_running "$pid" || break; sleep 0.1; done
    if is_running "$pid"; then
      say "$name did not stop within 10 s; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pidfile"
}

stop_postgres() {
  local data=$run/pg/data pid
  [ -f "$data/postmaster.pid" ] || return 0
  pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
  as_postgres "$pg_bin/pg_ctl" -D "$data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
  for _ in $(seq 1 50); do is_running "$pid" || break; sleep 0.1; done
  if is_running "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
}

stop_all() {
  [ -d "$run" ] || { say "nothing to stop ($run does not exist)"; return 0; }
  stop_process proxy
  local pidfile
  for pidfile in "$run"/node*.pid; do
    [ -e "$pidfile" ] || continue
    stop_process "$(basename "$pidfile" .pid)"
  done
  stop_postgres
  rm -rf "$run"
  say "stopped; $run removed"
}

node_ports() {
  if [ -n "${CPTKB_NODE_PORTS:-}" ]; then
    echo "$CPTKB_NODE_PORTS"
  else
    local i
    for i in $(seq 1 "$nodes"); do printf '%s ' $((proxy_port + i)); done
  fi
}

start_failed() {
  trap - ERR
  echo "cluster: error: the start failed; the end of each log, then everything is stopped:" >&2
  local log
  for log in "$run"/*.log; do
    [ -e "$log" ] && { echo "--- $(basename "$log")"; tail -n 15 "$log"; } >&2
  done
  stop_all >/dev/null
  exit 1
}

start_all() {
  [[ "$nodes" =~ ^[1-9]$ ]] || fail "CPTKB_NODES must be 1 to 9, not '$nodes'"
  if [ -d "$run" ]; then
    if any_running; then
      fail "a cluster already runs from $run; stop it first (scripts/cluster.sh stop)"
    fi
    say "removing what a previous cluster left in $run"
    stop_all >/dev/null
  fi
  [ -x "$pg_bin/initdb" ] || fail "PostgreSQL 15 is not installed ($pg_bin/initdb is missing): apt-get install -y postgresql-15"
  command -v curl >/dev/null || fail "curl is needed to wait for the proxy: apt-get install -y curl"

  local ports; read -r -a ports <<<"$(node_ports)"
  [ "${#ports[@]}" -eq "$nodes" ] || fail "CPTKB_NODE_PORTS names ${#ports[@]} ports for $nodes nodes"
  local port
  [ "$(printf '%s\n' "$proxy_port" "${ports[@]}" | sort -u | wc -l)" -eq $((nodes + 1)) ] || fail "the proxy and the nodes need a port each: $proxy_port ${ports[*]}"
  for port in "$proxy_port" "${ports[@]}"; do
    port_in_use "$port" && fail "port $port on 127.0.0.1 is in use; choose others (CPTKB_PROXY_PORT, CPTKB_NODE_PORTS)"
  done
  local pg_port=${CPTKB_PG_PORT:-}
  if [ -z "$pg_port" ]; then
    pg_port=55432
    while port_in_use "$pg_port"; do pg_port=$((pg_port + 1)); done
  elif port_in_use "$pg_port"; then
    fail "port $pg_port (CPTKB_PG_PORT) on 127.0.0.1 is in use"
  fi

  if [ "${CPTKB_NO_BUILD:-0}" != 1 ]; then
    say "building ($configuration)"
    dotnet build CptKb.Web/CptKb.Web.csproj -c "$configuration" -v q --nologo </dev/null >/dev/null || fail "CptKb.Web does not build (dotnet build CptKb.Web -c $configuration)"
    dotnet build CptKb.Proxy/CptKb.Proxy.csproj -c "$configuration" -v q --nologo </dev/null >/dev/null || fail "CptKb.Proxy does not build (dotnet build CptKb.Proxy -c $configuration)"
  fi
  [ -f "$web_out/CptKb.Web.dll" ] || fail "CptKb.Web is not built at $web_out"
  [ -f "$proxy_out/CptKb.Proxy.dll" ] || fail "CptKb.Proxy is not built at $proxy_out"

  # From here on, a failure leaves nothing behind.
  trap 'start_failed' ERR

  mkdir -p "$run/pg"
  chmod 755 "$run"
  [ "$(id -u)" -eq 0 ] && chown postgres "$run/pg"
  say "PostgreSQL 15 on 127.0.0.1:$pg_port ($run/pg)"
  as_postgres "$pg_bin/initdb" -D "$run/pg/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >"$run/initdb.log" 2>&1
  as_postgres "$pg_bin/pg_ctl" -D "$run/pg/data" -l "$run/pg/log" -w -t 60 start \
    -o "-p $pg_port -k $run/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null
  # Made here, once, so that nodes starting together do not race to create it.
  as_postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres cptkb
  local connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=cptkb"

  local i name
  local node_name_setting=0
  grep -q "NodeName" "$repo/CptKb.Web/Hosting/KbOptions.cs" && node_name_setting=1
  local destinations=()
  for i in $(seq 1 "$nodes"); do
    name=node$i
    port=${ports[$((i - 1))]}
    local settings=(
      --urls "http://127.0.0.1:$port"
      --contentRoot "$web_out"
      "--Kb:Database:Provider=PostgreSQL"
      "--ConnectionStrings:Kb=$connection"
      "--Kb:SeedsPath=$seeds"
    )
    [ "$node_name_setting" -eq 1 ] && settings+=("--Kb:NodeName=$name")
    # The first node imports the seeds and watches their folder; the others read what it stores.
    [ "$i" -gt 1 ] && settings+=("--Kb:ImportOnStartup=false" "--Kb:WatchSeeds=false")
    ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1 \
      setsid dotnet "$web_out/CptKb.Web.dll" "${settings[@]}" </dev/null >"$run/$name.log" 2>&1 &
    echo $! >"$run/$name.pid"
    destinations+=("--ReverseProxy:Clusters:cptkb:Destinations:$name:Address=http://127.0.0.1:$port")
    say "$name on http://127.0.0.1:$port (log $run/$name.log)"
  done
  # The proxy's own settings name node1 and node2; one node alone stands in for both.
  [ "$nodes" -eq 1 ] && destinations+=("--ReverseProxy:Clusters:cptkb:Destinations:node2:Address=http://127.0.0.1:${ports[0]}")
  ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1 \
    setsid dotnet "$proxy_out/CptKb.Proxy.dll" --urls "http://127.0.0.1:$proxy_port" --contentRoot "$proxy_out" "${destinations[@]}" \
    </dev/null >"$run/proxy.log" 2>&1 &
  echo $! >"$run/proxy.pid"
  echo "http://127.0.0.1:$proxy_port" >"$run/proxy.url"

  say "waiting for the proxy and every node (up to 180 s)"
  local deadline=$((SECONDS + 180)) health=""
  while true; do
    for f in "$run"/*.pid; do
      is_running "$(cat "$f")" || { echo "cluster: error: $(basename "$f" .pid) exited; its log:" >&2; tail -n 30 "${f%.pid}.log" >&2; false; }
    done
    health=$(curl -s --max-time 5 "http://127.0.0.1:$proxy_port/proxy/health" || true)
    [ "$(grep -o '"state":"healthy"' <<<"$health" | wc -l)" -ge "$nodes" ] && break
    [ "$SECONDS" -lt "$deadline" ] || { echo "cluster: error: the nodes were not healthy within 180 s: $health" >&2; false; }
    sleep 1
  done
  curl -sf --max-time 30 -o /dev/null "http://127.0.0.1:$proxy_port/" || { echo "cluster: error: the proxy does not serve the home page" >&2; false; }
  trap - ERR

  echo
  echo "CptKb runs at http://127.0.0.1:$proxy_port/ ($nodes node(s) behind the proxy, PostgreSQL on 127.0.0.1:$pg_port)"
  echo "  nodes: $(for p in "${ports[@]}"; do printf 'http://127.0.0.1:%s ' "$p"; done)"
  echo "  logs:  $run/*.log (node1 imports $seeds in the background)"
  echo "  stop:  scripts/cluster.sh stop"
}

status_all() {
  if [ ! -d "$run" ]; then
    echo "not running ($run does not exist)"
    return 3
  fi
  local f name pid any=0
  for f in "$run"/*.pid; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .pid)
    pid=$(cat "$f")
    if is_running "$pid"; then echo "$name: running (pid $pid)"; any=1; else echo "$name: not running"; fi
  done
  if [ -f "$run/pg/data/postmaster.pid" ] && is_running "$(head -n 1 "$run/pg/data/postmaster.pid")"; then
    echo "postgresql: running (port $(sed -n 4p "$run/pg/data/postmaster.pid"))"
    any=1
  else
    echo "postgresql: not running"
  fi
  local url
  url=$(cat "$run/proxy.url" 2>/dev/null || echo "http://127.0.0.1:$proxy_port")
  echo "proxy: $url"
  echo "proxy health: $(curl -s --max-time 5 "$url/proxy/health" || echo 'no answer')"
  [ "$any" -eq 1 ] || return 3
}

case "${1:-}" in
  start) start_all ;;
  stop) stop_all ;;
  status) status_all ;;
  *)
    echo "usage: scripts/cluster.sh start|stop|status" >&2
    exit 2
    ;;
esac
