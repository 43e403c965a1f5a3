"""How the CLI prints things: JSON for machines, short aligned text for people.

Everything the CLI writes to its standard output and error goes through
:func:`fieldreg.safetext.escape_controls` (``escaped_output``, installed by
fieldreg/cli/main.py for the length of a command): a name holding an ESC or a
bidirectional override prints as ``\u001b`` / ``\u202e``, and JSON output stays
valid JSON with the same content.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from fieldreg.model import SEXES, SPECIFIC_NEEDS, HouseholdSummary, Registration, Unreadable, iso_utc
from fieldreg.safetext import escape_controls


class EscapingStream:
    """A text stream that writes through ``escape_controls`` (everything else is the stream's)."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(escape_controls(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno, encoding...
        return getattr(self._stream, name)


@contextmanager
def escaped_output() -> Iterator[None]:
    """Within it, ``sys.stdout`` and ``sys.stderr`` escape control and bidi characters."""
    saved = sys.stdout, sys.stderr
    sys.stdout = EscapingStream(saved[0])
    sys.stderr = EscapingStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def emit_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def summary_line(h: HouseholdSummary) -> str:
    head = h.head
    others = len(h.members) - 1
    extra = f" (+{others})" if others else ""
    flag = "" if h.status == "active" else f"  [{h.status.upper()}]"
    return f"{h.regno}  {h.day}  {head.family_name}, {head.given_names}{extra}{flag}"


def summary_json(h: HouseholdSummary) -> dict[str, Any]:
    return {
        "regno": h.regno, "arrival_date": h.day, "status": h.status,
        "head": {"given_names": h.head.given_names, "family_name": h.head.family_name},
        "members": len(h.members),
    }


def print_registration(reg: Registration) -> None:
    hh = reg.household
    when = iso_utc(hh.arrived_at) if hh.arrival_time_known else hh.arrived_at.date().isoformat()
    lines = [
        f"{reg.regno}  ({reg.status}, version {reg.version})",
        f"  arrived      {when}",
        f"  origin       {', '.join(p for p in (hh.origin.locality, hh.origin.region, hh.origin.country) if p)}",
    ]
    if hh.destination:
        lines.append(f"  destination  {hh.destination}")
    if hh.travel_mode:
        lines.append(f"  travelled    {hh.travel_mode}")
    lines.append(f"  consent      {'yes' if hh.consent else 'no'}")
    if reg.void_reason:
        lines.append(f"  void reason  {reg.void_reason}")
    lines.append(f"  registered   {iso_utc(reg.created_at)} by {reg.created_by}")
    if reg.version > 1:
        lines.append(f"  last change  {iso_utc(reg.updated_at)} by {reg.updated_by}")
    lines.append("  members:")
    for i, m in enumerate(hh.members, 1):
        birth = m.birth.date.isoformat() if m.birth.date else f"~{m.birth.year} (estimated)"
        lines.append(
            f"   {i}. {m.family_name}, {m.given_names}"
            + (f" (also {m.other_names})" if m.other_names else "")
            + f" — {m.relationship}, {SEXES[m.sex]}, born {birth}"
        )
        details = []
        if m.nationality:
            details.append(f"nationality {m.nationality}")
        if m.languages:
            details.append("speaks " + ", ".join(m.languages))
        if m.documents:
            details.append("documents " + ", ".join(f"{d.type} {d.number}" for d in m.documents))
        if m.phone:
            details.append(f"phone {m.phone}")
        if m.specific_needs:
            details.append("needs " + ", ".join(f"{c} ({SPECIFIC_NEEDS[c]})" for c in m.specific_needs))
        if details:
            lines.append("      " + "; ".join(details))
    if hh.notes:
        lines.append(f"  notes        {hh.notes}")
    for h in reg.history:
        what = (f"cannot be opened: {h.previous['unreadable']}" if "unreadable" in h.previous
                else f"{h.action}: {h.reason}")
        lines.append(
            f"  history      v{h.version} replaced {iso_utc(h.replaced_at)} by {h.replaced_by}"
            f" ({what})"
        )
    sys.stdout.write("\n".join(lines) + "\n")


def note_unreadable(found: list[Unreadable], *, limit: int = 10) -> None:
    """One line on stderr naming the registrations that cannot be opened (left out)."""
    if not found:
        return
    named = ", ".join(u.line() for u in found[:limit])
    more = f" and {len(found) - limit} more" if len(found) > limit else ""
    count = "1 registration cannot" if len(found) == 1 else f"{len(found)} registrations cannot"
    print(f"note: {count} be opened (damaged or altered) and {'is' if len(found) == 1 else 'are'} "
          f"left out: {named}{more}; a supervisor can correct it from its slip "
          "('fieldreg correct REGNO FILE')",
          file=sys.stderr)
