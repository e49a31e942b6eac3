#!/usr/bin/env bash
# Runs every benchmark of BENCHMARKS.md: publishes the plugin twice (framework-dependent JIT, as the quickstart does,
# and Native AOT, as shipped), then measures cold start, RPC round trips, wait lag and API calls, scale, astro-sim
# throughput, and large stacks against a rate-limited astro-sim (ratelimit: about 2 minutes, both clients side by side).
# The 300 s wait rows take about 5 minutes; --quick skips them (and runs ratelimit with 200 Reads and 50 creates).
# Not part of CI or the tests. Usage: benchmarks/run.sh [--quick] [coldstart|rpc|wait|scale|sim|ratelimit ...]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out=benchmarks/out
mkdir -p "$out"
dotnet publish src/Pulumi.Astro.Provider -c Release -o "$out/jit" --nologo -v quiet -clp:ErrorsOnly >&2
aot=$(scripts/publish-aot.sh "$out/aot")
dotnet build benchmarks/Pulumi.Astro.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly >&2
dotnet benchmarks/Pulumi.Astro.Benchmarks/bin/Release/net10.0/Pulumi.Astro.Benchmarks.dll \
  --jit "$out/jit/pulumi-resource-astro" --aot "$aot" "$@" | tee "$out/results.md"
