#!/usr/bin/env bash
# Fresh machine to a green test suite. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m pytest -q "$@"
