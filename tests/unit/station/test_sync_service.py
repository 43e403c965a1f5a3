"""session.sync without a receiver: settings, permissions, what the status says."""

from __future__ import annotations

import pytest

from fieldreg.errors import InvalidInput, PermissionDenied
from fieldreg.station.session import Session
from fieldreg.station.sync import describe_status
from fieldreg.validation import parse_household
from tests.conftest import household, make_user


def test_the_address_must_be_https_and_is_kept(post: Session) -> None:
    with pytest.raises(InvalidInput, match="https://"):
        post.sync.configure(url="http://hq.example.org")
    assert post.sync.status().url is None
    post.sync.configure(url="https://hq.example.org:8443/", auto_batch=True)
    assert post.sync.status().url == "https://hq.example.org:8443"


def test_a_round_needs_an_address(post: Session) -> None:
    with pytest.raises(InvalidInput, match="no HQ address"):
        post.sync.run_once()


def test_officers_sync_but_do_not_configure(post: Session) -> None:
    officer = make_user(post, "ali", "officer")
    with pytest.raises(PermissionDenied):
        officer.sync.configure(url="https://hq.example.org")
    post.sync.configure(url="https://127.0.0.1:9", auto_batch=False)  # nothing listens there
    report = officer.sync.run_once()  # the round runs in the officer's session, and says what failed
    assert not report.reached and report.problem is not None


def test_nothing_reachable_is_a_report_and_the_status_says_so(post: Session) -> None:
    post.households.register(parse_household(household()))
    post.sync.configure(url="https://127.0.0.1:9", auto_batch=False)  # nothing listens there
    report = post.sync.run_once()
    assert not report.reached and not report.permanent
    assert report.problem is not None and report.problem.startswith("HQ not reached")
    assert [b.status for b in post.batches.list()] == []  # auto-batch off: no batch made
    status = post.sync.status()
    assert status.waiting == 1 and status.problem == report.problem
    text = describe_status(status)
    assert text.startswith("HQ never reached; 1 household waiting for HQ, the oldest registered ")
