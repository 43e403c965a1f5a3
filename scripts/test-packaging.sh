#!/usr/bin/env bash
# The installable FieldReg, as CI checks it after scripts/test.sh (.ci/run runs both): build the
# bundle, the .deb and the .tar.gz (packaging/build-linux.sh), install the .deb, run the installed
# program (packaging/tests/: command line, app under Xvfb with screenshots, upgrade, removal), and
# remove it again. Needs root or password-less sudo (dpkg -i). Artefacts: packaging/dist/
# (the packages, SHA256SUMS, smoke-screenshots/). Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; fi
# A virtual screen, a window manager and real key presses for the app's tour.
missing=()
for pkg in xvfb openbox xdotool; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
if [ "${#missing[@]}" -gt 0 ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if dpkg-query -W fieldreg >/dev/null 2>&1; then
    echo "scripts/test-packaging.sh: fieldreg is installed on this machine; the tests install and" \
         "remove it: remove it first (dpkg -r fieldreg)" >&2
    exit 1
fi
# The tests remove the package whatever happens to them; this catches the test run itself dying.
trap 'if dpkg-query -W fieldreg >/dev/null 2>&1; then $SUDO dpkg --purge fieldreg >/dev/null; fi' EXIT

bash packaging/build-linux.sh
.venv/bin/python -m pytest -q -p no:cacheprovider packaging/tests "$@"
