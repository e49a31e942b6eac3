#!/usr/bin/env bash
# Quickstart: `pulumi up` of ./Pulumi.yaml against a local astro-sim, from a fresh clone.
#
#   ./quickstart.sh               publish the plugin to ./bin, start astro-sim (or reuse the one running), pulumi up,
#                                 print the stack outputs. A second run shows no changes.
#   ./quickstart.sh --destroy     pulumi destroy, then stop the astro-sim this script started.
#   ./quickstart.sh --no-install  stop (exit 2) when the Pulumi CLI is not on PATH, instead of installing it.
#   ./quickstart.sh --help        this text.
#
# Needs the .NET 10 SDK. When the Pulumi CLI is not on PATH, it installs Pulumi CLI v3.259.0 into .pulumi-cli/bin
# (for this script only: your PATH is left as it is; delete .pulumi-cli to remove it), checking the download
# against Pulumi's published SHA-256 checksums; that needs curl, tar and sha256sum (or shasum). Offline, it stops
# with exit 2 and says how to install the CLI yourself. State stays under this folder: the Pulumi stack in
# .pulumi-state/ (a local backend chosen with PULUMI_BACKEND_URL, so your own `pulumi login` is left alone) and
# astro-sim's in .astro-sim/state.db.
#
# Environment: ASTRO_SIM_PORT (default 7777; Pulumi.yaml's `host` default points there, the script sets `host` to the
# port it uses), ASTRO_SIM (an astro-sim executable to run instead of publishing src/Pulumi.Astro.Simulator),
# PULUMI_CONFIG_PASSPHRASE (default: a fixed local passphrase; the stack holds only astro-sim's well-known token),
# PULUMI_CLI_DOWNLOAD_URL (where the CLI and its checksums file are downloaded from; default
# https://get.pulumi.com/releases/sdk).

# Only shell builtins until the option parsing is done and the .NET SDK is found: --help works anywhere, and without
# the SDK (or, with --no-install, the CLI) we stop at once and build nothing.
print_help() {
  local line first=true
  while IFS= read -r line; do
    if $first; then first=false; continue; fi
    case "$line" in
      '#'*) line="${line#\#}"; printf '%s\n' "${line# }" ;;
      *) break ;;
    esac
  done <"${BASH_SOURCE[0]}"
}

destroy=false
install=true
for arg in "$@"; do
  case "$arg" in
    --destroy) destroy=true ;;
    --no-install) install=false ;;
    -h|--help) print_help; exit 0 ;;
    *) echo "quickstart: unknown option '$arg' (use --destroy, --no-install or --help)" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root" || exit 2

# The Pulumi CLI version installed when none is on PATH. Pulumi publishes pulumi-v<version>-<os>-<arch>.tar.gz (a
# pulumi/ folder inside) and pulumi-<version>-checksums.txt (.goreleaser.yml and .github/workflows/sign.yml in
# pulumi/pulumi).
pulumi_cli_version=3.259.0
cli_bin="$root/.pulumi-cli/bin"

no_pulumi() {
  printf '%s\n' >&2 \
    "quickstart: the Pulumi CLI is not on PATH, and the quickstart needs it (version 3.x)." \
    "Install it from https://www.pulumi.com/docs/install/ , for example:" \
    "    curl -fsSL https://get.pulumi.com | sh      # then open a new shell, or add ~/.pulumi/bin to PATH" \
    "and run ./quickstart.sh again."
  exit 2
}

if ! command -v dotnet >/dev/null 2>&1; then
  echo "quickstart: the .NET 10 SDK (dotnet) is not on PATH: install it from https://dotnet.microsoft.com/download" >&2
  exit 2
fi
if ! $install && ! command -v pulumi >/dev/null 2>&1 && [ ! -x "$cli_bin/pulumi" ]; then no_pulumi; fi

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

# Downloads Pulumi CLI $pulumi_cli_version for this OS and architecture, checks it against Pulumi's checksums file and
# unpacks it into .pulumi-cli/bin. Stops with exit 2 when it cannot: offline, a checksum mismatch, a missing tool.
install_pulumi() {
  local os arch tool base archive sums tmp expected actual err sum name
  for tool in curl tar uname mktemp cut; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "quickstart: cannot install the Pulumi CLI without '$tool'." >&2
      no_pulumi
    fi
  done
  if ! command -v sha256sum >/dev/null 2>&1 && ! command -v shasum >/dev/null 2>&1; then
    echo "quickstart: cannot check a Pulumi CLI download without sha256sum or shasum." >&2
    no_pulumi
  fi
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) echo "quickstart: Pulumi publishes no tar.gz CLI for $(uname -s) (on Windows, run the quickstart in WSL)." >&2; no_pulumi ;;
  esac
  case "$(uname -m)" in
    x86_64|amd64) arch=x64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) echo "quickstart: Pulumi publishes no CLI for the $(uname -m) architecture." >&2; no_pulumi ;;
  esac
  base="${PULUMI_CLI_DOWNLOAD_URL:-https://get.pulumi.com/releases/sdk}"
  base="${base%/}"
  archive="pulumi-v${pulumi_cli_version}-${os}-${arch}.tar.gz"
  sums="pulumi-${pulumi_cli_version}-checksums.txt"
  tmp="$(mktemp -d)"
  echo "quickstart: the Pulumi CLI is not on PATH: installing Pulumi CLI v$pulumi_cli_version into .pulumi-cli/bin from $base"
  if ! err="$(curl -fsSL --retry 2 --connect-timeout 15 -o "$tmp/$sums" "$base/$sums" 2>&1 &&
              curl -fsSL --retry 2 --connect-timeout 15 -o "$tmp/$archive" "$base/$archive" 2>&1)"; then
    rm -rf "$tmp"
    echo "quickstart: could not download the Pulumi CLI (offline?): ${err:-curl failed}" >&2
    no_pulumi
  fi
  # Each line of the checksums file is "<sha256>  <file name>", as sha256sum writes it.
  expected=""
  while read -r sum name; do
    if [ "$name" = "$archive" ]; then expected="$sum"; fi
  done <"$tmp/$sums"
  actual="$(sha256_of "$tmp/$archive")"
  if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
    rm -rf "$tmp"
    echo "quickstart: $archive does not match Pulumi's published checksum (expected '${expected:-no line for it in $sums}', got '$actual'); nothing was installed." >&2
    exit 2
  fi
  mkdir -p "$tmp/unpacked"
  if ! tar -xzf "$tmp/$archive" -C "$tmp/unpacked" || [ ! -x "$tmp/unpacked/pulumi/pulumi" ]; then
    rm -rf "$tmp"
    echo "quickstart: $archive holds no pulumi/pulumi executable; nothing was installed." >&2
    exit 2
  fi
  rm -rf "$cli_bin"
  mkdir -p "$root/.pulumi-cli"
  mv "$tmp/unpacked/pulumi" "$cli_bin"
  rm -rf "$tmp"
  echo "quickstart: installed Pulumi CLI $("$cli_bin/pulumi" version 2>/dev/null || echo "v$pulumi_cli_version") in .pulumi-cli/bin (delete .pulumi-cli to remove it)"
}

if ! command -v pulumi >/dev/null 2>&1; then
  if [ ! -x "$cli_bin/pulumi" ]; then install_pulumi; fi
  # The CLI and its language plugins (pulumi-language-yaml, ...) sit side by side in .pulumi-cli/bin.
  export PATH="$cli_bin:$PATH"
fi

set -euo pipefail

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
