"""Words the person at the keyboard reads, kept translatable without Qt.

The core never formats such a sentence with an f-string. It writes an English
template and its values::

    >>> from fieldreg.messages import Message
    >>> m = Message("birth year differs by {years}", years=3)
    >>> str(m)
    'birth year differs by 3'
    >>> m.template, m.params
    ('birth year differs by {years}', {'years': 3})

``str()`` gives the English: what the CLI prints, logs and tests read. The
desktop app looks ``template`` up in its translations (context ``Core``) and
fills in the same ``params``, translating any that are themselves Messages
(fieldreg/ui/text.py). ``scripts/translations.py`` finds every template by
reading the source, so a template is always a string literal: the first
argument of ``Message(...)``, or the last positional argument of a
:class:`~fieldreg.errors.FieldRegError` class (``raise NotFound("no
registration {regno}", regno=regno)``). A test refuses f-strings there.

Templates use :meth:`str.format` syntax, conversions and format specs included
(``{key!r}``, ``{size:.1f}``). A Message with no values is printed as written,
so text that is not ours can travel as one. An error the system or SQLite gave
travels as a :class:`Refusal` value (or the ``sqlite3.Error`` itself): its own
words for the command line, its code for the app to word it.
"""

from __future__ import annotations

from typing import Any


class Message:
    """An English template and the values it names (immutable by convention)."""

    __slots__ = ("params", "template")

    def __init__(self, template: str, /, **params: Any) -> None:
        self.template = template
        self.params = params

    def with_values(self, **params: Any) -> Message:
        """This template with other values (a table of templates fills them per use)."""
        return Message(self.template, **params)

    def __str__(self) -> str:
        return self.template.format(**self.params) if self.params else self.template

    def __repr__(self) -> str:
        return f"Message({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Message):
            return self.template == other.template and self.params == other.params
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.template)


def as_message(text: str | Message) -> Message:
    """``text`` as a Message; a plain string becomes one with no values, printed as written."""
    return text if isinstance(text, Message) else Message(text)


class Refusal:
    """An error the operating system gave, as a message's value.

    ``str()`` is the system's own words (``strerror``), what the command line
    prints; they are in the system's language, so the app words the refusal by
    its code (``error.errno``) instead (fieldreg/ui/text.py ``refusal_words``)::

        >>> str(Message("cannot write {target}: {reason}", target="f", reason=Refusal(OSError(5, "I/O error"))))
        'cannot write f: I/O error'
    """

    __slots__ = ("error",)

    def __init__(self, error: OSError) -> None:
        self.error = error

    def __str__(self) -> str:
        return self.error.strerror or str(self.error)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"Refusal({self.error!r})"
