#!/usr/bin/env bash
# Makes something to import: the Deployment "legacy-etl" that Pulumi.yaml adopts, created outside Pulumi through Astro's
# API (POST /v1/organizations/{organizationId}/deployments), as the Astro UI, the astro CLI or Terraform would have
# made it, with the same properties as the program's `legacy` resource. Prints its id and the import command. If a
# Deployment of that name exists already, it prints that one's id instead of making a second.
#
#   ./create-legacy.sh      against astro-sim on 127.0.0.1:7777 (start it once with ../../quickstart.sh)
#
# Environment (the provider's own variables; the defaults are astro-sim's): ASTRO_HOST (http://127.0.0.1:7777),
# ASTRO_ORGANIZATION_ID (clsimorg00000000000000001), ASTRO_API_TOKEN (astro-sim-token), ASTRO_WORKSPACE_ID
# (clsimwks00000000000000001). Needs curl.
set -euo pipefail
case "${1:-}" in
  -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) echo "create-legacy.sh: unknown option '$1'" >&2; exit 2 ;;
esac

host="${ASTRO_HOST:-http://127.0.0.1:7777}"
host="${host%/}"
org="${ASTRO_ORGANIZATION_ID:-clsimorg00000000000000001}"
token="${ASTRO_API_TOKEN:-astro-sim-token}"
workspace="${ASTRO_WORKSPACE_ID:-clsimwks00000000000000001}"
name=legacy-etl
api="$host/v1/organizations/$org"

# The first "id" of a Deployment object is the Deployment's own (its worker queues come after it).
first_id() { { grep -o '"id" *: *"[^"]*"' || true; } | head -n 1 | sed 's/.*"\([^"]*\)"$/\1/'; }

call() {
  local method="$1" url="$2" body="${3:-}" reply status
  if [ -n "$body" ]; then
    reply="$(curl -sS -X "$method" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" -w '\n%{http_code}' "$url")"
  else
    reply="$(curl -sS -X "$method" -H "Authorization: Bearer $token" -w '\n%{http_code}' "$url")"
  fi
  status="${reply##*$'\n'}"
  reply="${reply%$'\n'*}"
  if [ "${status:0:1}" != 2 ]; then
    echo "create-legacy.sh: $method $url answered $status: $reply" >&2
    exit 1
  fi
  printf '%s' "$reply"
}

id="$(call GET "$api/deployments?names=$name&workspaceIds=$workspace" | first_id)"
if [ -n "$id" ]; then
  echo "Deployment $name exists already: $id"
else
  id="$(call POST "$api/deployments" "$(cat <<JSON
{
  "name": "$name",
  "type": "STANDARD",
  "workspaceId": "$workspace",
  "cloudProvider": "AWS",
  "region": "us-east-1",
  "executor": "CELERY",
  "schedulerSize": "SMALL",
  "isHighAvailability": false,
  "isDevelopmentMode": false,
  "isCicdEnforced": false,
  "isDagDeployEnabled": true,
  "defaultTaskPodCpu": "0.5",
  "defaultTaskPodMemory": "1Gi",
  "resourceQuotaCpu": "10",
  "resourceQuotaMemory": "20Gi",
  "workerQueues": [
    {"name": "default", "isDefault": true, "astroMachine": "A5", "minWorkerCount": 0, "maxWorkerCount": 10, "workerConcurrency": 5}
  ]
}
JSON
)" | first_id)"
  if [ -z "$id" ]; then echo "create-legacy.sh: the answer to the create named no id" >&2; exit 1; fi
  echo "created Deployment $name outside Pulumi: $id"
fi
echo "adopt it (from this folder, with the stack set up as the comments in Pulumi.yaml say):"
echo "  pulumi import astro:index:Deployment legacy $id"
