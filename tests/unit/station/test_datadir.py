"""The log file of the CLI and the app: rotated at its size, every line whole and written once."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldreg.station.datadir import _LogFile


@pytest.fixture
def logger() -> Iterator[logging.Logger]:
    log = logging.getLogger("fieldreg.test_log_file")
    log.setLevel(logging.INFO)
    log.propagate = False
    yield log
    for handler in log.handlers:
        handler.close()
    log.handlers.clear()


def test_the_log_rotates_at_its_size_and_keeps_the_newest_lines_whole(
    tmp_path: Path, logger: logging.Logger
) -> None:
    handler = _LogFile(tmp_path / "fieldreg.log", max_bytes=200, backups=2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    for n in range(30):
        logger.info("register TGR1-26-%06d-X by awa", n)  # 32 bytes a line

    files = [tmp_path / "fieldreg.log.2", tmp_path / "fieldreg.log.1", tmp_path / "fieldreg.log"]
    assert not (tmp_path / "fieldreg.log.3").exists()
    lines = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert 0 < len(text) < 200 and text.endswith("\n")
        lines += text.splitlines()
    numbers = [int(line.split("-")[2]) for line in lines]
    # Oldest files dropped; what is kept is the newest lines, each once, in order.
    assert numbers == list(range(30 - len(numbers), 30))
    assert all(line == f"register TGR1-26-{n:06d}-X by awa" for line, n in zip(lines, numbers, strict=False))


def test_a_log_that_is_not_a_regular_file_is_never_rotated(logger: logging.Logger) -> None:
    handler = _LogFile(Path("/dev/null"), max_bytes=10, backups=1)
    logger.addHandler(handler)
    for _ in range(5):
        logger.info("register TGR1-26-000001-X by awa")
    assert Path("/dev/null").is_char_device()
    assert not Path("/dev/null.1").exists()
