"""What sign-in and ``audit verify`` check beyond the passphrase: the audit head and the records.

    check_at_sign_in(session, conn)        # Station.unlock, before the login entry
    report = integrity_report(session)     # session.audit.check(): what ``audit verify`` prints

At sign-in (kept cheap: one read of the seals' narrow index, no decryption)
the head of the audit log must name its last entry, the commitment over all
seals must match the households (none deleted, added or put back from an older
copy), no household may be older than its history or its last audited change,
and every registration number the post issued must be in the store.
Each finding becomes an ``audit_alert`` entry (fieldreg/store/audit.py), which
stays in the chain, is shown by ``fieldreg audit verify`` and to supervisors, and
travels to HQ with the next batch. The post keeps working: nothing is refused
at sign-in for these, since refusing would stop registrations and protect nothing.
An alert already recorded with the same facts is not written again.

``audit verify`` adds what reads everything: every household's seal against its
clear columns (an edited status, author or arrival), and every registration the
log says was registered, corrected or voided, which must be in the store at that
version. What it finds is recorded as alerts too, for HQ.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from fieldreg.messages import Message
from fieldreg.sqlitedb import transaction
from fieldreg.station.signed_in import SignedIn
from fieldreg.store import registry, reseal, seals
from fieldreg.store.audit import AuditEntry, AuditLog

SHOWN = 12  # registration numbers an alert or a line names; the count says how many in all


def _first(regnos: list[str]) -> dict[str, Any]:
    return {"count": len(regnos), "regnos": regnos[:SHOWN]}


def scan_alerts(scan: seals.RecordScan) -> list[tuple[str, dict[str, Any]]]:
    """The alerts (code, facts) a scan of the records calls for."""
    out: list[tuple[str, dict[str, Any]]] = []
    if scan.altered:
        out.append(("records_altered", _first(scan.altered)))
    if scan.commitment != "ok":
        out.append(("records_commitment", {"state": scan.commitment, "expected": scan.expected,
                                           "found": scan.households}))
    if scan.rolled_back:
        out.append(("records_rolled_back", _first(scan.rolled_back)))
    if scan.unreadable:
        out.append(("records_unreadable", _first(scan.unreadable)))
    if scan.missing:
        out.append(("numbers_missing", _first(scan.missing)))
    return out


def _alert_once(log: AuditLog, actor: str, code: str, facts: dict[str, Any]) -> None:
    if log.last_alert(code) != {"code": code, **facts}:
        log.alert(actor=actor, code=code, facts=facts)


def check_at_sign_in(session: SignedIn, conn: sqlite3.Connection) -> None:
    """The sign-in's checks of the records and the one-time upgrade, in its transaction,
    before its entry (the head of the log was checked first: ``Station.unlock``)."""
    log = session.audit_on(conn)
    actor = session.user
    if reseal.needs_reseal(conn):
        outcome = reseal.reseal_earlier_records(conn, session.cipher)
        if outcome.refused:
            _alert_once(log, actor, "records_reseal_refused", {"why": outcome.refused})
        else:
            log.append(actor=actor, action="records_sealed", details={
                "households": outcome.households, **({"damaged": _first(outcome.damaged)["count"]}
                                                     if outcome.damaged else {})})
    scan = seals.scan_records(conn, session.cipher.seals, session.store.post_id, full=False)
    for code, facts in scan_alerts(scan):
        _alert_once(log, actor, code, facts)


@dataclass(frozen=True)
class IntegrityReport:
    """``fieldreg audit verify``: the chain, the records as they are now, and the alerts recorded."""

    entries: int
    chain_problem: str | None
    findings: list[Message]
    alerts: list[AuditEntry]

    @property
    def clean(self) -> bool:
        return self.chain_problem is None and not self.findings and not self.alerts


def _names(regnos: list[str]) -> str:
    more = f" (+{len(regnos) - SHOWN})" if len(regnos) > SHOWN else ""
    return ", ".join(regnos[:SHOWN]) + more


def findings_of(scan: seals.RecordScan, audited: dict[str, int],
                current: dict[str, int]) -> list[Message]:
    """What is wrong with the records now, in words (each line names the numbers)."""
    out = []
    if scan.altered:
        out.append(Message("registrations changed outside FieldReg (clear columns or seal): "
                           "{regnos}", regnos=_names(scan.altered)))
    if scan.unreadable:
        out.append(Message("registrations whose encrypted fields do not open under their "
                           "version (put back from an older copy, or damaged): {regnos}",
                           regnos=_names(scan.unreadable)))
    if scan.commitment == "missing":
        out.append(Message("the record of every household's seal is missing (removed by hand)"))
    elif scan.commitment == "forged":
        out.append(Message("the record of every household's seal was tampered with"))
    elif scan.commitment == "mismatch":
        out.append(Message(
            "the households do not match the record of their seals ({expected} recorded, "
            "{found} in the store): rows deleted, added or put back from an older copy",
            expected=scan.expected, found=scan.households))
    gone = sorted(r for r in audited if r not in current)
    older = sorted(set(scan.rolled_back) | {r for r, v in audited.items()
                                            if r in current and current[r] < v})
    missing = sorted(set(scan.missing) - set(gone))
    if gone:
        out.append(Message("registrations in the audit log but deleted from the store: {regnos}",
                           regnos=_names(gone)))
    if older:
        out.append(Message("registrations older than their history or audit log (put back from "
                           "an older copy): {regnos}", regnos=_names(older)))
    if missing:
        out.append(Message("registration numbers issued but missing (no void explains them): "
                           "{regnos}", regnos=_names(missing)))
    return out


# The words for the codes an alert's facts hold (store/audit.py check_head, store/reseal.py,
# store/accounts.py check_row): a Message each, so the app shows them in its language.
_HEAD_PROBLEMS = {
    "entries_replaced": Message("its last entries were replaced"),
    "head_missing": Message("the record of its last entry is missing"),
    "head_unreadable": Message("the record of its last entry does not open"),
    "head_forged": Message("the record of its last entry was forged"),
    "last_entry_changed": Message("its last entry was changed"),
}
_COMMITMENT_STATES = {
    "missing": Message("the record of the households' seals is missing ({expected} recorded, {found} found)"),
    "forged": Message("the record of the households' seals was forged ({expected} recorded, {found} found)"),
    "mismatch": Message("the households do not match the record of their seals ({expected} recorded, "
                        "{found} found)"),
}
_RESEAL_REFUSALS = {
    "sealed_rows": Message("rows already carry a seal"),
    "sealed_envelopes": Message("fields are already sealed to their row"),
}
_ACCOUNT_REFUSALS = {
    "account_missing": Message("its row is missing"),
    "account_unsigned": Message("its row carries no signed grant"),
    "grant_malformed": Message("its signed grant is malformed"),
    "account_fields_changed": Message("its role, state or passphrase was changed by hand"),
    "wrap_lacks_authority": Message("its passphrase does not hold the post's account authority"),
}


def _word(table: dict[str, Message], code: object) -> Message:
    """A code's words, or the code itself as written (one this version does not know)."""
    return table.get(str(code)) or Message("{code}", code=code)


