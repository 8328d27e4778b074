"""Several processes on one SQLite file, and a process killed mid-write (DESIGN section 8).

Workers run in spawned processes (a fresh interpreter each, as separate gunicorn workers or a
CLI import beside the dashboard would be), so they share nothing but the database file.
"""

from __future__ import annotations

import multiprocessing
import random
import sqlite3
import time

import pytest

from benchmarks.synthetic import make_document
from ipt_network.errors import StaleEditError
from ipt_network.model import Tie
from ipt_network.store import Store

SPAWN = multiprocessing.get_context("spawn")
ROUNDS = 200
IMPORT_EVERY = 10


def own_tie_and_imports(url: str, person: str) -> int:
    """200 actions: every 10th imports a small new client, the rest change this worker's own tie."""
    saves = 0
    with Store.open(url) as store:
        version = store.load("c-shared").versions[("tie", 1, person)]
        for i in range(ROUNDS):
            if i % IMPORT_EVERY == 0:
                store.import_document(make_document(people=4, sessions=2, seed=i, client_id=f"c-{person}-{i}"))
            else:
                # i % 11 differs between consecutive saves (they are 1 or 2 apart), so every save changes the tie.
                tie = Tie(person=person, circle=1, support=i % 11, conflict=0)
                version = store.save_tie("c-shared", 1, tie, expected_version=version)
                saves += 1
    return saves


def contend_for_one_tie(url: str, rounds: int) -> int:
    """Read-then-save the same tie as the other worker; returns how many saves were accepted."""
    accepted = 0
    with Store.open(url) as store:
        for _ in range(rounds):
            course = store.load("c-shared")
            current = course.document.session(1).ties[0]
            changed = current.model_copy(update={"support": (current.support + 1) % 11})
            try:
                store.save_tie("c-shared", 1, changed, expected_version=course.versions[("tie", 1, "p000")])
                accepted += 1
            except StaleEditError:
                pass
    return accepted


def import_until_killed(url: str, ready) -> None:
    doc = make_document(people=60, sessions=16)
    with Store.open(url) as store:
        ready.set()
        while True:
            store.import_document(doc, replace=True)


@pytest.fixture
def shared(db_url):
    """A client whose session 1 has ties to p000 and p001, stored before the workers start."""
    doc = make_document(people=2, sessions=1, client_id="c-shared")
    assert [t.person for t in doc.sessions[0].ties] == ["p000", "p001"]
    with Store.open(db_url) as store:
        store.import_document(doc)
    return db_url


def test_two_writers_lose_nothing_and_raise_nothing(shared):
    with SPAWN.Pool(2) as pool:
        saves = pool.starmap(own_tie_and_imports, [(shared, "p000"), (shared, "p001")])
    assert saves == [180, 180]  # 200 actions less 20 imports (i = 0, 10, ..., 190)
    with Store.open(shared) as store:
        course = store.load("c-shared")
        # Every save moved the client on by one revision: 1 at import + 2 x 180 saves = 361.
        assert store.revision("c-shared") == course.revision == 361
        for person in ("p000", "p001"):
            # The last save was i = 199: support 199 % 11 = 1.
            assert next(t for t in course.document.session(1).ties if t.person == person).support == 1
        # Each tie carries the revision of its own last save: the one saved last has 361; the other
        # worker's last save came after its own 180 saves and the import, so at revision 181 or later.
        earlier, later = sorted(course.versions[("tie", 1, person)] for person in ("p000", "p001"))
        assert 181 <= earlier < later == 361
        imported = {s.id for s in store.list_clients()} - {"c-shared"}
        assert imported == {f"c-{p}-{i}" for p in ("p000", "p001") for i in range(0, ROUNDS, IMPORT_EVERY)}


def test_racing_edits_of_one_record_are_each_applied_or_refused(shared):
    with SPAWN.Pool(2) as pool:
        accepted = pool.starmap(contend_for_one_tie, [(shared, 100), (shared, 100)])
    with Store.open(shared) as store:
        # Every accepted save moved the revision on by exactly one and stamped the tie with it; a lost
        # update would leave it lower.
        assert store.load("c-shared").versions[("tie", 1, "p000")] == store.revision("c-shared") == 1 + sum(accepted)


def test_killing_an_import_midway_leaves_all_or_nothing(db_url, tmp_path):
    doc = make_document(people=60, sessions=16)
    rng = random.Random(7)
    for _ in range(5):
        ready = SPAWN.Event()
        child = SPAWN.Process(target=import_until_killed, args=(db_url, ready))
        child.start()
        assert ready.wait(60), "the importing process did not start"
        time.sleep(rng.uniform(0.0, 0.3))
        child.kill()  # SIGKILL: no cleanup, no rollback, mid-transaction most of the time
        child.join()
        with sqlite3.connect(tmp_path / "ipt.db") as raw:
            assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        with Store.open(db_url) as store:
            present = [summary.id for summary in store.list_clients()]
            assert present in ([], ["c-bench"])  # absent only if killed during the very first import
            if present:
                assert store.load("c-bench").document == doc
