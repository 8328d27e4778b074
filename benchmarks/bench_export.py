"""Time to export pictures, session notes and data, with the picture exporter warm (medians in s).

Run from the repository root: ``.venv/bin/python -m benchmarks.bench_export``.
Targets: the PNG of a 60-person network ≤ 0.5 s; the PDF session note ≤ 2 s.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from benchmarks.synthetic import make_document
from ipt_network.export import data_file, note_file, picture
from ipt_network.formats import read_document
from tests.conftest import SAMPLES

REPEATS = 7


def median_s(work: Callable[[], object], repeats: int = REPEATS) -> float:
    work()  # warm up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    big = make_document(people=60, sessions=16, seed=0)
    rosa = read_document(next(path for path in SAMPLES if path.name.startswith("rosa")))
    start = time.perf_counter()
    picture(rosa, "png", number=9)
    print(f"{'first picture of the process (starts Chromium)':58s} once   {time.perf_counter() - start:7.3f} s")
    tied = len(big.session(8).ties)
    rows = [
        (f"network PNG, {tied} people", lambda: picture(big, "png", number=8)),
        (f"network SVG, {tied} people", lambda: picture(big, "svg", number=8)),
        (f"network PDF, {tied} people", lambda: picture(big, "pdf", number=8)),
        ("mood PNG, 8 sessions", lambda: picture(big, "png", number=8, what="mood")),
        ("session note PDF, sample client (11 people)", lambda: note_file(rosa, "pdf", number=9)),
        ("session note PDF, last session (also since session 1)", lambda: note_file(rosa, "pdf", number=16)),
        ("take-home page PDF, sample client", lambda: note_file(rosa, "pdf", number=9, voice="client")),
        (f"session note PDF, {tied} people", lambda: note_file(big, "pdf", number=8)),
        (f"session note HTML, {tied} people", lambda: note_file(big, "html", number=8)),
        (f"session note Markdown, {tied} people", lambda: note_file(big, "md", number=8)),
        (f"GraphML, {tied} people", lambda: data_file(big, "graphml", number=8)),
        ("CSV bundle, 60 people x 16 sessions", lambda: data_file(big, "csv")),
    ]
    for label, work in rows:
        print(f"{label:58s} median {median_s(work):7.3f} s")


if __name__ == "__main__":
    main()
