#!/usr/bin/env bash
# Runs every benchmark of BENCHMARKS.md: publishes the plugin as the quickstart does (framework-dependent JIT) and
# builds the default plugin archive (scripts/package.sh: Native AOT on linux-amd64), then measures cold start, RPC
# round trips, wait lag and API calls, scale, astro-sim throughput, the fault suite, and large stacks against a rate-limited astro-sim
# (ratelimit: about 2 minutes, both clients side by side; --quick runs it with 200 Reads and 50 creates). The 300 s wait rows take about 5 minutes;
# --quick skips them. Not part of CI or the tests.
# Cold start also measures, when given: ASTRO_BENCH_SINGLE_FILE (a single-file ReadyToRun build, e.g. from
# `scripts/package.sh --ready-to-run`) and ASTRO_BENCH_NODE (a folder with index.js, a trivial provider on
# @pulumi/pulumi's provider server, and its node_modules; BENCHMARKS.md says how to make it).
# Usage: benchmarks/run.sh [--quick] [coldstart|rpc|wait|scale|sim|faults|ratelimit ...]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out=benchmarks/out
mkdir -p "$out"
dotnet publish src/Pulumi.Astro.Provider -c Release -o "$out/jit" --nologo -v quiet -clp:ErrorsOnly >&2
archive=$(scripts/package.sh --out "$out/dist" | tail -n 1)
rm -rf "$out/archive" && mkdir -p "$out/archive" && tar -xzf "$archive" -C "$out/archive"
aot="$out/archive/pulumi-resource-astro"
extra=()
if [ -n "${ASTRO_BENCH_SINGLE_FILE:-}" ]; then extra+=(--single-file "$ASTRO_BENCH_SINGLE_FILE"); fi
if [ -n "${ASTRO_BENCH_NODE:-}" ]; then extra+=(--node "$ASTRO_BENCH_NODE"); fi
dotnet build benchmarks/Pulumi.Astro.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly >&2
dotnet benchmarks/Pulumi.Astro.Benchmarks/bin/Release/net10.0/Pulumi.Astro.Benchmarks.dll \
  --jit "$out/jit/pulumi-resource-astro" --aot "$aot" ${extra[@]+"${extra[@]}"} "$@" | tee "$out/results.md"
