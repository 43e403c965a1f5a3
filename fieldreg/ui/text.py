"""The core's messages in the user's language.

The core writes English templates with their values (fieldreg/messages.py);
scripts/translations.py extracts the templates into the ``Core`` context of
the .ts files. Here a template is looked up and the values filled in, those
that are messages themselves translated first::

    label.setText(translated(err.message))     # or error_text(err)

A template nobody has translated yet shows in English, never as a blank.
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


def error_text(err: FieldRegError) -> str:
    """What went wrong, one line, translated (each problem of a ValidationError)."""
    if isinstance(err, ValidationError):
        return "; ".join(translated(p.line) for p in err.problems)
    return translated(err.message)
