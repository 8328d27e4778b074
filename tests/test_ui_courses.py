"""The course cache of the dashboard, over a real SQLite database: one read per client and
revision, shared by the panels, and a change made anywhere seen on the next request."""

from __future__ import annotations

import threading

import pytest

from ipt_network.errors import NotFoundError
from ipt_network.model import Tie, parse_document
from ipt_network.store import Store
from ipt_network.ui.courses import Courses


class CountingStore(Store):
    """The real store, counting whole-course reads (the expensive call the cache saves)."""

    reads = 0

    def load(self, client_id):
        self.reads += 1
        return super().load(client_id)


@pytest.fixture
def store(db_url, ana_data):
    opened = CountingStore.open(db_url)
    opened.import_document(parse_document(ana_data))
    yield opened
    opened.close()


def raise_dan_support(store: Store) -> None:
    """An edit made elsewhere (another tab, the command line): Dan's support in session 1 goes 4 → 9."""
    version = store.load("c-ana").versions[("tie", 1, "p-dan")]
    store.save_tie("c-ana", 1, Tie(person="p-dan", circle=1, support=9, conflict=7), expected_version=version)


def dan_support(courses: Courses) -> int:
    return next(tie.support for tie in courses.get("c-ana").doc.session(1).ties if tie.person == "p-dan")


def test_a_course_is_read_once_and_shared(store):
    courses = Courses(store)
    first = courses.get("c-ana")
    assert courses.get("c-ana") is first
    assert courses.stored("c-ana").document is first.doc
    assert store.reads == 1
    assert first.measures(1)["total_support"] == 10  # the DESIGN example: Mum 6 + Dan 4


def test_an_edit_made_anywhere_is_seen_on_the_next_request(store):
    courses = Courses(store)
    assert dan_support(courses) == 4
    raise_dan_support(store)
    assert dan_support(courses) == 9
    assert courses.stored("c-ana").revision == 2  # imported at 1, one edit since
    assert store.reads == 3  # the course twice, and the edit's own read of the versions


def test_panels_asking_at_once_share_one_read(store):
    courses = Courses(store)
    start = threading.Barrier(6)

    def panel() -> None:
        start.wait()
        courses.get("c-ana")

    panels = [threading.Thread(target=panel) for _ in range(6)]
    for thread in panels:
        thread.start()
    for thread in panels:
        thread.join()
    assert store.reads == 1


def test_the_least_recently_used_client_is_dropped_first(store, ana_data):
    for other in ("c-bea", "c-cal"):
        store.import_document(parse_document({**ana_data, "client": {**ana_data["client"], "id": other}}))
    courses = Courses(store, size=2)
    ana = courses.get("c-ana")
    courses.get("c-bea")
    assert courses.get("c-ana") is ana  # now c-bea is the least recently used
    courses.get("c-cal")
    assert courses.get("c-ana") is ana
    reads = store.reads
    courses.get("c-bea")
    assert store.reads == reads + 1


def test_an_unknown_client_is_not_found_and_not_remembered(store):
    courses = Courses(store)
    with pytest.raises(NotFoundError):
        courses.get("c-nobody")
    with pytest.raises(NotFoundError):
        courses.stored("c-nobody")
