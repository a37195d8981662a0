#!/usr/bin/env bash
# The main job: set up, ingest the sample reports, serve the endpoint and the explorer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
STORE="${KG_STORE:-$PWD/kg-data}"
export KG_STORE="$STORE"
.venv/bin/kg ingest samples/reports --store "$STORE"
exec .venv/bin/kg serve --store "$STORE" --host "${KG_HOST:-127.0.0.1}" --port "${KG_PORT:-8000}"
