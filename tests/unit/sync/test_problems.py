"""What stops a sync round: a code and its values, the English line, the app's words, kept and read back."""

from __future__ import annotations

from string import Formatter

import pytest

from fieldreg.sync.problems import HQ_WORDS, PERMANENT, TEMPLATES, SyncProblem

SAMPLE_VALUES = {"seq": 4, "pin": "K3QF-7ZQA-XX2M", "date": "2026-12-01", "moment": "2026-12-01 08:00"}


def every_sync_problem() -> list[SyncProblem]:
    """Each code once with plausible values; HQ's answers once per protocol word, and once
    with a word this version does not know (its status code is worded instead)."""
    problems = []
    for code, template in TEMPLATES.items():
        names = {n for _, n, _, _ in Formatter().parse(template.template) if n} - {"said"}
        params = {n: SAMPLE_VALUES[n] for n in names if n not in template.params}
        if code in ("hq_busy", "hq_refused"):
            for word in [*HQ_WORDS, "busy"]:
                problems.append(SyncProblem(code, {"status": 503, "word": word}, said="HQ is busy"))
        else:
            problems.append(SyncProblem(code, params, said="their own words"))
    return problems


def test_the_english_line_keeps_hq_words_the_app_words_keep_the_code() -> None:
    refused = SyncProblem("hq_refused", {"status": 401, "word": "unknown_key"},
                          said="key 56475aa75463474c is not in HQ's trust list")
    assert str(refused) == "HQ refused: key 56475aa75463474c is not in HQ's trust list"
    assert str(refused.words()) == "HQ refused: HQ does not know this post's key"
    assert refused.words().template == "HQ refused: {said}" and refused.permanent
    busy = SyncProblem("hq_busy", {"status": 503, "word": ""})
    assert str(busy) == "HQ cannot take it now: HQ answered 503" and not busy.permanent
    cut = SyncProblem("connection_cut")
    assert str(cut) == "HQ not reached (the connection was cut)" == str(cut.words())
    unverified = SyncProblem("tls_unverified", said="self-signed certificate")
    assert str(unverified).endswith("; refused (self-signed certificate)")
    assert "self-signed" not in str(unverified.words())
    refused_batch = SyncProblem("batch_refused", {"seq": 3}, said="batch 2 is missing")
    assert str(refused_batch) == "batch 3 refused by HQ's checks: batch 2 is missing"
    assert str(refused_batch.words()) == \
        "batch 3 refused by HQ's checks: the reason HQ gave is in 'fieldreg sync --status'"


def test_every_problem_is_kept_and_read_back() -> None:
    for problem in every_sync_problem():
        again = SyncProblem.from_json(problem.to_json())
        assert again == problem and str(again) == str(problem)
        assert "{" not in str(problem) and "{" not in str(problem.words())
        assert problem.permanent == (problem.code in PERMANENT)


@pytest.mark.parametrize("stored", [
    "", "HQ not reached (no connection)", "[]", '{"code": "from_a_newer_version", "params": {}, "said": ""}',
    '{"code": "batch_fork", "params": {}, "said": ""}',  # a value its words need is missing
    '{"code": "batch_fork", "params": {"seq": [4]}, "said": ""}',
    '{"code": "batch_fork", "params": {"seq": 4}}',
])
def test_what_this_version_cannot_word_reads_back_as_none(stored: str) -> None:
    assert SyncProblem.from_json(stored) is None


def test_an_unknown_code_is_a_bug() -> None:
    with pytest.raises(ValueError, match="no sync problem"):
        SyncProblem("no_such_code")
