"""Server time to build the figures of a 60-person, 16-session client (medians in ms).

Run from the repository root: ``.venv/bin/python -m benchmarks.bench_figures``.
Target: the network figure of one session in a few ms, so the slider and play feel immediate.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from benchmarks.synthetic import make_document
from ipt_network.figures import display_namer, mood_figure, mood_markers, network_figure, timeline_figure
from ipt_network.figures.timeline import timeline_sessions
from ipt_network.layout import force_positions, ring_positions
from ipt_network.metrics import measure_table
from ipt_network.scales import mood_results, mood_table

REPEATS = 60


def median_ms(work: Callable[[], object], repeats: int = REPEATS) -> float:
    work()  # warm up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    doc = make_document(people=60, sessions=16, seed=0)
    number = 8
    shown = display_namer(doc, "initials")
    positions = ring_positions(doc, number)
    hotspots = {"p001", "p005", "p013"}
    table = mood_table(doc)
    markers = mood_markers(mood_results(doc))
    phases = [(s.number, s.phase.value) for s in doc.sessions]
    series = measure_table(doc)[["total_support", "supportive", "size"]]
    tied = len(doc.session(number).ties)
    rows = [
        (f"network figure, {tied} people (positions given)",
         lambda: network_figure(doc, number, positions=positions, display_name=shown, hotspots=hotspots)),
        ("closeness positions + network figure",
         lambda: network_figure(doc, number, positions=ring_positions(doc, number), display_name=shown,
                                hotspots=hotspots)),
        ("force positions (spring layout)", lambda: force_positions(doc, number)),
        ("mood figure, 16 sessions, 2 instruments + 3 network rows",
         lambda: mood_figure(table, phases=phases, markers=markers, network_series=series)),
        ("timeline figure", lambda: timeline_figure(timeline_sessions(doc), current=number)),
    ]
    for label, work in rows:
        print(f"{label:58s} median {median_ms(work):7.2f} ms")


if __name__ == "__main__":
    main()
