#!/usr/bin/env bash
# The whole test suite, from a fresh machine: set-up (with Chromium), then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
mkdir -p tests/artifacts
exec .venv/bin/python -m pytest "$@"
