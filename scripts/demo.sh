#!/usr/bin/env bash
# Fresh machine to a running demo: set up, create the demo post (once), use it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh

export FIELDREG_HOME="${FIELDREG_HOME:-$HOME/.local/share/fieldreg-demo}"
if [ ! -e "$FIELDREG_HOME/fieldreg.db" ]; then
    .venv/bin/fieldreg init --demo
fi
# The demo's published supervisor account (demo data only).
export FIELDREG_USER=superviseur FIELDREG_PASSPHRASE=demo-superviseur-2026
echo; echo "== fieldreg stats (last days) =="
.venv/bin/fieldreg stats | sed -n '1,3p;/By origin/,$p'
echo; echo "== fieldreg search traore =="
.venv/bin/fieldreg search traore --limit 5
FIRST=$(.venv/bin/fieldreg search traore --limit 1 | cut -d' ' -f1)
echo; echo "== fieldreg slip $FIRST --pdf slip-demo.pdf, then fieldreg verify its token =="
.venv/bin/fieldreg slip "$FIRST" --pdf "$FIELDREG_HOME/slip-demo.pdf"
.venv/bin/fieldreg verify "$(.venv/bin/fieldreg slip "$FIRST" --text)" || true
echo; echo "== fieldreg audit verify =="
.venv/bin/fieldreg audit verify
echo
echo "The demo post lives in $FIELDREG_HOME (slip: $FIELDREG_HOME/slip-demo.pdf)."
echo "Try: .venv/bin/fieldreg --help"
