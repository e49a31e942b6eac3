#!/usr/bin/env bash
# Quickstart: `pulumi up` of ./Pulumi.yaml against a local astro-sim, from a fresh clone.
#
#   ./quickstart.sh            publish the plugin to ./bin, start astro-sim (or reuse the one running), pulumi up,
#                              print the stack outputs. A second run shows no changes.
#   ./quickstart.sh --destroy  pulumi destroy, then stop the astro-sim this script started.
#
# Needs the .NET 10 SDK and the Pulumi CLI 3.x. State stays under this folder: the Pulumi stack in .pulumi-state/
# (a local backend chosen with PULUMI_BACKEND_URL, so your own `pulumi login` is left alone) and astro-sim's in
# .astro-sim/state.db.
#
# Environment: ASTRO_SIM_PORT (default 7777; Pulumi.yaml's `host` default points there, the script sets `host` to the
# port it uses), ASTRO_SIM (an astro-sim executable to run instead of publishing src/Pulumi.Astro.Simulator),
# PULUMI_CONFIG_PASSPHRASE (default: a fixed local passphrase; the stack holds only astro-sim's well-known token).

# Only shell builtins before the Pulumi CLI check: without it we stop at once and build nothing.
if ! command -v pulumi >/dev/null 2>&1; then
  printf '%s\n' >&2 \
    "quickstart: the Pulumi CLI is not on PATH, and the quickstart needs it (version 3.x)." \
    "Install it from https://www.pulumi.com/docs/install/ , for example:" \
    "    curl -fsSL https://get.pulumi.com | sh      # then open a new shell, or add ~/.pulumi/bin to PATH" \
    "and run ./quickstart.sh again."
  exit 2
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "quickstart: the .NET 10 SDK (dotnet) is not on PATH: install it from https://dotnet.microsoft.com/download" >&2
  exit 2
fi

set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

destroy=false
case "${1:-}" in
  "") ;;
  --destroy) destroy=true ;;
  -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "quickstart: unknown option '$1' (use --destroy, or nothing)" >&2; exit 2 ;;
esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PULUMI_SKIP_UPDATE_CHECK=true
# A local backend under the repository, for this script only (PULUMI_BACKEND_URL wins over `pulumi login`).
mkdir -p .pulumi-state .astro-sim
export PULUMI_BACKEND_URL="file://$root/.pulumi-state"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-astro-quickstart-local-passphrase}"
stack=dev
port="${ASTRO_SIM_PORT:-7777}"
token=astro-sim-token # astro-sim's default token (src/Pulumi.Astro.Simulator/SimulatorOptions.cs)
host="http://127.0.0.1:$port"
pidfile=.astro-sim/sim.pid

pulumi_version="$(pulumi version 2>/dev/null || true)"
case "$pulumi_version" in
  v3.*|3.*) ;;
  *) echo "quickstart: needs the Pulumi CLI 3.x, found '${pulumi_version:-unknown}' (https://www.pulumi.com/docs/install/)" >&2; exit 2 ;;
esac

say() { printf '\n== %s\n' "$*"; }

# 0: astro-sim answers on the port; 1: nothing listens; 2: something else listens. Pure bash (no curl needed).
sim_probe() {
  local status=""
  if ! exec 3<>"/dev/tcp/127.0.0.1/$port"; then return 1; fi
  printf 'GET /_sim/info HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n\r\n' "$token" >&3
  IFS= read -r -t 5 status <&3 || true
  exec 3<&- 3>&-
  case "$status" in "HTTP/1."?" 200"*) return 0 ;; *) return 2 ;; esac
}

start_sim() {
  local probe=0
  sim_probe 2>/dev/null || probe=$?
  if [ "$probe" -eq 0 ]; then echo "astro-sim is already running on $host; reusing it"; return; fi
  if [ "$probe" -eq 2 ]; then
    echo "quickstart: port $port is taken by something that is not astro-sim; set ASTRO_SIM_PORT to a free port" >&2
    exit 1
  fi
  local sim="${ASTRO_SIM:-}"
  if [ -z "$sim" ]; then
    say "publishing astro-sim to .astro-sim/bin"
    dotnet publish src/Pulumi.Astro.Simulator -c Release -o .astro-sim/bin --nologo -v quiet
    sim=.astro-sim/bin/astro-sim
  fi
  say "starting astro-sim on $host (state in .astro-sim/state.db, log in .astro-sim/sim.log)"
  nohup "$sim" --port "$port" --db .astro-sim/state.db >.astro-sim/sim.log 2>&1 &
  echo $! >"$pidfile"
  # Its first stdout line is its base URL: wait for it (a cold start takes a few seconds).
  for _ in $(seq 1 120); do
    if head -n 1 .astro-sim/sim.log 2>/dev/null | grep -q '^http://'; then echo "astro-sim: $(head -n 1 .astro-sim/sim.log)"; return; fi
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then break; fi
    sleep 0.5
  done
  echo "quickstart: astro-sim did not start; its log (.astro-sim/sim.log):" >&2
  tail -n 20 .astro-sim/sim.log >&2 || true
  exit 1
}

stop_sim() {
  if [ -f "$pidfile" ]; then
    local pid
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
      # SIGTERM: a background job of a non-interactive shell ignores SIGINT. It shuts down cleanly on TERM.
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
      echo "stopped astro-sim (pid $pid)"
    fi
    rm -f "$pidfile"
  else
    echo "astro-sim was not started by this script; leaving it alone"
  fi
}

publish_plugin() {
  say "publishing the provider plugin to ./bin"
  dotnet publish src/Pulumi.Astro.Provider -c Release -o bin --nologo -v quiet
}

if $destroy; then
  if ! pulumi stack select "$stack" --non-interactive 2>/dev/null; then
    echo "no stack '$stack' in .pulumi-state: nothing to destroy"
    stop_sim
    exit 0
  fi
  [ -x bin/pulumi-resource-astro ] || publish_plugin
  start_sim # destroy talks to astro-sim, so it must be up
  say "pulumi destroy"
  pulumi destroy --yes --non-interactive --stack "$stack"
  stop_sim
  exit 0
fi

publish_plugin
start_sim

say "stack '$stack' (local backend .pulumi-state)"
pulumi stack select "$stack" --create --non-interactive
pulumi config set --stack "$stack" host "$host"
pulumi config set --stack "$stack" --secret token "$token"

say "pulumi up"
pulumi up --yes --non-interactive --stack "$stack"

say "stack outputs"
pulumi stack output --stack "$stack"
echo
echo "ETL deployment:     $(pulumi stack output --stack "$stack" etlUrl)  ($(pulumi stack output --stack "$stack" etlStatus))"
echo "Sandbox deployment: $(pulumi stack output --stack "$stack" sandboxUrl)  ($(pulumi stack output --stack "$stack" sandboxStatus))"
echo "DAG deploy:         $(pulumi stack output --stack "$stack" dagsDeployStatus)"
echo
echo "Run ./quickstart.sh again: no changes. Tear down with ./quickstart.sh --destroy."
