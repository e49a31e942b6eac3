#!/usr/bin/env bash
# Runs every test of the solution (astro-sim contract tests, client tests, ...) and ends with one line
# "N passed, N failed" that CI reads. Usage: ./test.sh [extra dotnet test args, e.g. --filter Name~Cluster]
set -uo pipefail
cd "$(dirname "$0")" || exit 2
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK (dotnet) is required: https://dotnet.microsoft.com/download" >&2
  echo "0 passed, 1 failed"
  exit 2
fi

results=TestResults
rm -rf "$results"
dotnet build Pulumi.Astro.sln -c Release --nologo -v quiet -clp:ErrorsOnly
build=$?
if [ $build -ne 0 ]; then
  echo "test.sh: the build failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test Pulumi.Astro.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@"
status=$?

python3 - "$results" "$status" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = 0
for path in glob.glob(f"{sys.argv[1]}/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find(".//{*}Counters")
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
# A test run that crashed without reporting counts as a failure.
if int(sys.argv[2]) != 0 and failed == 0:
    failed = 1
print(f"{passed} passed, {failed} failed")
PY
[ $status -eq 0 ]
