"""Values the dashboard derives from an analysed course, computed once per course.

``Courses`` hands out one ``CourseAnalysis`` per client and data version. Some of what the panels
draw is the same for every session of that course and slow to make at 60 people: the
force-directed layout of the whole course (about 50 ms) or the mood table (about 15 ms). They are
kept beside the course they came from, and go when it goes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar
from weakref import WeakKeyDictionary

from ipt_network.overview import CourseAnalysis

T = TypeVar("T")

_VALUES: WeakKeyDictionary[CourseAnalysis, dict[Callable, object]] = WeakKeyDictionary()
_LOCK = threading.Lock()


def derived(course: CourseAnalysis, compute: Callable[[CourseAnalysis], T]) -> T:
    """``compute(course)``, made on the first call for this course and kept while the course lives.

    ``compute`` must depend on the course only (it is the key); two threads asking at once may
    both compute it, and get equal values.
    """
    with _LOCK:
        values = _VALUES.setdefault(course, {})
    if compute not in values:
        values[compute] = compute(course)
    return values[compute]  # type: ignore[return-value]
