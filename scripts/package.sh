#!/usr/bin/env bash
# Builds the plugin archive that `pulumi plugin install resource astro <version> --file <archive>` installs:
#   dist/pulumi-resource-astro-v<version>-linux-amd64.tar.gz
# with the executable pulumi-resource-astro (and the assemblies it loads) at the archive root, plus README.md and
# LICENSE when present. The version is the provider's assembly version (<Version> in Directory.Build.props, which
# ProviderVersion reports to the engine).
#
#   scripts/package.sh                       self-contained ReadyToRun build for linux-x64 (no .NET needed to run it)
#   scripts/package.sh --framework-dependent smaller; needs the ASP.NET Core 10 runtime where the plugin runs
#   scripts/package.sh --no-ready-to-run     skips ReadyToRun compilation (faster to build, slower to start)
#   scripts/package.sh --aot                 Native AOT (scripts/publish-aot.sh): the fastest start, about 100 ms
#                                            (BENCHMARKS.md); needs gcc or clang and zlib headers to build
#   scripts/package.sh --out DIR             where the archive goes (default: dist)
# Prints the archive's path as its last line.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

self_contained=true
ready_to_run=true
aot=false
out=dist
while [ $# -gt 0 ]; do
  case "$1" in
    --framework-dependent) self_contained=false ;;
    --no-ready-to-run) ready_to_run=false ;;
    --aot) aot=true ;;
    --out) out="${2:?--out needs a directory}"; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "package.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done

project=src/Pulumi.Astro.Provider
version="$(dotnet msbuild "$project" -nologo -getProperty:Version)"
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-.+][0-9A-Za-z.-]+)?$ ]]; then
  echo "package.sh: could not read the provider's version (got '$version')" >&2
  exit 1
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
# The engine runs <plugin dir>/pulumi-resource-astro on linux-amd64, so that is the one RID we ship.
if [ "$aot" = true ]; then
  scripts/publish-aot.sh "$stage/plugin" >/dev/null
else
  dotnet publish "$project" -c Release -r linux-x64 --self-contained "$self_contained" \
    -p:PublishReadyToRun="$ready_to_run" -p:DebugType=none -o "$stage/plugin" --nologo -v quiet
fi
# Documentation files of the referenced libraries are not needed at run time.
find "$stage/plugin" -maxdepth 1 \( -name '*.xml' -o -name '*.pdb' \) -delete
for doc in README.md LICENSE; do
  if [ -f "$doc" ]; then cp "$doc" "$stage/plugin/"; fi
done
if [ ! -x "$stage/plugin/pulumi-resource-astro" ]; then
  echo "package.sh: the publish did not produce pulumi-resource-astro" >&2
  exit 1
fi

mkdir -p "$out"
archive="$(cd "$out" && pwd)/pulumi-resource-astro-v${version}-linux-amd64.tar.gz"
# Entries at the archive root, without a leading ./ (the binary is what `pulumi plugin install` looks for).
(cd "$stage/plugin" && tar -czf "$archive" -- *)
echo "packaged pulumi-resource-astro v$version ($(du -h "$archive" | cut -f1)); install it with:" >&2
echo "  pulumi plugin install resource astro $version --file $archive" >&2
echo "$archive"