def describe_alert(entry: AuditEntry) -> Message:
    """One alert, for a person: what was found (the codes of docs/store.md)."""
    facts = {k: v for k, v in entry.details.items() if k != "code"}
    code = entry.subject
    regnos = _names(list(facts.get("regnos", [])))
    if code == "audit_head":
        if facts.get("problem") == "entries_deleted":
            first, last = int(facts.get("last_seq", 0)) + 1, facts.get("head_seq")
            if first == last:
                return Message("audit entry {first} was deleted from the end of the log",
                               first=first)
            return Message("audit entries {first}-{last} were deleted from the end of the log",
                           first=first, last=last)
        return Message("the end of the audit log was tampered with ({problem})",
                       problem=_word(_HEAD_PROBLEMS, facts.get("problem")))
    if code == "records_altered":
        return Message("{count} registrations changed outside FieldReg: {regnos}",
                       count=facts.get("count"), regnos=regnos)
    if code == "records_commitment" and facts.get("state") in _COMMITMENT_STATES:
        return _COMMITMENT_STATES[facts["state"]].with_values(expected=facts.get("expected"),
                                                              found=facts.get("found"))
    if code == "records_rolled_back":
        return Message("{count} registrations put back to an older version: {regnos}",
                       count=facts.get("count"), regnos=regnos)
    if code == "records_unreadable":
        return Message("{count} registrations whose encrypted fields do not open: {regnos}",
                       count=facts.get("count"), regnos=regnos)
    if code == "numbers_missing":
        return Message("{count} registration numbers issued but missing: {regnos}",
                       count=facts.get("count"), regnos=regnos)
    if code == "records_reseal_refused":
        return Message("the upgrade of earlier records was refused: the store was sealed before "
                       "({why})", why=_word(_RESEAL_REFUSALS, facts.get("why")))
    if code == "account_refused":
        return Message("the account {user} was refused at sign-in: {reason}", user=facts.get("user"),
                       reason=_word(_ACCOUNT_REFUSALS, facts.get("reason")))
    if code == "lockout_tampered":
        return Message("the wrong-passphrase count of {user} was changed by hand", user=facts.get("user"))
    if code == "unknown_user_attempts":
        return Message("{count} sign-in attempts with user names that do not exist", count=facts.get("count"))
    if code == "authority_replaced":
        return Message("the post's account authority had been replaced by hand; it was put back")
    shown = " ".join(f"{k}={v}" for k, v in facts.items())
    return Message("{code} {facts}", code=code, facts=shown)


def integrity_report(session: SignedIn) -> IntegrityReport:
    """Everything ``audit verify`` checks, in one read of the store."""
    with transaction(session.store.db) as conn:
        log = session.audit_on(conn)
        entries, problem = log.verify()
        scan = seals.scan_records(conn, session.cipher.seals, session.store.post_id)
        scan.unreadable = registry.unreadable_records(conn, session.cipher)
        findings = findings_of(scan, seals.audited_versions(conn), seals.current_versions(conn))
        # What only the full check finds (a clear column edited under its old seal) is
        # recorded too, so that it reaches HQ with the next batch — unless the data
        # directory is read-only: then the findings are shown and nothing is written.
        if not session.store.read_only:
            for code, facts in scan_alerts(scan):
                _alert_once(log, session.user, code, facts)
        alerts = log.alerts()
    return IntegrityReport(entries, problem, findings, alerts)
