"""Concurrent saves against gunicorn (2 workers x 4 threads), with kill -9 of a worker and of the master.

Run from the repository root: ``.venv/bin/python -m benchmarks.bench_concurrency [SECONDS]``.

Eight threads post real grid-cell callback requests, as the page sends them, each to its own
person of Priya's last session, one after another for the whole run. A third of the way in one
worker is killed with SIGKILL (the master starts another); two thirds in, the master itself is
killed and the server started again. Every request carries its own page name, which the change
log records with the change, so each save can be traced:

- lost updates: saves the server confirmed that are not in the change log, or whose value is not
  what is stored at the end although no later logged change replaced it (must be 0);
- errors: answers other than 200 (a 5xx, or a refusal of a malformed request), and requests that
  got no answer because the server was down (expected around the kills; nothing confirmed is lost);
- refusals: saves refused as stale because a save whose answer was lost in a kill did land (the
  thread then reads the stored value again, as a person reloading would), or refused because the
  database stayed locked longer than its busy timeout (said to the person; nothing saved).

Ends with ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

from ipt_network.formats import read_document
from ipt_network.store import Store
from ipt_network.ui import ids
from ipt_network.ui.callbacks_edit import BUSY, STALE
from ipt_network.ui.door import shared_secret

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "samples" / "priya_role_dispute.json"
THREADS = 8
TOKEN = "concurrency-probe"
COOKIE = f"ipt-network-{{port}}={shared_secret(TOKEN)}"
"""The cookie a browser holds after signing in (app.py derives it from the token in every worker)."""
SECONDS = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def grid_output() -> str:
    """The callback key the page uses for a grid cell: the app's own, read from a throwaway app."""
    from ipt_network.ui import create_app

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(f"sqlite:///{Path(folder) / 'probe.db'}", token=TOKEN)
        return next(key for key, spec in app.callback_map.items()
                    if {"id": ids.EDIT_GRID, "property": "cellValueChanged"} in spec["inputs"])


def cell_request(output: str, client_id: str, number: int, person: str, value: int, shown: int, tab: str) -> dict:
    """The body Dash's renderer posts when one support cell goes from ``shown`` to ``value``."""
    changed = [{"rowId": person, "colId": "support", "value": value, "oldValue": shown, "rowIndex": 0,
                "timestamp": int(time.time() * 1000)}]
    return {
        "output": output,
        "outputs": [dict(zip(("id", "property"), part.split(".", 1), strict=True))
                    for part in output.strip(".").split("...")],
        "inputs": [{"id": ids.EDIT_GRID, "property": "cellValueChanged", "value": changed}],
        "changedPropIds": [f"{ids.EDIT_GRID}.cellValueChanged"],
        "state": [
            {"id": ids.EDIT_GRID, "property": "cellValueChanged", "value": changed},
            {"id": ids.EDIT_GRID, "property": "rowData", "value": [{"id": person, "support": value}]},
            {"id": ids.EDIT_GRID_DRAWN, "property": "data",
             "value": {"session": number, "rows": [{"id": person, "support": shown}]}},
            {"id": ids.SELECTION, "property": "data", "value": {"session": number, "compare": None}},
            {"id": ids.REVIEW_CLIENT, "property": "data", "value": client_id},
            {"id": ids.EDIT_VERSIONS, "property": "data", "value": {}},
            {"id": ids.EDIT_TAB, "property": "data", "value": tab},
        ],
    }


class Server:
    """gunicorn serving ``app:server`` over one database, started again after a kill of its master."""

    def __init__(self, db_url: str, port: int):
        self.db_url, self.port = db_url, port
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {**os.environ, "IPT_NETWORK_DB": self.db_url, "IPT_NETWORK_TOKEN": TOKEN}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", "2", "--threads", "4", "-b", f"127.0.0.1:{self.port}",
             "--log-level", "error", "app:server"], cwd=ROOT, env=env, start_new_session=True)
        self.wait_until_up()

    def wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/assets/app.css", timeout=2).read()
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def workers(self) -> list[int]:
        found = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        return [int(pid) for pid in found.split()]

    def kill_worker(self) -> None:
        os.kill(self.workers()[0], signal.SIGKILL)

    def kill_master_and_restart(self) -> None:
        workers = self.workers()
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        for pid in workers:  # orphaned workers notice their master is gone; make sure before restarting
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.start()

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(10)


