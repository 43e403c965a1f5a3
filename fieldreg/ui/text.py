"""The core's messages in the user's language.

The core writes English templates with their values (fieldreg/messages.py);
scripts/translations.py extracts the templates into the ``Core`` context of
the .ts files. Here a template is looked up and the values filled in, those
that are messages themselves translated first::

    label.setText(translated(err.message))     # or error_text(err)

A template nobody has translated yet shows in English, never as a blank.

The core's messages are fragments, lower-case and without a full stop (the
command line prints ``error: ...`` and other messages quote them).
:func:`error_text` is what a screen shows on its own, so it makes the fragment a
sentence: a capital first, a full stop last (``as_sentence``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fieldreg.errors import FieldRegError, ValidationError
from fieldreg.messages import Message

CONTEXT = "Core"


def translated(message: Message | str) -> str:
    """``message`` in the current language (a plain string is shown as it is)."""
    if isinstance(message, str):
        return message
    template = QCoreApplication.translate(CONTEXT, message.template)
    if not message.params:
        return template
    params = {k: translated(v) if isinstance(v, Message) else v for k, v in message.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        # A translation naming a value the code no longer gives: the English is right.
        return message.template.format(**params)


def as_sentence(text: str) -> str:
    """``l'empreinte ne correspond pas`` -> ``L'empreinte ne correspond pas.``"""
    text = text.strip()
    if not text:
        return text
    if text[0].islower():
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def error_text(err: FieldRegError, *, sentence: bool = True) -> str:
    """What went wrong, one sentence, translated (each problem of a ValidationError);
    ``sentence=False``: the fragment, to go inside another message ("Not loaded: {reason}")."""
    if isinstance(err, ValidationError):
        lines = [translated(p.line) for p in err.problems]
        joined = lines[0] if lines else ""
        for line in lines[1:]:  # French puts a non-breaking space before the semicolon
            joined = QCoreApplication.translate("Text", "{first}; {then}").format(first=joined, then=line)
        return as_sentence(joined) if sentence else joined
    text = translated(err.message)
    return as_sentence(text) if sentence else text
