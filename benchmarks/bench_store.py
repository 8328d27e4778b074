"""Storage speed on a real SQLite file: import, load, revision, one edit, and a large practice's client list.

Run: ``.venv/bin/python benchmarks/bench_store.py``. Prints the median of several runs of each,
next to its target.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import make_document
from ipt_network.store import Store

CLIENTS_IN_PRACTICE = 2_000


def median_seconds(action: Callable[[int], object], runs: int) -> float:
    """Median wall time of ``action(i)`` for i in 0..runs-1."""
    times = []
    for i in range(runs):
        start = time.perf_counter()
        action(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(what: str, seconds: float, target: float) -> None:
    verdict = "ok" if seconds <= target else "SLOWER THAN TARGET"
    print(f"{what:<58} median {seconds * 1000:8.2f} ms   (target <= {target * 1000:.0f} ms: {verdict})")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, Store.open(str(Path(folder) / "bench.db")) as store:
        docs = [make_document(people=60, sessions=16, seed=i, client_id=f"c-big-{i}") for i in range(7)]
        report("import of a client, 60 people x 16 sessions",
               median_seconds(lambda i: store.import_document(docs[i]), len(docs)), 0.5)
        report("load of that client",
               median_seconds(lambda _i: store.load("c-big-0"), 21), 0.05)
        report("revision of that client (is a cached copy current?)",
               median_seconds(lambda _i: store.revision("c-big-0"), 201), 0.001)

        tie = docs[0].sessions[-1].ties[0]

        def save(i: int) -> None:
            version = store.load("c-big-0").versions[("tie", 16, tie.person)]
            store.save_tie("c-big-0", 16, tie.model_copy(update={"support": i % 11}), expected_version=version)

        report("load + save_tie on that client (one dashboard edit)", median_seconds(save, 21), 0.1)

        small = [make_document(people=3, sessions=2, seed=i, client_id=f"c-{i:04d}")
                 for i in range(CLIENTS_IN_PRACTICE - len(docs))]
        for start in range(0, len(small), 500):
            store.import_documents(small[start:start + 500])
        report(f"list_clients of {len(store.list_clients())} clients",
               median_seconds(lambda _i: store.list_clients(), 7), 0.5)
        report(f"list_clients of {CLIENTS_IN_PRACTICE} clients with a search",
               median_seconds(lambda _i: store.list_clients("c-01"), 7), 0.5)


if __name__ == "__main__":
    main()
