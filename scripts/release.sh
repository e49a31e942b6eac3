#!/usr/bin/env bash
# Builds (and with --publish, publishes) a release from a version tag. .github/workflows/release.yml runs it on
# GitHub; everything it does is here, so that it can be run and tested elsewhere.
#
#   scripts/release.sh v<version> --repository OWNER/REPO [--out DIR] [--archives DIR] [--publish]
#
# 1. The tag must be v<Version> (Directory.Build.props), the version the plugin reports and the engine asks for.
# 2. The plugin archives for every platform (scripts/package.sh --all), with the schema's pluginDownloadURL set to
#    github://api.github.com/OWNER/REPO, so that programs and SDKs download them from this repository's releases.
#    --archives DIR takes archives built before instead (all five must be there).
# 3. The schema, from this machine's archive (pulumi package get-schema); its pluginDownloadURL must be the one above.
# 4. The SDKs: pulumi package gen-sdk for dotnet, nodejs, python and go. The .NET SDK is packed as the NuGet package
#    Pulumi.Astro (dotnet pack); the others are attached as source archives.
# 5. A SHA-256 checksums file of everything, then --publish: `gh release create` (or `gh release upload` when the
#    release exists), with GH_TOKEN in the environment.
# Needs the .NET 10 SDK, the Pulumi CLI, and for --publish the GitHub CLI. Prints the release folder as its last line.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

tag=""
repository=""
out=dist/release
archives=""
publish=false
while [ $# -gt 0 ]; do
  case "$1" in
    --repository) repository="${2:?--repository needs OWNER/REPO}"; shift ;;
    --out) out="${2:?--out needs a directory}"; shift ;;
    --archives) archives="${2:?--archives needs a directory}"; shift ;;
    --publish) publish=true ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "release.sh: unknown option '$1'" >&2; exit 2 ;;
    *) if [ -n "$tag" ]; then echo "release.sh: one tag only ('$tag', then '$1')" >&2; exit 2; fi; tag="$1" ;;
  esac
  shift
done
if [ -z "$tag" ]; then echo "release.sh: name the tag, e.g. scripts/release.sh v0.1.0 --repository OWNER/REPO" >&2; exit 2; fi
if ! [[ "$repository" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]]; then
  echo "release.sh: --repository must be OWNER/REPO (got '$repository')" >&2
  exit 2
fi

version="$(dotnet msbuild src/Pulumi.Astro.Provider -nologo -getProperty:Version)"
if [ "$tag" != "v$version" ]; then
  echo "release.sh: tag $tag is not v$version, the provider's version (<Version> in Directory.Build.props): change one of them" >&2
  exit 2
fi
download_url="github://api.github.com/$repository"
platforms=(linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64)

rm -rf "$out"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
say() { printf '\n== %s\n' "$*" >&2; }

say "plugin archives"
if [ -n "$archives" ]; then
  for platform in "${platforms[@]}"; do
    cp "$archives/pulumi-resource-astro-v$version-$platform.tar.gz" "$out/" 2>/dev/null ||
      { echo "release.sh: $archives has no pulumi-resource-astro-v$version-$platform.tar.gz" >&2; exit 1; }
  done
else
  scripts/package.sh --all --plugin-download-url "$download_url" --out "$out" >/dev/null
fi

say "schema"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) host=linux-amd64 ;;
  Linux-aarch64) host=linux-arm64 ;;
  Darwin-x86_64) host=darwin-amd64 ;;
  Darwin-arm64) host=darwin-arm64 ;;
  *) echo "release.sh: run it on Linux or macOS (x64 or arm64)" >&2; exit 1 ;;
esac
plugin_dir="$(mktemp -d)"
trap 'rm -rf "$plugin_dir"' EXIT
tar -xzf "$out/pulumi-resource-astro-v$version-$host.tar.gz" -C "$plugin_dir"
pulumi package get-schema "$plugin_dir/pulumi-resource-astro" >"$out/schema.json"
schema_url="$(grep -o '"pluginDownloadURL": *"[^"]*"' "$out/schema.json" | sed 's/.*"\([^"]*\)"$/\1/' || true)"
if [ "$schema_url" != "$download_url" ]; then
  echo "release.sh: the plugin's schema names pluginDownloadURL '$schema_url', not '$download_url': build the archives with --plugin-download-url $download_url" >&2
  exit 1
fi

say "SDKs"
for language in dotnet nodejs python go; do
  pulumi package gen-sdk "$out/schema.json" --language "$language" --out "$out/sdk"
done
# The generated project is Pulumi.Astro.csproj (the schema's csharp rootNamespace and namespace); pin the package id.
dotnet pack "$out/sdk/dotnet" -c Release -p:PackageId=Pulumi.Astro -p:Version="$version" -o "$out" --nologo -v quiet >&2
if [ ! -f "$out/Pulumi.Astro.$version.nupkg" ]; then
  echo "release.sh: dotnet pack did not make Pulumi.Astro.$version.nupkg" >&2
  exit 1
fi
for language in nodejs python go; do
  tar -czf "$out/pulumi-astro-sdk-$language-v$version.tar.gz" -C "$out/sdk" "$language"
done

say "checksums"
sums="pulumi-astro-v$version-checksums.txt"
(cd "$out" && sha256sum -- *.tar.gz *.nupkg schema.json >"$sums")
files=()
while read -r _ name; do files+=("$out/$name"); done <"$out/$sums"
files+=("$out/$sums")
cat "$out/$sums" >&2

if $publish; then
  say "GitHub release $tag of $repository"
  if gh release view "$tag" --repo "$repository" >/dev/null 2>&1; then
    gh release upload "$tag" "${files[@]}" --repo "$repository" --clobber
  else
    gh release create "$tag" "${files[@]}" --repo "$repository" --title "Pulumi.Astro $tag" --generate-notes --verify-tag
  fi
fi
echo "$out"
