"""The analysed course of each client on show, read from the database once and shared by the panels.

Reading a 60-person, 16-session client takes about 75 ms (SQL plus every model rule), and a
session change redraws several panels: read on each, the slider would wait for the database
rather than the picture. So the panels ask ``Courses`` for a ``CourseAnalysis`` keyed by the
client and the tab's ``ids.DATA_VERSION`` (bumped after every save in that tab, so an edit shows at
once). A course is reused for at most ``fresh_for`` seconds, so a change made elsewhere (another
tab, another worker, the command line) appears within that time.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from ipt_network.overview import CourseAnalysis
from ipt_network.store import Store


class Courses:
    """A small, thread-safe, least-recently-used cache of ``CourseAnalysis`` objects."""

    def __init__(self, store: Store, *, size: int = 8, fresh_for: float = 5.0,
                 clock: Callable[[], float] = time.monotonic):
        self._store = store
        self._size = size
        self._fresh_for = fresh_for
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[str, int], tuple[float, CourseAnalysis]] = OrderedDict()

    def get(self, client_id: str, data_version: int | None) -> CourseAnalysis:
        """The client's course as of ``data_version``; raises ``NotFoundError`` for an unknown client."""
        key = (client_id, data_version or 0)
        now = self._clock()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and now - entry[0] < self._fresh_for:
                self._entries.move_to_end(key)
                return entry[1]
        course = CourseAnalysis(self._store.load(client_id).document)
        with self._lock:
            self._entries[key] = (now, course)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return course
