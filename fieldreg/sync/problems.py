"""What stopped a sync round: a stable code and its values, worded in English or in the app's language.

    problem = SyncProblem("hq_refused", {"word": "unknown_key", "status": 401},
                          said="key 56475aa75463474c is not in HQ's trust list")
    str(problem)        # the English line: the log, 'fieldreg sync --status' (HQ's own words kept)
    problem.words()     # a Message the app translates (fieldreg/ui/text.py): no English of HQ's
    problem.to_json()   # what the post's settings keep; SyncProblem.from_json reads it back

HQ's refusals carry a protocol word (docs/formats/sync.md §8) and a message in
English: the English line quotes HQ's message, the app words the problem by
its word instead. ``said`` is such free text from the other side (HQ's
message, the importer's reason, OpenSSL's verify message): it goes into the
English line only. A code another version wrote and this one does not know
reads back as None (the caller shows the English line it kept beside it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from string import Formatter

from fieldreg.messages import Message

Value = str | int

_NOT_REACHED = Message("HQ not reached ({why})")
_CERTIFICATE_UNVERIFIED = Message(
    "HQ's TLS certificate could not be verified: no authority this laptop trusts vouches for "
    "it, or it names another server; refused")

# Every problem a round can stop on, by code. ``{said}`` is filled with HQ's own words in
# the English line and with the wording of HQ's protocol word (below) in the app.
TEMPLATES: dict[str, Message] = {
    # transient: the next round is automatic
    "no_connection": _NOT_REACHED.with_values(why=Message("no connection")),
    "no_answer": _NOT_REACHED.with_values(why=Message("no answer in time")),
    "connection_cut": _NOT_REACHED.with_values(why=Message("the connection was cut")),
    "link_drops": Message("the link to HQ keeps dropping; the upload resumes at the next try"),
    "hq_busy": Message("HQ cannot take it now: {said}"),
    "upload_dropped": Message("HQ no longer holds this upload; it starts again"),
    "damaged_copy": Message("HQ received a damaged copy and discarded it; sending again"),
    # permanent: a person must act
    "hq_refused": Message("HQ refused: {said}"),
    "batch_fork": Message("batch {seq}: fork, HQ holds another batch with this number; this one "
                          "is kept at HQ for a person to decide"),
    "batch_refused": Message("batch {seq} refused by HQ's checks: {said}"),
    "tls_wrong_key": Message(
        "the server's TLS key ({pin}) is not HQ's: a wrong address, or a proxy reading the "
        "connection; refused (HQ's pin comes with the trust list)"),
    "tls_expired": Message("HQ's TLS certificate expired on {date}: HQ must renew it "
                           "('fieldreg hq tls'); refused"),
    "tls_not_yet_valid": Message("HQ's TLS certificate is valid only from {moment} UTC: check this "
                                 "laptop's clock; refused"),
    "tls_no_certificate": Message("HQ's server showed no certificate: refused"),
    "tls_unverified": _CERTIFICATE_UNVERIFIED,
}
PERMANENT = frozenset({"hq_refused", "batch_fork", "batch_refused", "tls_wrong_key", "tls_expired",
                       "tls_not_yet_valid", "tls_no_certificate", "tls_unverified"})

# HQ's protocol words (docs/formats/sync.md §8) in a person's words, for the app.
HQ_WORDS: dict[str, Message] = {
    "unsigned": Message("the request was not signed"),
    "unknown_key": Message("HQ does not know this post's key"),
    "revoked_key": Message("this post's key is revoked"),
    "clock": Message("this laptop's clock is too far from HQ's"),
    "bad_signature": Message("the request's signature did not verify"),
    "wrong_post": Message("the request concerned another post"),
    "bad_metadata": Message("the batch's identity could not be read"),
    "bad_header": Message("a request could not be read"),
    "length_differs": Message("HQ holds this batch with another size"),
    "tus_version": Message("HQ speaks another version of the upload protocol"),
    "too_large": Message("the batch is larger than HQ accepts"),
    "too_long": Message("more bytes than the batch holds"),
    "content_type": Message("an upload of the wrong type"),
    "offset": Message("HQ holds another part of the batch"),
    "no_upload": Message("HQ does not hold this upload"),
    "checksum": Message("the batch arrived damaged"),
    "hq_disk_full": Message("the disk at HQ is full"),
    "hq_storage": Message("the storage at HQ failed"),
    "not_yet": Message("HQ holds nothing for this post yet"),
    "rate": Message("too many requests: HQ asks the post to wait"),
}
_HQ_ANSWERED = Message("HQ answered {status}")
_REASON_ELSEWHERE = Message("the reason HQ gave is in 'fieldreg sync --status'")
_WITH_THEIR_WORDS = Message("{problem} ({said})")


@dataclass(frozen=True)
class SyncProblem:
    code: str  # a key of TEMPLATES
    params: Mapping[str, Value] = field(default_factory=dict)
    said: str = ""  # the other side's own words (English), for the English line only

    def __post_init__(self) -> None:
        if self.code not in TEMPLATES:
            raise ValueError(f"no sync problem {self.code!r}")

    @property
    def permanent(self) -> bool:
        """A person must act before it can work (else the next round is automatic)."""
        return self.code in PERMANENT

    def words(self) -> Message:
        """The problem for the app: every part translatable, HQ's protocol word worded."""
        return self._message(said=self._said_words())

    def english(self) -> Message:
        """The English line's message: HQ's (or OpenSSL's) own words where it gave any."""
        if not self.said:
            return self.words()
        if "said" in _fields(TEMPLATES[self.code].template):
            return self._message(said=self.said)
        return _WITH_THEIR_WORDS.with_values(problem=self.words(), said=self.said)

    def __str__(self) -> str:
        return str(self.english())

    def _message(self, *, said: Message | str) -> Message:
        template = TEMPLATES[self.code]
        return Message(template.template, **{**template.params, **self.params, "said": said})

    def _said_words(self) -> Message:
        word = self.params.get("word")
        if isinstance(word, str) and word in HQ_WORDS:
            return HQ_WORDS[word]
        if "status" in self.params:
            return _HQ_ANSWERED.with_values(status=self.params["status"])
        return _REASON_ELSEWHERE

    # -- kept in the post's settings ---------------------------------------------------

    def to_json(self) -> str:
        return json.dumps({"code": self.code, "params": dict(self.params), "said": self.said},
                          ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> SyncProblem | None:
        """The stored problem, or None if it is not one this version knows."""
        try:
            data = json.loads(text)
            code, params, said = data["code"], data["params"], data["said"]
        except (ValueError, TypeError, KeyError):
            return None
        if code not in TEMPLATES or not isinstance(said, str) or not _fills(TEMPLATES[code], params):
            return None
        return cls(code, params, said)


def _fills(template: Message, params: object) -> bool:
    """``params`` are plain values and give each value ``template`` names (``said`` aside)."""
    if not isinstance(params, dict) or not all(
            isinstance(k, str) and isinstance(v, str | int) for k, v in params.items()):
        return False
    return _fields(template.template) - {"said"} <= {*params, *template.params}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}
