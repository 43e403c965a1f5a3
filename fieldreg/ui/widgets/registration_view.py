"""One registration as a page to read: its number, the household, its members and its history.

>>> view = RegistrationView(parent)             # doctest: +SKIP
>>> view.show_registration(session.households.get(regno))   # or None: a hint to search   # doctest: +SKIP

Every value is escaped before it goes into the HTML; dates are in the user's
short format, a void registration says so and why. Object name: ``details``.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtWidgets import QTextBrowser, QWidget

from fieldreg.errors import unreadable_part
from fieldreg.model import Registration
from fieldreg.safetext import escape_controls
from fieldreg.ui.text import translated
from fieldreg.ui.widgets.members import relationship_labels, sex_labels


class RegistrationView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("details")
        self.setOpenLinks(False)

    def show_registration(self, reg: Registration | None) -> None:
        if reg is None:
            hint = self.tr("Search, then choose a registration to see it here.")
            self.setHtml(f"<p>{html.escape(hint)}</p>")
            return
        self.setHtml(self.describe(reg))

    def show_unreadable(self, message: str) -> None:
        """A registration that cannot be opened: why, and what a supervisor can do."""
        advice = self.tr("The other registrations are not affected. A supervisor can correct it "
                         "from its slip ('fieldreg correct REGNO FILE') or restore the data file "
                         "from a backup; it is reported to HQ with the next batch.")
        self.setHtml(f"<p style='color:#b00000'><b>{html.escape(message)}</b></p>"
                     f"<p>{html.escape(advice)}</p>")

    def describe(self, reg: Registration) -> str:
        """The registration as readable HTML (every value escaped)."""
        e = html.escape
        hh = reg.household
        locale = QLocale()
        sexes, relations = sex_labels(), relationship_labels()
        words = {
            # Labels carry their own colon: French puts a non-breaking space before it.
            "void": self.tr("VOID:"), "arrived": self.tr("Arrived:"), "from": self.tr("From:"),
            "to": self.tr("Going to:"), "by": self.tr("Travelled by:"), "consent": self.tr("Consent:"),
            "yes": self.tr("yes"), "no": self.tr("no"), "name": self.tr("Name"), "sex": self.tr("Sex"),
            "relationship": self.tr("Relationship"), "born": self.tr("Born"), "notes": self.tr("Notes:"),
            "history": self.tr("History:"),
        }
        w = {k: e(v) for k, v in words.items()}
        rows = []
        for number, m in enumerate(hh.members, 1):
            born = (locale.toString(_qdate(m.birth.date), QLocale.FormatType.ShortFormat) if m.birth.date
                    else f"~{m.birth.year}")
            other = f" ({e(escape_controls(m.other_names))})" if m.other_names else ""
            rows.append(f"<tr><td>{number}</td><td><b>{e(escape_controls(m.family_name.upper()))}</b> "
                        f"{e(escape_controls(m.given_names))}{other}</td>"
                        f"<td>{e(sexes.get(m.sex, m.sex))}</td>"
                        f"<td>{e(relations.get(m.relationship, m.relationship))}</td><td>{e(born)}</td></tr>")
        place = ", ".join(p for p in (hh.origin.locality, hh.origin.region, hh.origin.country) if p)
        day = hh.arrived_at.astimezone().date() if hh.arrival_time_known else hh.arrived_at.date()
        arrived = locale.toString(_qdate(day), QLocale.FormatType.ShortFormat)
        parts = [f"<h2 style='font-family: monospace'>{e(reg.regno)}</h2>"]
        if reg.status == "void":
            parts.append(f"<p style='color:#b00000'><b>{w['void']}</b> {e(reg.void_reason)}</p>")
        facts = [f"{w['arrived']} {e(arrived)}", f"{w['from']} {e(place)}"]
        if hh.destination:
            facts.append(f"{w['to']} {e(hh.destination)}")
        if hh.travel_mode:
            facts.append(f"{w['by']} {e(hh.travel_mode)}")
        facts.append(f"{w['consent']} {w['yes'] if hh.consent else w['no']}")
        parts.append(f"<p>{'<br>'.join(facts)}</p>")
        parts.append(f"<table cellpadding='3'><tr><th>#</th><th>{w['name']}</th><th>{w['sex']}</th>"
                     f"<th>{w['relationship']}</th><th>{w['born']}</th></tr>{''.join(rows)}</table>")
        if hh.notes:
            parts.append(f"<p>{w['notes']} {e(hh.notes)}</p>")
        registered = self.tr("Registered by {user}; version {version}").format(
            user=reg.created_by, version=reg.version)
        parts.append(f"<p>{e(registered)}</p>")
        if reg.history:
            items = []
            for h in reg.history:
                line = self.tr("Version {version}: {action} by {user}, reason: {reason}").format(
                    version=h.version, action=action_label(h.action), user=h.replaced_by, reason=h.reason)
                if "unreadable" in h.previous:
                    line += " " + self.tr("(this version cannot be opened: {part})").format(
                        part=translated(unreadable_part(h.previous["unreadable"])))
                items.append(f"<li>{e(line)}</li>")
            parts.append(f"<p>{w['history']}</p><ul>{''.join(items)}</ul>")
        return "".join(parts)


def action_label(action: str) -> str:
    """A history entry's action in the user's language."""
    if action == "correct":
        return QCoreApplication.translate("RegistrationView", "corrected")
    if action == "void":
        return QCoreApplication.translate("RegistrationView", "voided")
    return action


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
