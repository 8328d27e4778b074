"""Linking a session's life event to its people and to mood, against a real database (``event_edits``)."""

from __future__ import annotations

import pytest

from ipt_network.errors import ValidationError
from ipt_network.model import Event, parse_document
from ipt_network.store import Store
from ipt_network.ui import editing
from ipt_network.ui.event_edits import NOT_SAID, event_choices, event_link, link_event
from tests.test_ui_editing import CLIENT, edit, undo_latest


@pytest.fixture
def store(db_url, ana_data):
    with Store.open(db_url) as opened:
        opened.import_document(parse_document(ana_data))
        yield opened


def events(store):
    return store.load(CLIENT).document.session(1).events


def with_two_events(store):
    editing.save_session(edit(store), "2026-01-05", "initial", "", "Row with Dan\nVisited Mum")


def test_an_event_gets_its_people_and_mood_and_keeps_them_when_its_words_change(store):
    with_two_events(store)
    doc = store.load(CLIENT).document
    assert event_choices(doc, 1, hidden=False) == [{"label": "Row with Dan", "value": 0},
                                                  {"label": "Visited Mum", "value": 1}]
    assert event_choices(doc, 1, hidden=True)[1] == {"label": "Event 2", "value": 1}  # words may name people
    assert event_link(doc, 1, 0) == ([], NOT_SAID)
    link_event(edit(store), 0, ["p-dan", "p-dan"], "worse")
    assert events(store) == [Event(text="Row with Dan", people=["p-dan"], mood="worse"), "Visited Mum"]
    assert event_link(store.load(CLIENT).document, 1, 0) == (["p-dan"], "worse")
    # The words edited with the details: the other line is new, the linked one keeps its people and mood.
    editing.save_session(edit(store), "2026-01-05", "initial", "", "Row with Dan\nVisited Mum at home")
    assert events(store)[0] == Event(text="Row with Dan", people=["p-dan"], mood="worse")
    link_event(edit(store), 0, [], NOT_SAID)  # taken back: nobody, mood not said
    assert events(store)[0] == Event(text="Row with Dan", people=[], mood=None)
    undo_latest(store)
    assert events(store)[0] == Event(text="Row with Dan", people=["p-dan"], mood="worse")


def test_a_link_without_an_event_or_with_someone_unknown_is_refused_and_changes_nothing(store):
    with_two_events(store)
    before = events(store)
    with pytest.raises(ValidationError, match="choose the event"):
        link_event(edit(store), None, ["p-dan"], "better")
    with pytest.raises(ValidationError, match="choose the event"):
        link_event(edit(store), 2, ["p-dan"], "better")
    with pytest.raises(ValidationError, match="no longer in the record"):
        link_event(edit(store), 0, ["p-nobody"], "better")
    with pytest.raises(ValidationError, match="better, worse, or not said"):
        link_event(edit(store), 0, ["p-dan"], "fine")
    assert events(store) == before
