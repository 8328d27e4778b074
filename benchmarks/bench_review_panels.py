"""Server time of the review page's network, hotspots and mood callbacks per session change.

Run from the repository root: ``.venv/bin/python -m benchmarks.bench_review_panels``. The app's
own Flask server answers the same callback requests the page sends when the session moves on a
60-person, 16-session synthetic client (``benchmarks.synthetic.make_document``), one request at a
time, so each time is that callback's alone (``bench_dashboard`` measures the whole page in
Chromium, where the panels' requests overlap and share two cores). Prints medians:

- a session change with the course already analysed (target: all five requests ≤ 30 ms);
- the same callbacks right after an edit (a new data version: the course is read and analysed
  again; no target, shown for scale).
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time

from benchmarks.synthetic import make_document
from ipt_network.store import Store
from ipt_network.ui import create_app, ids

CLIENT = "c-bench"
CHANGES = 20
WARM_ROUNDS = 3

TRIGGERED_BY_SESSION = {
    "network": ("..network-graph.figure...network-summary.children...session-caption.children..",
                [ids.NETWORK_GRAPH, "figure", ids.NETWORK_SUMMARY, "children", ids.SESSION_CAPTION, "children"]),
    "hotspots": ("..hotspots-title.children...hotspots-panel.children..",
                 [ids.HOTSPOTS_TITLE, "children", ids.HOTSPOTS_PANEL, "children"]),
    "highlight": ("highlight.data", [ids.HIGHLIGHT, "data"]),
    "mood chart": ("..mood-graph.figure...mood-graph.style...mood-summary.children..",
                   [ids.MOOD_GRAPH, "figure", ids.MOOD_GRAPH, "style", ids.MOOD_SUMMARY, "children"]),
    "mood words": ("mood-panel.children", [ids.MOOD_PANEL, "children"]),
}
"""Callback (as Dash names its outputs) → its outputs as id, property pairs."""


def values(session: int, data_version: int) -> dict[tuple[str, str], object]:
    """What the page holds for every input and state these callbacks read."""
    return {
        (ids.SELECTION, "data"): {"session": session, "compare": None}, (ids.VOICE, "value"): "therapist",
        (ids.HIDE_NAMES, "value"): [], (ids.SHOW_NUMBERS, "value"): [], (ids.NETWORK_ARRANGEMENT, "value"): "circle",
        (ids.NETWORK_LINKS, "value"): ["links"], (ids.HIGHLIGHT, "data"): None,
        (ids.DATA_VERSION, "data"): data_version, (ids.REVIEW_CLIENT, "data"): CLIENT,
        (ids.HIGHLIGHT_CLEAR, "n_clicks"): None, (ids.MOOD_SERIES, "value"): ["total_support"],
        (ids.MOOD_INSTRUMENT, "value"): "PHQ-9", (ids.MOOD_SUMMARY, "children"): "drawn",
    }


def request(app, output: str, pairs: list[str], held: dict) -> dict:
    """The body the page posts for callback ``output`` after a session change."""
    spec = app.callback_map[output]

    def dep(d: dict) -> dict | list:
        if d["id"].startswith("{"):
            return []  # the hotspot buttons (pattern-matching): none pressed
        return {"id": d["id"], "property": d["property"], "value": held[d["id"], d["property"]]}

    outputs = [{"id": i, "property": p} for i, p in zip(pairs[::2], pairs[1::2], strict=True)]
    return {"output": output, "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": [dep(d) for d in spec["inputs"]], "state": [dep(d) for d in spec["state"]],
            "changedPropIds": [f"{ids.SELECTION}.data"]}


def session_change(client, app, session: int, data_version: int) -> dict[str, float]:
    """Milliseconds of each callback a move to ``session`` runs."""
    held, times = values(session, data_version), {}
    for name, (output, pairs) in TRIGGERED_BY_SESSION.items():
        body = json.dumps(request(app, output, pairs, held))
        start = time.perf_counter()
        response = client.post("/_dash-update-component", data=body, content_type="application/json")
        times[name] = (time.perf_counter() - start) * 1000
        assert response.status_code in (200, 204), (name, response.status_code, response.data[:300])
    return times


def report(title: str, changes: list[dict[str, float]], target: float | None) -> None:
    total = statistics.median(sum(change.values()) for change in changes)
    verdict = "" if target is None else f"   (target <= {target:.0f} ms: {'ok' if total <= target else 'MISSED'})"
    print(f"{title} (n={len(changes)}): median {total:6.1f} ms{verdict}")
    for name in TRIGGERED_BY_SESSION:
        print(f"    {name:<11} {statistics.median(change[name] for change in changes):6.1f} ms")


def main() -> None:
    doc = make_document()
    numbers = sorted(s.number for s in doc.sessions)
    with tempfile.TemporaryDirectory() as folder:
        db_url = f"sqlite:///{folder}/bench.db"
        with Store.open(db_url) as store:
            store.import_document(doc)
        app = create_app(db_url)
        client = app.server.test_client()
        after_edit = []
        for version in range(1, WARM_ROUNDS + 1):
            after_edit.append(session_change(client, app, 8, version))
            for number in numbers:  # every session analysed once, as after a first look through
                session_change(client, app, number, version)
        warm = [session_change(client, app, 8 + i % 2, WARM_ROUNDS) for i in range(CHANGES)]
    print(f"Synthetic client: {len(doc.people)} people ({len(doc.session(8).ties)} in session 8), "
          f"{len(doc.sessions)} sessions")
    report("session change, course analysed", warm, 30)
    report("first session change after an edit", after_edit, None)


if __name__ == "__main__":
    main()
