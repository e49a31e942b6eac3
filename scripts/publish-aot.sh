#!/usr/bin/env bash
# Publishes the plugin as a Native AOT binary for this machine's platform: <out>/pulumi-resource-astro (default out:
# bin-aot). Needs clang or gcc and zlib headers (Debian: clang zlib1g-dev), as Native AOT on Linux does.
# Usage: scripts/publish-aot.sh [out-dir [extra dotnet publish arguments, e.g. -p:AstroPluginDownloadUrl=...]]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bin-aot}
if [ $# -gt 0 ]; then shift; fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet publish src/Pulumi.Astro.Provider -c Release -p:AstroAot=true -o "$out" --nologo -v quiet -clp:ErrorsOnly "$@" >&2
# The debug symbols (about 50 MB) are not needed to run it.
rm -f "$out/pulumi-resource-astro.dbg"
echo "$out/pulumi-resource-astro"
