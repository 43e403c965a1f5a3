#!/usr/bin/env bash
# Fresh machine to a running demo: set up, create the demo post (once), open the app.
#   bash scripts/demo.sh          the desktop app on the demo post (needs a display)
#   bash scripts/demo.sh --cli    a tour of the command line on the same post instead
#   bash scripts/demo.sh --hq     the demo HQ's receiver on 127.0.0.1:8443 (the post syncs to it)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh

export FIELDREG_HOME="${FIELDREG_HOME:-$HOME/.local/share/fieldreg-demo}"
if [ ! -e "$FIELDREG_HOME/fieldreg.db" ]; then
    .venv/bin/fieldreg init --demo
fi

if [ "${1:-}" = "--hq" ]; then
    echo "The demo HQ receives the demo post's batches on https://127.0.0.1:8443 (Ctrl-C stops it)."
    echo "In the app, sign in as superviseur; or run: fieldreg sync --once"
    exec .venv/bin/fieldreg hq serve --demo
fi

if [ "${1:-}" != "--cli" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
    echo "Opening FieldReg on the demo post in $FIELDREG_HOME."
    echo "Sign in as agent / demo-agent-2026 (officer), superviseur / demo-superviseur-2026"
    echo "or admin / demo-admin-2026 (demo data only)."
    exec .venv/bin/fieldreg
fi
if [ "${1:-}" != "--cli" ]; then
    echo "No display found: showing the command line instead (the app needs a desktop session)."
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
