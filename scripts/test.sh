#!/usr/bin/env bash
# Fresh machine to a green test suite. CI runs exactly this (.ci/run).
#
# First the static checks, a few seconds each: the import layers (lint-imports, contracts in
# pyproject.toml), the types (mypy, the whole package) and the lint (ruff). All three run, so
# one run shows every kind of problem; if any fails, the tests do not run. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen

failed=()
check() {
    local what=$1
    shift
    local output
    if output=$("$@" 2>&1); then
        echo "ok: $what"
    else
        echo "$output"
        echo "FAILED: $what ($*)"
        failed+=("$what")
    fi
}
check "import layers (lint-imports)" .venv/bin/lint-imports --no-logo
check "types (mypy)" .venv/bin/mypy
check "lint (ruff check)" .venv/bin/ruff check --output-format concise
if [ "${#failed[@]}" -gt 0 ]; then
    printf -v list '%s, ' "${failed[@]}"
    echo "scripts/test.sh: static checks failed: ${list%, }; the tests were not run" >&2
    exit 1
fi

.venv/bin/python -m pytest -q "$@"
