"""What HQ holds, per post and in total (``fieldreg hq report``).

    report = build_report(registry, trust=hq.trust_list())
    print("\\n".join(report.lines()))      # or json.dumps(report.to_json())

Counts only — never a person's data — so the report can be printed and shared.
Posts are those HQ enrolled (in the trust list) and those it received anything from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from fieldreg.hq.authority import account_flags, pinned_batch
from fieldreg.hq.registry import Registry, describe_missing, describe_missing_numbers
from fieldreg.hq.unreadable import Unreadable, unreadable
from fieldreg.keys.trustlist import TrustList


@dataclass(frozen=True)
class PostReport:
    post: str
    batches: int
    last_seq: int | None
    last_import: str | None
    missing: list[int]
    held: list[dict[str, Any]]  # {"seq", "reason", "path"}
    households: int
    missing_numbers: list[str]  # registration numbers issued but not received
    alerts: list[dict[str, Any]]  # the post's audit_alert entries: {"seq", "at", "code"}
    held_records: int  # records held as failing validation, not decided yet (fieldreg hq held)
    # The post's account authority (fieldreg/hq/authority.py): {"pinned_batch": int | None,
    # "flags": [{"batch", "code", "user", "detail"}, ...]}
    accounts: dict[str, Any] = field(default_factory=lambda: {"pinned_batch": None, "flags": []})
    account_lines: list[str] = field(default_factory=list, repr=False, compare=False)

    @property
    def gaps(self) -> str | None:
        return describe_missing(self.post, self.missing)

    @property
    def number_gaps(self) -> str | None:
        return describe_missing_numbers(self.post, self.missing_numbers)


@dataclass(frozen=True)
class Totals:
    households_active: int
    households_void: int
    members: int
    registrations: int
    corrections: int
    voids: int
    duplicate_decisions: int
    token_revocations: int
    audit_entries: int
    batches: int
    held: int
    held_records: int  # records held as failing validation, not decided yet


@dataclass(frozen=True)
class Report:
    posts: list[PostReport]
    totals: Totals
    # Versions posts could not open and named in a batch instead (docs/formats/batch.md §4).
    unreadable: list[Unreadable]

    def to_json(self) -> dict[str, Any]:
        return {
            "posts": [{**{k: v for k, v in asdict(p).items() if k != "account_lines"},
                       "gaps": p.gaps, "number_gaps": p.number_gaps} for p in self.posts],
            "totals": asdict(self.totals),
            "unreadable": [{**asdict(u), "resolved": u.resolved} for u in self.unreadable],
        }

    def lines(self) -> list[str]:
        out = []
        for p in self.posts:
            if p.batches:
                out.append(f"post {p.post}: {p.batches} batch{'es' if p.batches != 1 else ''} "
                           f"(highest number {p.last_seq}), last import {p.last_import}; "
                           f"{p.households} households")
            else:
                out.append(f"post {p.post}: no batch received yet")
            if p.gaps:
                out.append(f"  {p.gaps}")
            if p.number_gaps:
                out.append(f"  {p.number_gaps} (deleted at the post?)")
            if p.alerts:
                codes = ", ".join(sorted({a["code"] for a in p.alerts}))
                out.append(f"  {len(p.alerts)} tampering alert{'s' if len(p.alerts) != 1 else ''}"
                           f" recorded by the post ({codes}); newest: entry {p.alerts[-1]['seq']}"
                           f" at {p.alerts[-1]['at']}")
            for h in p.held:
                out.append(f"  batch {h['seq']} held for review ({h['reason']}): {h['path']}")
            if p.held_records:
                out.append(f"  {p.held_records} record{'s' if p.held_records != 1 else ''} held as "
                           "failing validation, waiting for a decision (fieldreg hq held)")
            if p.account_lines:
                n = len(p.account_lines)
                out.append(f"  accounts: {n} flag{'s' if n != 1 else ''} (authority pinned at batch "
                           f"{p.accounts['pinned_batch']}); the batches were imported, a person decides:")
                out.extend(f"    {line}" for line in p.account_lines)
        t = self.totals
        out.append(
            f"households: {t.households_active} active, {t.households_void} void "
            f"({t.members} members in active households); registrations: {t.registrations}, "
            f"corrections: {t.corrections}, voids: {t.voids}")
        out.append(
            f"batches: {t.batches} imported, {t.held} held for review; records held for review: "
            f"{t.held_records}; duplicate decisions: "
            f"{t.duplicate_decisions}; token revocations: {t.token_revocations}; "
            f"audit entries: {t.audit_entries}")
        open_ = [u for u in self.unreadable if not u.resolved]
        if self.unreadable:
            out.append(f"records posts could not open: {len(self.unreadable)} "
                       f"({len(open_)} not resolved)")
            out.extend(f"  post {u.post}: {u.line()}" for u in self.unreadable)
        return out


_UNDECIDED = "SELECT COUNT(*) FROM hq_held_records WHERE decision IS NULL"


def build_report(registry: Registry, *, trust: TrustList | None = None) -> Report:
    db = registry.db

    def count(sql: str, *args: Any) -> int:
        return int(db.execute(sql, args).fetchone()[0] or 0)

    names = set(registry.posts()) | ({e.post_id for e in trust.entries} if trust else set())
    state = registry.current_state()
    number_gaps = registry.every_missing_number(state)
    posts = []
    for post in sorted(names):
        batches = registry.batches(post)
        last = max(batches, key=lambda b: b.imported_at) if batches else None
        flags = account_flags(db, post)
        posts.append(PostReport(
            post=post,
            batches=len(batches),
            last_seq=max((b.seq for b in batches), default=None),
            last_import=last.imported_at if last else None,
            missing=registry.missing(post),
            held=[{"seq": h.seq, "reason": h.reason, "path": h.path} for h in registry.held(post)],
            households=state.households(post),
            missing_numbers=number_gaps.get(post, []),
            alerts=[{"seq": seq, "at": at, "code": code}
                    for seq, at, code in registry.alerts(post)],
            accounts={"pinned_batch": pinned_batch(db, post),
                      "flags": [f.to_json() for f in flags]},
            account_lines=[f.text() for f in flags],
            held_records=count(_UNDECIDED + " AND post = ?", post),
        ))
    kinds = dict(db.execute("SELECT kind, COUNT(*) FROM household_versions GROUP BY kind").fetchall())
    totals = Totals(
        households_active=state.totals.get("active", (0, 0))[0],
        households_void=state.totals.get("void", (0, 0))[0],
        members=state.totals.get("active", (0, 0))[1],
        registrations=kinds.get("registration", 0),
        corrections=kinds.get("correction", 0),
        voids=kinds.get("void", 0),
        duplicate_decisions=count("SELECT COUNT(*) FROM duplicate_decisions"),
        token_revocations=count("SELECT COUNT(*) FROM token_revocations"),
        audit_entries=count("SELECT COUNT(*) FROM audit"),
        batches=count("SELECT COUNT(*) FROM batches"),
        held=count("SELECT COUNT(*) FROM held"),
        held_records=count(_UNDECIDED),
    )
    return Report(posts, totals, unreadable(db))
