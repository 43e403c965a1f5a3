"""read_ahead: groups of what has already been read, never a wait to fill one."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from fieldreg.cli.ahead import read_ahead


def test_items_already_read_come_in_groups_of_at_most_most_in_order() -> None:
    released = threading.Event()

    def items() -> Iterator[int]:
        yield from range(10)
        released.wait(timeout=10)  # everything above is read before the first group is taken

    groups = read_ahead(items(), most=4)
    first = next(groups)
    while len(first) < 4:  # the reader may not have finished; what is there comes at once
        first += next(groups)
    released.set()
    rest = [item for group in groups for item in group]
    assert first + rest == list(range(10))


def test_an_item_that_arrives_alone_is_handed_out_without_waiting_for_more() -> None:
    step = threading.Event()
    taken = threading.Event()

    def trickle() -> Iterator[str]:
        yield "first"
        taken.wait(timeout=10)  # the consumer has the first before the second exists
        step.set()
        yield "second"

    groups = read_ahead(trickle(), most=64)
    assert next(groups) == ["first"]
    assert not step.is_set()
    taken.set()
    assert next(groups) == ["second"]
    assert next(groups, None) is None


def test_an_error_of_the_reader_comes_after_the_items_before_it() -> None:
    def failing() -> Iterator[int]:
        yield 1
        yield 2
        raise OSError("input/output error")

    groups = read_ahead(failing(), most=64)
    got: list[int] = []
    with pytest.raises(OSError, match="input/output error"):
        for group in groups:
            got += group
    assert got == [1, 2]
