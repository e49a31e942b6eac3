#!/usr/bin/env bash
# Builds the plugin archives that `pulumi plugin install resource astro <version>` installs, one per platform:
#   dist/pulumi-resource-astro-v<version>-<os>-<arch>.tar.gz
# with the executable (pulumi-resource-astro, or pulumi-resource-astro.exe on Windows) at the archive root, plus
# README.md and LICENSE when present. These are the names the engine downloads from a GitHub release
# (sdk/go/common/workspace/plugins.go in pulumi/pulumi). The version is the provider's assembly version (<Version> in
# Directory.Build.props, which ProviderVersion reports to the engine).
#
#   scripts/package.sh                        linux-amd64 (or this machine's platform): Native AOT
#   scripts/package.sh --all                  every platform: linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64
#   scripts/package.sh --platform P           one platform (repeatable)
#   Build per platform: Native AOT where this machine can compile it (its own OS and architecture; needs clang or
#   gcc and zlib headers), otherwise a self-contained single-file ReadyToRun build. No .NET is needed to run either.
#   --ready-to-run                            the single-file ReadyToRun build on this machine's platform too
#   --framework-dependent                     single file, needs the ASP.NET Core 10 runtime where the plugin runs
#   --no-ready-to-run                         the single-file builds without ReadyToRun (faster to build, slower to start)
#   --aot                                     Native AOT only: fails for a platform this machine cannot compile AOT
#   --plugin-download-url URL                 the schema's pluginDownloadURL (default: the project file's,
#                                             github://api.github.com/pulumi-astro/pulumi-astro)
#   --out DIR                                 where the archives go (default: dist)
# Prints one line per archive on stdout, its path; the build kind and size go to stderr.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

all_platforms=(linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64)

# Pulumi's <os>-<arch> names to .NET runtime identifiers.
rid_of() {
  case "$1" in
    linux-amd64) echo linux-x64 ;;
    linux-arm64) echo linux-arm64 ;;
    darwin-amd64) echo osx-x64 ;;
    darwin-arm64) echo osx-arm64 ;;
    windows-amd64) echo win-x64 ;;
    *) return 1 ;;
  esac
}

host_platform() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    MINGW*|MSYS*|CYGWIN*) os=windows ;;
    *) os=unknown ;;
  esac
  case "$(uname -m)" in
    x86_64|amd64) arch=amd64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) arch=unknown ;;
  esac
  echo "$os-$arch"
}

platforms=()
mode=auto # auto: AOT on this machine's platform, single file elsewhere; aot; single-file
self_contained=true
ready_to_run=true
download_url=""
out=dist
while [ $# -gt 0 ]; do
  case "$1" in
    --all) platforms=("${all_platforms[@]}") ;;
    --platform)
      p="${2:?--platform needs a platform, one of: ${all_platforms[*]}}"
      if ! rid_of "$p" >/dev/null; then echo "package.sh: unknown platform '$p' (one of: ${all_platforms[*]})" >&2; exit 2; fi
      platforms+=("$p"); shift ;;
    --ready-to-run) mode=single-file ;;
    --framework-dependent) mode=single-file; self_contained=false ;;
    --no-ready-to-run) ready_to_run=false ;;
    --aot) mode=aot ;;
    --plugin-download-url) download_url="${2:?--plugin-download-url needs a URL}"; shift ;;
    --out) out="${2:?--out needs a directory}"; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "package.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done

host="$(host_platform)"
if [ ${#platforms[@]} -eq 0 ]; then
  if rid_of "$host" >/dev/null; then platforms=("$host"); else platforms=(linux-amd64); fi
fi
# The engine accepts github://api.github.com/<owner>[/<repo>] and http(s) URL templates (plugins.go).
if [ -n "$download_url" ] && ! [[ "$download_url" =~ ^(github://api\.github\.com/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)?|https?://[^[:space:]]+)$ ]]; then
  echo "package.sh: --plugin-download-url must be github://api.github.com/<owner>/<repo> or an http(s) URL, not '$download_url'" >&2
  exit 2
fi

project=src/Pulumi.Astro.Provider
version="$(dotnet msbuild "$project" -nologo -getProperty:Version)"
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-.+][0-9A-Za-z.-]+)?$ ]]; then
  echo "package.sh: could not read the provider's version (got '$version')" >&2
  exit 1
fi
props=()
if [ -n "$download_url" ]; then props+=("-p:AstroPluginDownloadUrl=$download_url"); fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$out"
out="$(cd "$out" && pwd)"

for platform in "${platforms[@]}"; do
  rid="$(rid_of "$platform")"
  exe=pulumi-resource-astro
  if [[ "$platform" == windows-* ]]; then exe=pulumi-resource-astro.exe; fi
  kind="$mode"
  if [ "$kind" = auto ]; then
    if [ "$platform" = "$host" ]; then kind=aot; else kind=single-file; fi
  fi
  if [ "$kind" = aot ] && [ "$platform" != "$host" ]; then
    echo "package.sh: Native AOT for $platform needs a $platform machine (this one is $host); leave out --aot for a single-file build" >&2
    exit 2
  fi
  dir="$stage/$platform"
  if [ "$kind" = aot ]; then
    scripts/publish-aot.sh "$dir" ${props[@]+"${props[@]}"} >/dev/null
    label="Native AOT"
  else
    # One file: the runtime's native libraries go inside it too (extracted on first start only where the OS needs them).
    dotnet publish "$project" -c Release -r "$rid" --self-contained "$self_contained" -p:PublishSingleFile=true \
      -p:IncludeNativeLibrariesForSelfExtract=true -p:PublishTrimmed="$self_contained" -p:PublishReadyToRun="$ready_to_run" -p:DebugType=none \
      ${props[@]+"${props[@]}"} -o "$dir" --nologo -v quiet -clp:ErrorsOnly >&2
    label="single file"
    if [ "$self_contained" = true ]; then label="self-contained $label"; else label="framework-dependent $label"; fi
    if [ "$ready_to_run" = true ]; then label="$label, ReadyToRun"; fi
  fi
  # Symbols, the libraries' documentation files and the Web SDK's IIS and static-asset files are not needed at run time.
  find "$dir" -maxdepth 1 \( -name '*.xml' -o -name 'web.config' -o -name '*.staticwebassets.*' -o -name '*.pdb' -o -name '*.dbg' -o -name '*.dSYM' \) -exec rm -rf {} +
  if [ ! -f "$dir/$exe" ]; then
    echo "package.sh: the $platform build did not produce $exe" >&2
    exit 1
  fi
  chmod 755 "$dir/$exe"
  for doc in README.md LICENSE; do
    if [ -f "$doc" ]; then cp "$doc" "$dir/"; fi
  done
  archive="$out/pulumi-resource-astro-v${version}-${platform}.tar.gz"
  # Entries at the archive root, without a leading ./ (the executable is what `pulumi plugin install` looks for).
  (cd "$dir" && tar -czf "$archive" -- *)
  echo "packaged $platform ($label): $(basename "$archive"), $(du -h "$archive" | cut -f1)" >&2
  echo "$archive"
done
echo "install one with: pulumi plugin install resource astro $version --file <archive>" >&2
