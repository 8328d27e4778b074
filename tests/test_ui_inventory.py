"""Edits of the inventory card, without a browser: one person's inventory saved to a real SQLite database,
refusals that change nothing, words kept while names are hidden, and the card's words in both voices.

The client is Rosa (data/samples/rosa_grief.json): Inés (p-ines) has an inventory taken at session 1
(care both ways, does not confide, does not know about the depression); the bereavement group
(p-group) one taken at session 6; Lola (p-lola) none.
"""

from __future__ import annotations

import pytest

from ipt_network.case import inventory_at
from ipt_network.errors import StaleEditError, ValidationError
from ipt_network.ui import editing
from ipt_network.ui.callbacks_inventory import clicked_person, inventory_form, inventory_view, saved_inventory
from ipt_network.ui.inventory_edits import NOT_KNOWN, save_inventory
from tests import test_ui_case
from tests.test_ui_case import CLIENT, edit, text_of

store = test_ui_case.store
"""Rosa's record in a real database, as the case card's tests have it."""

ANSWERS = {"good": "Walks on Sundays", "hard": "She never calls back", "expectations": "To be asked",
           "wants_changed": "To speak every week"}


def test_every_field_is_saved_and_undone(store):
    before = store.load(CLIENT).document.person("p-lola")
    change = save_inventory(edit(store), "p-lola", ANSWERS, "mostly_to_client", "yes", "no", 5.0)
    saved = store.load(CLIENT).document.person("p-lola").inventory
    assert saved.model_dump(mode="json") == {**ANSWERS, "support_flow": "mostly_to_client", "confides": True,
                                             "knows_about_depression": False, "as_of": 5}
    assert editing.describe(change, str) == "details of p-lola: inventory"
    editing.undo(edit(store), store.changes(CLIENT, 1)[0].number)
    assert store.load(CLIENT).document.person("p-lola") == before


def test_not_known_clears_an_answer(store):
    save_inventory(edit(store), "p-ines", None, NOT_KNOWN, NOT_KNOWN, "yes", 1)
    inventory = store.load(CLIENT).document.person("p-ines").inventory
    assert (inventory.support_flow, inventory.confides, inventory.knows_about_depression) == (None, None, True)


def test_the_words_are_kept_while_names_are_hidden(store):
    stored = store.load(CLIENT).document.person("p-ines").inventory
    save_inventory(edit(store), "p-ines", None, "both_ways", "yes", "no", 2)
    inventory = store.load(CLIENT).document.person("p-ines").inventory
    assert (inventory.good, inventory.hard, inventory.confides, inventory.as_of) == (stored.good, stored.hard, True, 2)


def test_an_inventory_with_no_answer_is_none(store):
    save_inventory(edit(store), "p-ines", dict.fromkeys(ANSWERS, ""), NOT_KNOWN, NOT_KNOWN, NOT_KNOWN, 1)
    assert store.load(CLIENT).document.person("p-ines").inventory is None


@pytest.mark.parametrize(("person", "flow", "as_of", "problem"), [
    (None, "both_ways", 1, "choose the person first"),
    ("p-nobody", "both_ways", 1, "this person is no longer in the record; reload the page"),
    ("p-lola", "sideways", 1, "choose which way care flows, or not known"),
    ("p-lola", "both_ways", 0, "Taken at session must be a whole number 1–1000, or empty (got “0”)"),
    ("p-lola", "both_ways", 2.5, "Taken at session must be a whole number 1–1000, or empty (got “2.5”)"),
])
def test_a_bad_inventory_is_refused_and_nothing_changes(store, person, flow, as_of, problem):
    before = store.load(CLIENT).document
    with pytest.raises(ValidationError) as refused:
        save_inventory(edit(store), person, ANSWERS, flow, "yes", "no", as_of)
    assert refused.value.problems == [problem]
    assert store.load(CLIENT).document == before


def test_a_bad_character_is_refused_naming_the_field(store):
    with pytest.raises(ValidationError) as refused:
        save_inventory(edit(store), "p-lola", {**ANSWERS, "hard": "bell \x07"}, "both_ways", "yes", "no", 1)
    assert "inventory: inventory.hard" in refused.value.problems[0]


def test_saving_what_is_stored_changes_nothing(store):
    stored = store.load(CLIENT).document.person("p-ines").inventory
    with pytest.raises(ValidationError, match="nothing was changed in this inventory"):
        save_inventory(edit(store), "p-ines", {field: getattr(stored, field) for field in ANSWERS}, "both_ways",
                       "no", "no", 1)


def test_a_stale_page_is_refused(store):
    page = edit(store, tab="first")
    save_inventory(edit(store, tab="second"), "p-ines", None, "both_ways", "yes", "no", 1)
    with pytest.raises(StaleEditError):
        save_inventory(page, "p-ines", None, "mostly_from_client", "no", "no", 1)
    assert store.load(CLIENT).document.person("p-ines").inventory.confides is True


def test_an_inventory_is_on_show_from_the_session_it_was_taken_at(store):
    group = store.load(CLIENT).document.person("p-group")
    assert [inventory_at(group, n) is not None for n in (None, 5, 6, 7)] == [False, False, True, True]
    doc = store.load(CLIENT).document
    assert text_of(inventory_view(doc, "p-group", 5, "therapist", False)) == \
        "Not taken yet at session 5 (taken at session 6)."
    assert text_of(inventory_view(doc, "p-lola", 5, "therapist", False)) == \
        "No inventory yet: fill it in with the client."


def test_the_card_in_both_voices_and_with_names_hidden(store):
    doc = store.load(CLIENT).document
    therapist = text_of(inventory_view(doc, "p-ines", 3, "therapist", False))
    assert therapist.startswith("As of session 1 What is good in it The only other person who talks about Luis")
    assert "Which way care flows Both ways Does the client confide in them No Do they know about the depression No" \
        in therapist
    client = text_of(inventory_view(doc, "p-ines", 3, "client", False))
    assert "Who looks after whom You look after each other You talk to them about what matters No" in client
    assert "client" not in client.lower()
    hidden = text_of(inventory_view(doc, "p-ines", 3, "therapist", True))
    assert "Luis" not in hidden and hidden.count("Hidden while names are hidden.") == 4


def test_the_form_is_filled_from_the_stored_inventory(store):
    doc = store.load(CLIENT).document
    form = inventory_form(saved_inventory(doc, "p-ines", 4), hidden=True)
    assert form == {"of": "p-ines", "good": "", "hard": "", "expectations": "", "wants_changed": "",
                    "support_flow": "both_ways", "confides": "no", "knows_about_depression": "no", "as_of": 1}
    assert inventory_form(saved_inventory(doc, "p-lola", 4), hidden=False)["as_of"] == 4


def test_a_click_on_the_circle_chooses_a_person_only(store):
    doc = store.load(CLIENT).document
    assert clicked_person({"points": [{"customdata": "p-ines"}]}, doc) == "p-ines"
    assert clicked_person({"points": [{"customdata": CLIENT}]}, doc) is None
    assert clicked_person(None, doc) is None
