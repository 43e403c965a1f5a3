#!/usr/bin/env bash
# Build FieldReg for Linux from a clean checkout: the one-folder bundle (PyInstaller), the .deb,
# the .tar.gz and SHA256SUMS, in packaging/dist/ (or $FIELDREG_DIST). packaging/README.md says more.
#
#   bash packaging/build-linux.sh
#
# Environment: PYTHON (the interpreter to bundle; default the newest CPython >= 3.11 found on
# this machine), SOURCE_DATE_EPOCH (default: the last commit's time; the same commit built twice
# on the same machine gives the same files), FIELDREG_BUILD (work folder, default packaging/build).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
WORK=${FIELDREG_BUILD:-$HERE/build}
OUT=${FIELDREG_DIST:-$HERE/dist}
started=$(date +%s)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
# binutils: strip (PyInstaller), readelf and objdump (the .deb's Depends); the rest is dpkg's.
missing=()
for pkg in binutils python3-venv; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
if [ "${#missing[@]}" -gt 0 ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/fieldreg/__init__.py")
[ -n "$VERSION" ] || { echo "build-linux.sh: no __version__ in fieldreg/__init__.py" >&2; exit 1; }
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)}
export PYTHONHASHSEED=0  # the same bytecode (sets and dicts of constants) in every build

# The newest CPython on this machine (3.11 or later): pyenv's versions, then the system's.
newest_python() {
    local best="" best_version="0" candidate version
    for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.*/bin/python3 /usr/bin/python3 /usr/bin/python3.1[1-9]; do
        [ -x "$candidate" ] || continue
        version=$("$candidate" -c 'import sys; print("%d.%02d.%02d" % sys.version_info[:3]) if sys.version_info >= (3, 11) else None' 2>/dev/null) || continue
        [ "$version" = "None" ] && continue
        "$candidate" -c 'import venv, ensurepip' 2>/dev/null || continue
        if [[ "$version" > "$best_version" ]]; then best=$candidate; best_version=$version; fi
    done
    echo "$best"
}
PYTHON=${PYTHON:-$(newest_python)}
[ -n "$PYTHON" ] || { echo "build-linux.sh: no CPython 3.11 or later with venv found" >&2; exit 1; }
PYVER=$("$PYTHON" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
echo "build-linux.sh: FieldReg $VERSION with CPython $PYVER ($PYTHON)"

# A build environment of its own: the app's dependencies at the versions of constraints.txt.
# Made again when pyproject.toml's dependencies or constraints.txt change.
venv="$WORK/venv-$PYVER"
mkdir -p "$WORK"
"$PYTHON" - "$ROOT/pyproject.toml" > "$WORK/requirements.txt" <<'PY'
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    print("\n".join(tomllib.load(f)["project"]["dependencies"]))
PY
stamp=$(cat "$WORK/requirements.txt" "$HERE/constraints.txt" | sha256sum | cut -c1-16)
if [ "$(cat "$venv/.fieldreg-stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$venv"
    "$PYTHON" -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -c "$HERE/constraints.txt" \
        -r "$WORK/requirements.txt" pyinstaller
    echo "$stamp" > "$venv/.fieldreg-stamp"
fi

# The bundle: $WORK/dist/fieldreg/ (fieldreg + _internal/).
rm -rf "$WORK/dist" "$WORK/pyinstaller"
(cd "$ROOT" && "$venv/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath "$WORK/dist" --workpath "$WORK/pyinstaller" "$HERE/fieldreg.spec")
bundle="$WORK/dist/fieldreg"
"$venv/bin/python" "$HERE/check_bundle.py" "$bundle" --version "$VERSION"

mkdir -p "$OUT"
deb="$OUT/fieldreg_${VERSION}_amd64.deb"
tarball="$OUT/fieldreg-${VERSION}-linux-x86_64.tar.gz"
rm -f "$deb" "$tarball" "$OUT/SHA256SUMS"

# The .deb: the bundle under /opt/fieldreg, `fieldreg` on the PATH, the menu entry and its icon.
# No maintainer scripts: nothing to do at install, and nothing outside these files is touched
# at upgrade or removal (the registrations live in each user's data directory).
root="$WORK/deb"
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/share/icons/hicolor/256x256/apps" "$root/usr/share/icons/hicolor/scalable/apps" \
    "$root/usr/share/doc/fieldreg"
cp -a "$bundle" "$root/opt/fieldreg"
ln -s /opt/fieldreg/fieldreg "$root/usr/bin/fieldreg"
install -m 644 "$HERE/linux/fieldreg.desktop" "$root/usr/share/applications/fieldreg.desktop"
install -m 644 "$ROOT/fieldreg/ui/icons/fieldreg-256.png" "$root/usr/share/icons/hicolor/256x256/apps/fieldreg.png"
install -m 644 "$ROOT/fieldreg/ui/icons/fieldreg.svg" "$root/usr/share/icons/hicolor/scalable/apps/fieldreg.svg"
printf 'FieldReg %s\nLicense: MIT (see the project repository).\n' "$VERSION" > "$root/usr/share/doc/fieldreg/copyright"
chmod -R u+rwX,go+rX,go-w "$root"
depends=$(python3 "$HERE/linux/deb_depends.py" "$bundle")
installed_size=$(du -sk --apparent-size "$root" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@INSTALLED_SIZE@/$installed_size/" -e "s/@DEPENDS@/$depends/" \
    "$HERE/linux/control.in" > "$root/DEBIAN/control"
# dpkg-deb takes SOURCE_DATE_EPOCH for every file's time and sorts the entries.
dpkg-deb --root-owner-group -Zzstd -z6 --build "$root" "$deb" >/dev/null

# The .tar.gz: the same folder, for machines without dpkg; sorted, owned by root, dated
# SOURCE_DATE_EPOCH, gzip without a name or time: the same bytes for the same bundle.
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    -C "$WORK/dist" -cf - fieldreg | gzip -n -6 > "$tarball"

(cd "$OUT" && sha256sum "$(basename "$deb")" "$(basename "$tarball")" > SHA256SUMS)
echo "build-linux.sh: $(du -sh --apparent-size "$bundle" | cut -f1) bundle, in $(( $(date +%s) - started )) s:"
(cd "$OUT" && ls -l "$(basename "$deb")" "$(basename "$tarball")" SHA256SUMS)
