"""Text from people or posts, made safe to print: control and bidirectional characters made visible.

    >>> escape_controls("Awa\\x1b[2J Traoré")
    'Awa\\\\u001b[2J Traoré'
    >>> escape_controls("\\u202eeroarT awA")
    '\\\\u202eeroarT awA'
    >>> escape_controls("line one\\nline two\\tend")
    'line one\\nline two\\tend'

A name is typed at a post and printed at HQ. Printed raw, an ESC starts a
terminal escape sequence (clear the screen, retitle the window, rewrite what the
line above said); a bidirectional override (U+202E) or isolate reverses the rest
of the line, so a row's registration number, score or other columns read in
another order. Every command that prints user data writes through this
function (the CLI installs it on its standard output and error:
fieldreg/cli/main.py), and the app shows names through it too.

Escaped, as ``\\uXXXX`` (a surrogate pair ``\\uD83D\\uDE00`` beyond U+FFFF, so the
same text stays valid JSON and reads back unchanged inside a JSON string):

* C0 controls and DEL (``\\n`` and ``\\t`` excepted) and C1 controls (U+0080–U+009F:
  U+009B is an 8-bit CSI to some terminals);
* every format character (Unicode category Cf): the bidirectional marks,
  embeddings, overrides and isolates (U+061C, U+200E/F, U+202A–U+202E,
  U+2066–U+2069), zero-width characters, the byte-order mark, tags;
* line and paragraph separators (U+2028/9), which some terminals treat as new
  lines, and lone surrogates (Cs), which cannot be encoded.

Letters of every script, combining marks and ordinary spaces are left alone.
Validation refuses all of these in names at the post and at HQ, so a correct
name prints unchanged; this is the last line of defence for what got in
anyway (an older post, a hand-edited file).
"""

from __future__ import annotations

import unicodedata

_UNSAFE = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))
_KEPT = frozenset("\n\t")


def _escape(ch: str) -> str:
    code = ord(ch)
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with every control, format and separator character written as ``\\uXXXX``."""
    if text.isprintable():  # no C*, Z* but the space: nothing to escape (C speed)
        return text
    return "".join(
        _escape(ch) if ch not in _KEPT and unicodedata.category(ch) in _UNSAFE else ch
        for ch in text
    )


def isolate(text: str) -> str:
    """``text`` escaped, then between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE.

    For a name set inside a longer line (the app's lists and labels): an Arabic
    or N'Ko name keeps its own direction without reordering what stands around it.
    """
    return f"\u2068{escape_controls(text)}\u2069"
