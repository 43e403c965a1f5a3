"""Untrusted JSON bytes to Python values, one household at a time, within limits.

    value = parse_json(b'{"consent": true, ...}')      # ValidationError: one Problem saying why not
    for line, value in read_households(sys.stdin.buffer):
        if isinstance(value, ValidationError): ...       # that line only; the next ones still come
        else: parse_household(value)

What :mod:`json` accepts and a household never needs is refused here, each with
a problem code of its own (docs/formats/household.md, "Limits"): bytes that are
not UTF-8 (``not_utf8``), a line longer than :data:`MAX_LINE_BYTES`
(``line_too_long``, read past without being held in memory), nesting deeper
than :data:`MAX_DEPTH` (``too_deep``), a number written with more than
:data:`MAX_NUMBER_CHARS` characters (``number_too_long``; Python would build a
5,000-digit integer, or refuse it with an error of its own),
``NaN``/``Infinity`` (``not_json``: not JSON), and a key given twice in one
object (``duplicate_key``: which one was meant?). None of these ever raises
anything but :class:`~fieldreg.errors.ValidationError`.

The limits are the post's and HQ's alike: whoever reads a household reads it
through :func:`parse_json` and :func:`~fieldreg.validation.parse_household`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from fieldreg.errors import Problem, ValidationError
from fieldreg.messages import Message

# A household at its largest: 40 members each with a 256 KiB photo (base64: 350,000
# characters) and every other field at its limit is under 15 MB.
MAX_LINE_BYTES = 16 * 1024 * 1024
# household {1} > members [2] > member {3} > documents [4] > document {5}; a little room.
MAX_DEPTH = 8
# The longest number a household holds is a year; "-1.5e+300" is 9 characters.
MAX_NUMBER_CHARS = 20

_SKIP_CHUNK = 1024 * 1024
_BOM = b"\xef\xbb\xbf"


class _Refused(Exception):
    """Raised from inside the decoder's hooks: the line is refused for this problem."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _clip(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[:most] + "…"


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise _Refused(Problem("duplicate_key", Message("the key {key!r} is given twice in one object",
                                                             key=_clip(key))))
        obj[key] = value
    return obj


def _number_text(text: str) -> str:
    if len(text) > MAX_NUMBER_CHARS:
        raise _Refused(Problem("number_too_long", Message("a number of {length} characters (at most {most})",
                                                          length=len(text), most=MAX_NUMBER_CHARS)))
    return text


def _float(text: str) -> float:
    value = float(_number_text(text))
    if value in (float("inf"), float("-inf")):
        raise _Refused(Problem("number_too_long", Message("the number {text} is too large", text=text)))
    return value


def _constant(name: str) -> Any:
    raise _Refused(Problem("not_json", Message("not valid JSON: {name} is not a JSON value", name=name)))


_DECODER = json.JSONDecoder(
    object_pairs_hook=_object,
    parse_int=lambda text: int(_number_text(text)),
    parse_float=_float,
    parse_constant=_constant,
)


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in ``value`` (a scalar: 0), without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


class _NotJson(ValidationError):
    """Not JSON at all; ``lineno`` is where in the text the parser gave up (from 1)."""

    def __init__(self, problem: Problem, lineno: int):
        super().__init__([problem])
        self.lineno = lineno


def parse_json(data: bytes | str) -> Any:
    """One JSON value from untrusted bytes (or text), within the limits; ``ValidationError`` if not."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise ValidationError([Problem("not_utf8", Message(
                "not UTF-8 text (byte {byte} at position {position})",
                byte=f"0x{data[err.start]:02x}", position=err.start + 1))]) from None
    else:
        text = data
    try:
        value = _DECODER.decode(text)
    except _Refused as refused:
        raise ValidationError([refused.problem]) from None
    except json.JSONDecodeError as err:
        raise _NotJson(Problem("not_json", Message("not valid JSON: {problem} (column {column})",
                                                   problem=err.msg, column=err.colno)), err.lineno) from None
    except RecursionError:  # nested beyond what the parser itself will go
        raise ValidationError([_too_deep()]) from None
    except ValueError as err:  # a last guard: whatever else json refuses is not a household
        raise _NotJson(Problem("not_json", Message("not valid JSON: {problem}", problem=str(err))), 1) from None
    if _depth(value) > MAX_DEPTH:
        raise ValidationError([_too_deep()])
    return value


def _too_deep() -> Problem:
    return Problem("too_deep", Message("lists and objects nested more than {most} deep", most=MAX_DEPTH))


def _lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(number, line) for every line, blank ones too; ``None`` for a line over the limit, skipped unread."""
    number = 0
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        if number == 1 and line.startswith(_BOM):
            line = line[len(_BOM):]
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def _parsed(number: int, line: bytes | None) -> tuple[int, Any]:
    if line is None:
        return number, ValidationError([Problem("line_too_long", Message(
            "the line is longer than {most} bytes", most=MAX_LINE_BYTES))])
    try:
        return number, parse_json(line)
    except ValidationError as err:
        return number, err


def _each(lines: Iterator[tuple[int, bytes | None]]) -> Iterator[tuple[int, Any]]:
    return (_parsed(n, line) for n, line in lines if line is None or line.strip())


def read_households(stream: BinaryIO) -> Iterator[tuple[int, Any]]:
    """(line number, value) for each household in ``stream``; the value is a ValidationError if refused.

    JSON Lines: one value per line, blank lines skipped, each line on its own,
    yielded as soon as it is read (a long pipeline is saved as it arrives). One
    pretty-printed value over several lines is recognised when the first line
    is not a complete value and the whole input (within :data:`MAX_LINE_BYTES`)
    is; otherwise every line is taken on its own after all, so a damaged first
    line costs that line only. A refused line never stops the lines after it.
    """
    lines = _lines(stream)
    held: list[tuple[int, bytes | None]] = []
    for entry in lines:
        held.append(entry)
        if entry[1] is None or entry[1].strip():
            break
    else:
        return  # nothing but blank lines
    number, first = _parsed(*held[-1])
    if not isinstance(first, _NotJson):
        yield number, first
        yield from _each(lines)
        return
    # Perhaps one pretty-printed value: gather the whole input, up to the limit.
    size = sum(len(line) for _, line in held if line is not None)
    for entry in lines:
        held.append(entry)
        size += MAX_LINE_BYTES + 1 if entry[1] is None else len(entry[1])
        if size > MAX_LINE_BYTES:
            yield from _each(iter(held))
            yield from _each(lines)
            return
    each = list(_each(iter(held)))
    try:
        yield number, parse_json(b"".join(line for _, line in held if line is not None))
        return
    except _NotJson as err:
        if any(isinstance(value, dict) for _, value in each):
            yield from each  # JSON Lines with a damaged first line: every household is an object
            return
        yield err.lineno, err  # one value, broken where the parser says
    except ValidationError as err:
        yield number, err  # one value, refused as a whole (a duplicate key, nesting...)
