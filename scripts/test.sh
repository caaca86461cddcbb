#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then run lint and every test.
# Usage: bash scripts/test.sh [pytest args…]
set -euo pipefail
cd "$(dirname "$0")/.."

# 1. System packages: Debian's Chromium (Playwright cannot download browsers here) and a CJK font
#    (without one, Chinese renders as empty boxes in screenshots).
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
export DEBIAN_FRONTEND=noninteractive
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qiE "wenquanyi|noto sans cjk|wqy" || need+=(fonts-wqy-microhei)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$SUDO" = none ]; then
    echo "!! cannot install ${need[*]} (not root, no sudo): browser tests will be skipped" >&2
  else
    echo ">> installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

# 2. Web-quality tools (tools/package-lock.json): axe-core, the W3C Nu HTML checker (needs Java)
#    and Lighthouse (needs Node); postinstall scripts are skipped (vnu-jar's would fetch a JDK).
need=()
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
if [ ${#need[@]} -gt 0 ] && [ "$SUDO" != none ]; then
  echo ">> installing ${need[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi
if command -v npm >/dev/null 2>&1; then
  (cd tools && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

# 3. Python packages in a project virtual environment.
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'

# 4. Lint, then every test (browser tests included; in CI a missing browser fails them), in two
#    processes (pytest-xdist), each test file whole in one of them: its module fixtures are built
#    once. Pass `-n 0` to run in one process.
.venv/bin/ruff check builder tests
.venv/bin/ruff format --check builder tests
mkdir -p test-artifacts
.venv/bin/python -m pytest -n 2 --dist loadfile "$@"
