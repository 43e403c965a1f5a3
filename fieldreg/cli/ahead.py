"""Items read ahead on a thread, handed out in groups of what has already arrived.

    for group in read_ahead(read_households(stream), most=64):
        ...  # one or more items; never waits for more input to fill a group

``fieldreg register`` stores each group in one durable transaction: a file or a
fast pipe fills groups, so one ``fsync`` covers many households; an officer
typing into a terminal gets groups of one, each line saved (and its number
printed) as soon as it is entered. Nothing is stored, or printed, before its
commit, so a power cut loses at most lines whose numbers were never shown.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")

_END = object()


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def read_ahead(items: Iterator[T], *, most: int) -> Iterator[list[T]]:
    """Groups of at most ``most`` items, in order: the first waited for, the rest only if already read.

    ``items`` is consumed on a daemon thread (reading standard input blocks there,
    not here); an exception it raises is raised here, after the items before it.
    The queue is bounded so a huge input is not read into memory ahead of storing.
    """
    pending: queue.Queue[object] = queue.Queue(maxsize=4 * most)

    def read() -> None:
        try:
            for item in items:
                pending.put(item)
        except BaseException as err:  # noqa: BLE001 - handed to the consumer, which raises it
            pending.put(_Failed(err))
            return
        pending.put(_END)

    threading.Thread(target=read, name="read-ahead", daemon=True).start()
    while True:
        group: list[T] = []
        item = pending.get()
        while True:
            if item is _END:
                if group:
                    yield group
                return
            if isinstance(item, _Failed):
                if group:
                    yield group
                raise item.error
            group.append(item)  # type: ignore[arg-type]
            if len(group) >= most:
                break
            try:
                item = pending.get_nowait()
            except queue.Empty:
                break
        yield group
