#!/usr/bin/env bash
# The SPARQL bench in one command: this project's server vs rdflib-endpoint.
#
#   bench/run_sparql_bench.sh [--reuse-data] [--profile] [--seconds S] [--clients N] [--only KEY]
#
# Creates bench/.venv-rdflib-endpoint on first use (rdflib-endpoint + uvicorn +
# py-spy, pinned in bench/requirements-rdflib-endpoint.txt), then runs
# `bench/sparql_load.py run` with the project's venv. Extra arguments go to it.
# Everything it writes lands in bench/results/sparql/ (git-ignored).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
project_python="${KG_PYTHON:-$repo/.venv/bin/python}"
baseline_venv="$here/.venv-rdflib-endpoint"
requirements="$here/requirements-rdflib-endpoint.txt"

if [[ ! -x "$project_python" ]]; then
  echo "error: $project_python not found; create the project's venv first (or set KG_PYTHON)" >&2
  exit 1
fi

# (Re)build the baseline venv when it is missing or its requirements changed.
stamp="$baseline_venv/.requirements.sha256"
want="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [[ ! -x "$baseline_venv/bin/python" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "setting up $baseline_venv …"
  base_python="$("$project_python" -c 'import sys; print(sys._base_executable)')"
  "$base_python" -m venv "$baseline_venv"
  "$baseline_venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
  echo "$want" > "$stamp"
fi

cd "$repo"
exec "$project_python" "$here/sparql_load.py" run "$@"
