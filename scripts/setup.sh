#!/usr/bin/env bash
# Set up everything conflict-kg needs on a fresh Debian machine with Python 3.11:
# a virtualenv with the package and its test tools, the UI's front-end packages
# (served offline by the API), and, with --browser, Debian's Chromium for the UI test.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
if [[ "${1:-}" == "--browser" ]]; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
  # Arabic glyphs for the UI screenshots (the tests check direction, people read the pictures).
  dpkg -s fonts-noto-core >/dev/null 2>&1 || need_apt+=(fonts-noto-core)
fi
if ((${#need_apt[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [[ ! -x .venv/bin/python ]]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"

if [[ -f ui/package-lock.json ]]; then
  npm ci --prefix ui --no-audit --no-fund --loglevel=error
elif [[ -f ui/package.json ]]; then
  npm install --prefix ui --no-audit --no-fund --loglevel=error
fi
