"""Server time of every review page callback a session change runs, one request at a time.

Run from the repository root: ``.venv/bin/python -m benchmarks.bench_review_panels``. The app's
own Flask server answers the same callback requests the page sends when the session moves on a
60-person, 16-session synthetic client (``benchmarks.synthetic.make_document``), one request at a
time, so each time is that callback's alone (``bench_dashboard`` measures the whole page in
Chromium, where the panels' requests overlap and share two cores). Prints medians:

- a session change with the course already analysed (target: all its requests together ≤ 30 ms);
- the same callbacks right after a saved rating (the client's revision moves on, so the course is
  read and analysed again; no target, shown for scale).
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

FOLLOWERS = (f"{ids.SELECTION}.data", f"{ids.SHOWN}.data")
"""A callback reading either of these runs when the session on show changes."""

HELD = {
    f"{ids.VOICE}.value": "therapist", f"{ids.HIDE_NAMES}.value": [], f"{ids.SHOW_NUMBERS}.value": [],
    f"{ids.NETWORK_ARRANGEMENT}.value": "circle", f"{ids.NETWORK_LINKS}.value": ["links"],
    f"{ids.REVIEW_CLIENT}.data": CLIENT, f"{ids.MOOD_SERIES}.value": ["total_support"],
    f"{ids.MOOD_INSTRUMENT}.value": "PHQ-9", f"{ids.MOOD_SUMMARY}.children": "drawn",
    f"{ids.TIMELINE_SUMMARY}.children": "drawn", f"{ids.EDIT_PANEL}.hidden": True,
}
"""What the page holds for the other inputs and states (anything else: nothing yet)."""


def followers(app) -> dict[str, dict]:
    """The callbacks a session change runs, by the name Dash gives their outputs."""
    return {output: spec for output, spec in app.callback_map.items()
            if any(f"{d['id']}.{d['property']}" in FOLLOWERS for d in spec["inputs"] if isinstance(d["id"], str))}


def outputs(output: str) -> list[dict]:
    """Dash's name of a callback's outputs (``a.b`` or ``..a.b...c.d..``) as id, property pairs."""
    names = output[2:-2].split("...") if output.startswith("..") else [output]
    return [dict(zip(("id", "property"), name.rsplit(".", 1), strict=True)) for name in names]


def request(output: str, spec: dict, session: int, data_version: int) -> dict:
    """The body the page posts for callback ``output`` after a move to ``session``."""
    held = {**HELD, **{key: {"session": session, "compare": None} for key in FOLLOWERS},
            f"{ids.DATA_VERSION}.data": data_version}

    def dep(d: dict) -> dict | list:
        if not isinstance(d["id"], str):
            return []  # pattern-matching controls (hotspot buttons): none pressed
        return {**d, "value": held.get(f"{d['id']}.{d['property']}")}

    changed = [f"{d['id']}.{d['property']}" for d in spec["inputs"]
               if isinstance(d["id"], str) and f"{d['id']}.{d['property']}" in FOLLOWERS]
    out = outputs(output)
    return {"output": output, "outputs": out if len(out) > 1 else out[0],
            "inputs": [dep(d) for d in spec["inputs"]], "state": [dep(d) for d in spec["state"]],
            "changedPropIds": changed}


def session_change(client, callbacks: dict[str, dict], session: int, data_version: int) -> dict[str, float]:
    """Milliseconds of each callback a move to ``session`` runs."""
    times = {}
    for output, spec in callbacks.items():
        body = json.dumps(request(output, spec, session, data_version))
        start = time.perf_counter()
        response = client.post("/_dash-update-component", data=body, content_type="application/json")
        times[output] = (time.perf_counter() - start) * 1000
        assert response.status_code in (200, 204), (output, response.status_code, response.data[:300])
    return times


def edit(db_url: str, support: int) -> None:
    """One saved rating, as the recording panel makes it: the client's revision moves on."""
    with Store.open(db_url) as store:
        course = store.load(CLIENT)
        tie = course.document.session(8).ties[0]
        store.save_tie(CLIENT, 8, tie.model_copy(update={"support": support}),
                       expected_version=course.versions[("tie", 8, tie.person)])


def report(title: str, changes: list[dict[str, float]], target: float | None) -> None:
    total = statistics.median(sum(change.values()) for change in changes)
    verdict = "" if target is None else f"   (target <= {target:.0f} ms: {'ok' if total <= target else 'MISSED'})"
    print(f"{title} (n={len(changes)}): median {total:6.1f} ms{verdict}")
    for output in changes[0]:
        print(f"    {statistics.median(change[output] for change in changes):6.1f} ms  {output[:90]}")


TOKEN = "bench"


def main() -> None:
    doc = make_document()
    numbers = sorted(s.number for s in doc.sessions)
    with tempfile.TemporaryDirectory() as folder:
        db_url = f"sqlite:///{folder}/bench.db"
        with Store.open(db_url) as store:
            store.import_document(doc)
        app = create_app(db_url, token=TOKEN)
        client, callbacks = app.server.test_client(), followers(app)
        client.get(f"/?token={TOKEN}")  # the door's cookie, as a browser gets it on its first visit
        after_edit = []
        for version in range(1, WARM_ROUNDS + 1):
            edit(db_url, version)
            after_edit.append(session_change(client, callbacks, 8, version))
            for number in numbers:  # every session analysed once, as after a first look through
                session_change(client, callbacks, number, version)
        warm = [session_change(client, callbacks, 8 + i % 2, WARM_ROUNDS) for i in range(CHANGES)]
    print(f"Synthetic client: {len(doc.people)} people ({len(doc.session(8).ties)} in session 8), "
          f"{len(doc.sessions)} sessions")
    report("session change, course analysed", warm, 30)
    report("first session change after a saved rating", after_edit, None)


if __name__ == "__main__":
    main()
