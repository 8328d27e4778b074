"""The new-client form goes through the model's single door and speaks its words; a form refilled after a save keeps
what is being typed in it."""

from __future__ import annotations

import datetime as dt

import pytest
from dash import no_update

from ipt_network.errors import ValidationError
from ipt_network.model import ProblemArea
from ipt_network.ui.forms import client_from_form, kept_choice, refill, set_aside, suggest_client_id, take_back


@pytest.mark.parametrize(("label", "expected"), [
    ("Ana", "c-ana"),
    ("Zoë  O'Neil", "c-zoe-o-neil"),
    ("  J. K.  ", "c-j-k"),
    ("<script>", "c-script"),
    ("李", ""),
    ("", ""),
    (None, ""),
])
def test_an_id_is_suggested_from_the_label(label, expected):
    assert suggest_client_id(label) == expected


def test_the_suggestion_is_kept_short():
    assert suggest_client_id("a" * 100) == "c-" + "a" * 40


def test_a_filled_form_gives_the_client():
    client = client_from_form(" Ana ", "", ["role_dispute"], "2026-01-05")
    assert (client.id, client.label, client.problem_areas, client.start_date) == (
        "c-ana", "Ana", [ProblemArea.ROLE_DISPUTE], dt.date(2026, 1, 5))
    assert client_from_form("Ana", " c-7 ", None, "2026-01-05").id == "c-7"


def test_every_problem_of_a_form_is_named():
    with pytest.raises(ValidationError) as refused:
        client_from_form("", "", ["grief", "sadness"], "05/01/2026")
    empty_id, empty_label, *rest = refused.value.problems
    assert empty_id.startswith("client: id must ")
    assert empty_label.startswith("client: label must ")
    assert rest == [
        "client: problem_areas must be 'grief', 'role_dispute', 'role_transition' or "
        "'interpersonal_deficits', got 'sadness'",
        "client: start_date must be a date written YYYY-MM-DD, got '05/01/2026'",
    ]


# --- refilling a form without throwing away what is typed in it ---------------------------------------------

STORED = {"of": "plan", "signs": "Sleep slipping", "people": ["p-gp"]}
FIELDS = ("signs", "people")


def test_a_form_shows_what_is_stored_when_nothing_is_typed():
    shown = {**STORED, "signs": "Sleep"}
    assert refill(FIELDS, STORED, shown, shown, saved=True) == ("Sleep slipping", ["p-gp"], STORED)


def test_a_save_does_not_throw_away_what_is_being_typed():
    typed = {**STORED, "signs": "Sleep slipping\nStopping choir"}
    shown = {**STORED, "signs": "Sleep"}
    assert refill(FIELDS, STORED, typed, shown, saved=True) == (no_update, no_update, no_update)
    assert refill(FIELDS, STORED, typed, shown, saved=False) == ("Sleep slipping", ["p-gp"], STORED)


def test_a_form_that_already_shows_the_stored_values_remembers_them():
    assert refill(FIELDS, STORED, dict(STORED), {**STORED, "signs": ""}, saved=True) == (no_update, no_update, STORED)


def test_a_menu_keeps_its_choice_while_it_is_still_there():
    options = [{"label": "14 Mar 2025 · Luis died", "value": 0}, {"label": "Add", "value": "new"}]
    assert (kept_choice(options, "new"), kept_choice(options, 3), kept_choice(options, None)) == (no_update, 0, 0)


# --- drafts: what was typed for one session waits for it -----------------------------------------


def session_details(number: int, notes: str) -> dict:
    return {"of": number, "date": "2026-01-05", "phase": "initial", "attendance": "attended", "notes": notes,
            "events": ""}


def test_text_typed_for_one_session_is_set_aside_when_another_is_shown_and_taken_back_with_it():
    shown = session_details(3, "as stored")
    typed = session_details(3, "typed, not saved")
    drafts = set_aside({}, typed, shown, now=4)
    assert drafts == {"3": {"typed": typed, "over": shown}}
    assert take_back(drafts, 4, session_details(4, "")) == (None, drafts, False)  # no draft: what is stored shows
    assert take_back(drafts, 3, shown) == (typed, {}, False)


def test_a_draft_does_not_come_back_over_a_record_saved_elsewhere_since():
    shown = session_details(3, "as stored")
    drafts = set_aside({}, session_details(3, "typed, not saved"), shown, now=4)
    assert take_back(drafts, 3, session_details(3, "saved in another tab")) == (None, {}, True)


def test_nothing_is_set_aside_when_nothing_was_typed_or_the_same_session_is_refilled():
    shown = session_details(3, "as stored")
    assert set_aside({}, dict(shown), shown, now=4) == {}  # nothing typed since it was filled
    assert set_aside({}, session_details(3, "typed"), shown, now=3) == {}  # the same session: keeps_typing's job
    assert set_aside({}, session_details(3, "typed"), None, now=4) == {}  # never filled yet
