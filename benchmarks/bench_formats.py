"""Interchange format speed: JSON v1 and CSV bundle, both ways, and the pre-parse checks on a hostile file.

Run: ``.venv/bin/python benchmarks/bench_formats.py``. Prints the median of several runs of each.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import make_document
from ipt_network.errors import ValidationError
from ipt_network.formats import csv_bundle, json_v1
from ipt_network.formats.limits import MAX_FILE_BYTES

RUNS = 5


def median_ms(action: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def refused(text: str) -> None:
    try:
        json_v1.loads(text)
    except ValidationError:
        return
    raise AssertionError("a hostile file was accepted")


def main() -> None:
    doc = make_document(people=60, sessions=16)
    text = json_v1.dumps(doc)
    files = csv_bundle.to_files(doc)
    zipped = csv_bundle.zip_bytes(files)
    print(f"client of 60 people x 16 sessions: JSON {len(text.encode()):,} bytes, "
          f"CSV {sum(map(len, files.values())):,} bytes, zip {len(zipped):,} bytes")
    print(f"json dumps       {median_ms(lambda: json_v1.dumps(doc)):8.1f} ms")
    print(f"json loads       {median_ms(lambda: json_v1.loads(text)):8.1f} ms")
    print(f"csv to_files     {median_ms(lambda: csv_bundle.to_files(doc)):8.1f} ms")
    print(f"csv from_files   {median_ms(lambda: csv_bundle.from_files(files)):8.1f} ms")
    size = MAX_FILE_BYTES - 16
    hostile = {
        "brackets": "[" * size,
        "unterminated escapes": '"' + '\\"' * (size // 2),
        "quotes": '"' * size,
    }
    for name, body in hostile.items():
        print(f"refuse 20 MiB of {name:<22}{median_ms(lambda body=body: refused(body)):8.1f} ms")


if __name__ == "__main__":
    main()
