"""Dashboard addresses: a link pasted into notes must reopen the same view."""

from __future__ import annotations

import pytest

from ipt_network.ui.urls import (
    Selection,
    client_id_from_path,
    client_path,
    nearest_session,
    selection_from_search,
)


@pytest.mark.parametrize("client_id", ["c-ana", "c/ana b", "ç-ü?#&=", "100%"])
def test_a_client_path_reads_back_as_the_same_id(client_id):
    path = client_path(client_id, Selection(3, 1))
    assert path.count("/") == 2 and path.count("?") == 1
    address, _, search = path.partition("?")
    assert client_id_from_path(address) == client_id
    assert selection_from_search("?" + search) == Selection(3, 1)


def test_addresses_that_are_not_a_review_page():
    assert client_id_from_path("/") is None
    assert client_id_from_path("/client/") is None
    assert client_id_from_path("/clients/c-ana") is None
    assert client_id_from_path(None) is None
    assert client_id_from_path("/client/c-ana/") == "c-ana"


@pytest.mark.parametrize(("search", "expected"), [
    ("?session=3&compare=1", Selection(3, 1)),
    ("session=3", Selection(3, None)),
    ("?session=three&compare=-1", Selection(None, None)),
    ("?session=3&session=5", Selection(5, None)),
    ("?session=99999999", Selection(None, None)),
    ("", Selection()),
    (None, Selection()),
])
def test_unreadable_queries_are_ignored(search, expected):
    assert selection_from_search(search) == expected


def test_a_selection_is_limited_to_sessions_that_exist():
    numbers = [1, 2, 4]
    assert Selection(2, 1).within(numbers) == Selection(2, 1)
    assert Selection(3, 1).within(numbers) == Selection(4, 1)  # unknown session: the latest
    assert Selection(None, None).within(numbers) == Selection(4, None)
    assert Selection(2, 2).within(numbers) == Selection(2, None)  # not compared with itself
    assert Selection(2, 9).within(numbers) == Selection(2, None)
    assert Selection(2, 1).within([]) == Selection()


def test_a_selection_writes_its_query():
    assert Selection(3, 1).to_search() == "?session=3&compare=1"
    assert Selection(3).to_search() == "?session=3"
    assert Selection().to_search() == ""


def test_stepping_over_a_missing_session_lands_on_the_next_one():
    # Sessions 1, 4, 6: from 4, a step to 5 goes on to 6; from 6, a step back to 5 goes on to 4.
    assert nearest_session(5, [1, 4, 6], previous=4) == 6
    assert nearest_session(5, [1, 4, 6], previous=6) == 4
    assert nearest_session(2, [1, 4, 6], previous=4) == 1
