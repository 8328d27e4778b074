"""Server time of one edit made in the session, on a 60-person, 16-session client (medians in ms).

Run from the repository root: ``.venv/bin/python -m benchmarks.bench_editing``.
Target: a grid edit confirmed well under 100 ms, so saving every cell at once feels immediate.
A real SQLite file in a temporary folder (WAL, synchronous=FULL), as the dashboard uses.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.bench_figures import median_ms
from benchmarks.synthetic import make_document
from ipt_network.store import Store
from ipt_network.ui import editing
from ipt_network.ui.view import namer

REPEATS = 40


def main() -> None:
    doc = make_document(people=60, sessions=16, seed=0)
    number = doc.sessions[-1].number
    person = doc.session(number).ties[0].person
    with tempfile.TemporaryDirectory() as folder, Store.open(f"sqlite:///{Path(folder) / 'bench.db'}") as store:
        store.import_document(doc)
        client_id = doc.client.id
        values = iter(range(10**6))
        shown = doc.session(number).ties[0].support

        def edit_cell() -> None:
            """As the page does: the typed value, and what the cell showed before."""
            nonlocal shown
            typed = str(next(values) % 11)
            editing.save_cell(editing.Edit(store, client_id, number), person, "support", typed, shown)
            shown = typed

        def reload_panel() -> None:
            course = store.load(client_id)
            shown = namer(course.document, {"voice": "therapist", "hide_names": False})
            editing.grid_rows(course.document, number, shown)
            editing.page_versions(course)

        rows = [("load the course (store.load)", lambda: store.load(client_id)),
                ("save one grid cell (save_cell)", edit_cell),
                ("refill the panel (load + grid rows + versions)", reload_panel)]
        for label, work in rows:
            print(f"{label:50s} median {median_ms(work, REPEATS):7.2f} ms")


if __name__ == "__main__":
    main()