def run(seconds: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db_url = f"sqlite:///{Path(folder) / 'probe.db'}"
        doc = read_document(SAMPLE)
        with Store.open(db_url) as store:
            store.import_document(doc)
        number = doc.sessions[-1].number
        people = [tie.person for tie in doc.session(number).ties][:THREADS]
        start_values = {tie.person: tie.support for tie in doc.session(number).ties}
        output = grid_output()
        server = Server(db_url, free_port())
        server.start()
        url = f"http://127.0.0.1:{server.port}/_dash-update-component"
        confirmed: dict[str, list[tuple[str, int]]] = {person: [] for person in people}
        outcomes: Counter[str] = Counter()
        lock = threading.Lock()
        stop = threading.Event()

        def stored_support(person: str) -> int:
            with Store.open(db_url) as store:
                return next(t.support for t in store.load(doc.client.id).document.session(number).ties
                            if t.person == person)

        def writer(index: int, person: str) -> None:
            shown, sequence = start_values[person], 0
            while not stop.is_set():
                sequence += 1
                tab = f"probe-{index}-{sequence}"
                value = (shown + 1) % 11
                body = json.dumps(cell_request(output, doc.client.id, number, person, value, shown, tab)).encode()
                request = urllib.request.Request(url, body, {"Content-Type": "application/json",
                                                              "Cookie": COOKIE.format(port=server.port)})
                try:
                    with urllib.request.urlopen(request, timeout=30) as answer:
                        outcome = json.loads(answer.read())["response"][ids.EDIT_OUTCOME]["data"]
                except urllib.error.HTTPError as exc:
                    kind = f"HTTP {exc.code}"
                except (OSError, http.client.HTTPException):  # refused, reset, or cut off by a kill
                    kind = "no answer (server down)"
                    time.sleep(0.1)
                else:
                    if "change" in outcome:
                        kind = "saved"
                        confirmed[person].append((tab, value))
                        shown = value
                    elif outcome["problem"] == STALE:
                        kind = "refused as stale"
                        shown = stored_support(person)
                    else:
                        kind = "refused: database busy" if outcome["problem"] == BUSY else "refused: other"
                with lock:
                    outcomes[kind] += 1

        threads = [threading.Thread(target=writer, args=(i, p)) for i, p in enumerate(people)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(seconds / 3)
        server.kill_worker()
        print(f"{time.monotonic() - started:5.1f} s  kill -9 of a worker")
        time.sleep(seconds / 3)
        print(f"{time.monotonic() - started:5.1f} s  kill -9 of the master, then a restart")
        server.kill_master_and_restart()
        time.sleep(seconds / 3)
        stop.set()
        for thread in threads:
            thread.join()
        server.stop()

        with Store.open(db_url) as store:
            log = store.changes(doc.client.id, limit=1_000_000)
            final = {t.person: t.support for t in store.load(doc.client.id).document.session(number).ties}
            with store.engine.connect() as conn:
                integrity = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
        logged = {entry.tab: entry for entry in log if entry.tab}
        lost = 0
        for person, saves in confirmed.items():
            lost += sum(1 for tab, value in saves
                        if tab not in logged or logged[tab].change.after["support"] != value)
            last = max((entry for entry in log if entry.change.record == ("tie", number, person)),
                       key=lambda entry: entry.number, default=None)
            lost += last is not None and final[person] != last.change.after["support"]
        total = sum(outcomes.values())
        print(f"requests {total} in {time.monotonic() - started:.1f} s, {THREADS} threads, "
              "gunicorn 2 workers x 4 threads")
        for kind, count in sorted(outcomes.items()):
            print(f"  {kind:28s} {count}")
        errors = sum(count for kind, count in outcomes.items() if kind.startswith("HTTP"))
        print(f"lost updates {lost} (must be 0); server errors {errors}; integrity_check {integrity}")


if __name__ == "__main__":
    run(float(sys.argv[1]) if len(sys.argv) > 1 else SECONDS)
