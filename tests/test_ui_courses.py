"""The course cache of the dashboard, over a real SQLite database: reused within a tab's data
version for a few seconds, read again after an edit in the tab or once that time has passed."""

from __future__ import annotations

import pytest

from ipt_network.errors import NotFoundError
from ipt_network.model import Tie, parse_document
from ipt_network.store import Store
from ipt_network.ui.courses import Courses


class Clock:
    """A clock the test moves by hand (``Courses`` takes any function returning seconds)."""

    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def store(db_url, ana_data):
    with Store.open(db_url) as opened:
        opened.import_document(parse_document(ana_data))
        yield opened


def raise_dan_support(store: Store) -> None:
    """An edit made elsewhere: Dan's support in session 1 goes from 4 to 9."""
    version = store.load("c-ana").versions[("tie", 1, "p-dan")]
    store.save_tie("c-ana", 1, Tie(person="p-dan", circle=1, support=9, conflict=7), expected_version=version)


def dan_support(courses: Courses, data_version: int) -> int:
    ties = courses.get("c-ana", data_version).doc.session(1).ties
    return next(tie.support for tie in ties if tie.person == "p-dan")


def test_a_course_is_read_once_and_shared(store):
    courses = Courses(store, clock=Clock())
    first = courses.get("c-ana", 0)
    assert courses.get("c-ana", 0) is first
    assert courses.get("c-ana", None) is first  # a tab that has not edited yet counts as version 0
    assert first.measures(1)["total_support"] == 10  # the DESIGN example: Mum 6 + Dan 4


def test_an_edit_in_the_tab_is_seen_at_once(store):
    courses = Courses(store, clock=Clock())
    assert dan_support(courses, 0) == 4
    raise_dan_support(store)
    assert dan_support(courses, 1) == 9  # the tab bumped its data version after saving


def test_an_edit_elsewhere_is_seen_once_the_course_is_no_longer_fresh(store):
    clock = Clock()
    courses = Courses(store, fresh_for=5.0, clock=clock)
    assert dan_support(courses, 0) == 4
    raise_dan_support(store)
    clock.now += 4.9
    assert dan_support(courses, 0) == 4  # still within the 5 s it is trusted for
    clock.now += 0.2
    assert dan_support(courses, 0) == 9


def test_the_least_recently_used_course_is_dropped_first(store):
    courses = Courses(store, size=2, clock=Clock())
    oldest, kept = courses.get("c-ana", 0), courses.get("c-ana", 1)
    assert courses.get("c-ana", 0) is oldest  # now 1 is the least recently used
    courses.get("c-ana", 2)
    assert courses.get("c-ana", 0) is oldest
    assert courses.get("c-ana", 1) is not kept


def test_an_unknown_client_is_not_found_and_not_remembered(store):
    courses = Courses(store, clock=Clock())
    with pytest.raises(NotFoundError):
        courses.get("c-nobody", 0)
    with pytest.raises(NotFoundError):
        courses.get("c-nobody", 0)
