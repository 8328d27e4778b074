"""Median time of the clinical analytics over a whole course: 16 sessions, 60 people.

Target: every measure, flag, hotspot and session-to-session change for every session in at most
100 ms (median). Also reports the whole ``metrics --json`` object (which adds the mood linkage).
Run: ``python -m benchmarks.bench_analytics``.
"""

from __future__ import annotations

import statistics
import time

from benchmarks.synthetic import make_document
from ipt_network.overview import CourseAnalysis, course_overview

TARGET_MS = 100
RUNS = 21


def analyse_course(doc) -> int:
    """Measures, flags, hotspots and the change from the previous session, for every session."""
    course = CourseAnalysis(doc)
    found = 0
    for number in course.numbers:
        course.measures(number)
        findings = course.findings(number)
        found += len(findings.flags) + len(findings.hotspots)
        before = course.previous(number)
        if before is not None:
            found += len(course.change(before, number).items)
    return found


def median_ms(work, *args) -> float:
    work(*args)  # warm up (imports, caches)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work(*args)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    doc = make_document(people=60, sessions=16, seed=0)
    analytics = median_ms(analyse_course, doc)
    overview = median_ms(course_overview, doc)
    print(f"measures + flags + hotspots + changes, 16 sessions x 60 people: median {analytics:.1f} ms "
          f"(target <= {TARGET_MS} ms)")
    print(f"course_overview (metrics --json, with linkage): median {overview:.1f} ms")
    if analytics > TARGET_MS:
        raise SystemExit(f"slower than the {TARGET_MS} ms target")


if __name__ == "__main__":
    main()
