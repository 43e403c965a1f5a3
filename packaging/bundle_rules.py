"""What the bundle leaves out of what PyInstaller's hooks collect, and what it must carry.

Shared by the spec (packaging/fieldreg.spec), which applies it, and the bundle check
(packaging/check_bundle.py), which holds a built folder to it. Patterns are regular
expressions searched in a file's path inside the bundle, with '/' separators.
"""

from pathlib import Path


def package_data(root: Path) -> list[Path]:
    """The files of the package in checkout ``root`` that are not Python source, relative to ``root``."""
    return [path.relative_to(root) for path in sorted((root / "fieldreg").rglob("*"))
            if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts]


# Python modules never imported by FieldReg. PySide6's hooks would bring the OpenGL, D-Bus
# and Concurrent bindings along with QtCharts and QtMultimedia (8.5 MB for QtOpenGL alone);
# the C++ libraries those modules link stay. Pillow's AVIF codec drags 10 MB of libraries.
# FieldReg reads no line-edited input (readline: GNU readline and ncurses; passphrases come
# through getpass) and handles text as UTF-8 only (the Chinese, Japanese and Korean codecs,
# 1 MB). Its hashes are SHA-256 and BLAKE2b, which hashlib has built in without OpenSSL's
# _hashlib (the `cryptography` package carries its own OpenSSL; `ssl`, which the post's sync
# needs for HTTPS to HQ, stays). Pillow only decodes pictures and draws QR codes: no text
# (FreeType, HarfBuzz) and no colour management (Little CMS), 4 MB. The bundle is for border
# posts and camps: HQ's registry on a PostgreSQL server (psycopg and its libpq, ~10 MB) is
# for an HQ installed from the source (docs/hq.md); an HQ on SQLite, the demo's included,
# runs from the bundle.
PYTHON_EXCLUDES = [
    "tkinter", "_tkinter", "unittest", "pydoc_data", "test", "readline", "_hashlib",
    "psycopg", "psycopg_binary", "psycopg_c", "psycopg_pool", "fieldreg.hq.db.postgres",
    "PIL._imagingft", "PIL.ImageFont", "PIL._imagingcms", "PIL.ImageCms",
    "_codecs_cn", "_codecs_hk", "_codecs_iso2022", "_codecs_jp", "_codecs_kr", "_codecs_tw",
    "_multibytecodec",
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtDBus", "PySide6.QtConcurrent",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtWebEngineCore", "PySide6.Qt3DCore",
    "PIL._avif", "PIL.ImageTk", "PIL._imagingtk",
]

# Qt plugins FieldReg does not use, and the libraries only they need.
DROPPED_BINARIES = (
    r"plugins/platformthemes/.*gtk3",          # GTK theme: ~40 GTK/cairo/pango libraries
    r"plugins/platforminputcontexts/.*virtualkeyboard",  # QML virtual keyboard
    r"plugins/imageformats/.*qpdf",            # PDF as an image format (Qt6Pdf, 4 MB)
    r"plugins/(wayland-[a-z-]+|egldeviceintegrations|generic|tls|networkinformation)/",
    r"plugins/platforms/.*(wayland|eglfs|minimalegl|linuxfb|vnc|vkkhrdisplay)",
    r"(^|/)(lib)?Qt6(VirtualKeyboard|Pdf|Wayland|WlShell|EglFS|EglFsKms)[A-Za-z]*\.",
)

# Libraries left to the system (Linux): present on every Ubuntu or Debian desktop, kept
# backward compatible by their distributions, and named in the .deb's Depends (computed by
# packaging/linux/deb_depends.py). A bundled libstdc++ older than the system's breaks the
# system's own OpenGL drivers loaded into the process; a bundled fontconfig or CUPS may not
# read a newer system's configuration. Everything reached only through them goes too (Kerberos,
# which only QtNetwork names, is 2.5 MB of libraries).
SYSTEM_LIBRARIES = tuple(rf"^{name}\.so" for name in (
    r"libstdc\+\+", "libgcc_s", "libz", "libexpat", "libX11", "libX11-xcb", "libxcb",
    "libxkbcommon", "libfontconfig", "libfreetype", "libdbus-1", "libglib-2\\.0", "libgthread-2\\.0",
    "libcups", "libpulse", "libgssapi_krb5",
    # OpenSSL 3 for Python's ssl (the sync's HTTPS): the system's, kept patched by its updates.
    "libssl", "libcrypto",
))

# Qt's own translations: French and English only (qtbase_fr.qm is loaded by fieldreg/ui/language.py).
DROPPED_DATA = (
    r"translations/qt[a-z_]*_(?!fr\.qm$|en\.qm$)[A-Za-z_]+\.qm$",
)

# What a working bundle holds besides the package's data files (check_bundle.py compares those
# with the checkout): on Linux, the Qt plugins and translations FieldReg relies on (paths
# relative to the bundle's _internal/ folder).
REQUIRED_LINUX = (
    "pypdfium2_raw/libpdfium.so",  # loaded with ctypes: no other file names it
    "PySide6/Qt/translations/qtbase_fr.qm",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
)

# Never in the bundle: Qt modules FieldReg does not use (the issue: no QML, Quick, WebEngine, 3D).
FORBIDDEN = (
    r"Qt6(WebEngine|3D|Quick3D|VirtualKeyboard|Pdf)",
    r"qml/",
    r"libgtk-3",
    r"PySide6/Qt(OpenGL|Qml|Quick|WebEngine)[A-Za-z]*\.(abi3\.so|pyd)$",
)
