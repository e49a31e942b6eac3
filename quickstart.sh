#!/usr/bin/env bash
# Quickstart: pulumi up of ./Pulumi.yaml against a local astro-sim. Needs the .NET 10 SDK and the Pulumi CLI 3.x.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v pulumi >/dev/null 2>&1; then
  cat >&2 <<'MSG'
quickstart: the Pulumi CLI is not on PATH.
Install it (https://www.pulumi.com/docs/install/), e.g.  curl -fsSL https://get.pulumi.com | sh
then run ./quickstart.sh again.
MSG
  exit 2
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "quickstart: the .NET 10 SDK (dotnet) is not on PATH: https://dotnet.microsoft.com/download" >&2
  exit 2
fi
if [ ! -d src/Pulumi.Astro.Provider ] || [ ! -f src/Pulumi.Astro.Provider/Pulumi.Astro.Provider.csproj ]; then
  echo "quickstart: the provider plugin (src/Pulumi.Astro.Provider) is not built yet in this version of the repo;" >&2
  echo "astro-sim alone runs with: dotnet run --project src/Pulumi.Astro.Simulator" >&2
  exit 1
fi
echo "quickstart: the quickstart program lands with the provider; see README.md" >&2
exit 1
