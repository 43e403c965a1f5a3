#!/usr/bin/env bash
# Set up FieldReg on a fresh Debian/Ubuntu machine: system libraries, a virtual
# environment in .venv, and the package with its test tools. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Qt offscreen needs the first line; the desktop app on an X display the xcb
# libraries; poppler-utils rasterizes slip PDFs in tests; libpulse0 lets
# QtMultimedia (camera scanning) import; postgresql is the real server the HQ registry tests
# start in a temporary directory (tests/pgserver.py).
PACKAGES=(python3-venv libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
          libxcb-shape0 libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0
          fonts-dejavu-core poppler-utils libpulse0 postgresql)
missing=()
for pkg in "${PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
