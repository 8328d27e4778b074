"""Values the dashboard derives from an analysed course, computed once per course.

``Courses`` hands out one ``CourseAnalysis`` per client and revision. Some of what the panels
draw is slow to make at 60 people and asked for more than once: the force-directed layout of
the whole course (about 50 ms), the mood table (about 15 ms), a session's hotspots in the
words on show (the network and the hotspot list both need them), or how the network moved with
mood up to a session (about 4 ms, asked again each time the slider comes back). They are kept
beside the course they came from, and go when it goes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar
from weakref import WeakKeyDictionary

from ipt_network.overview import CourseAnalysis

T = TypeVar("T")

_VALUES: WeakKeyDictionary[CourseAnalysis, dict[tuple, object]] = WeakKeyDictionary()
_LOCK = threading.Lock()


def derived(course: CourseAnalysis, compute: Callable[..., T], *args: Hashable) -> T:
    """``compute(course, *args)``, made on the first call for this course and these arguments and
    kept while the course lives.

    ``compute`` must depend on the course and ``args`` only (they are the key); two threads asking
    at once may both compute it, and get equal values.
    """
    key = (compute, *args)
    with _LOCK:
        values = _VALUES.setdefault(course, {})
    if key not in values:
        values[key] = compute(course, *args)
    return values[key]  # type: ignore[return-value]
