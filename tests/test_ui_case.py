"""Edits of the case card, without a browser: the case frame and a goal's status saved to a real SQLite
database, refusals that change nothing, text kept while names are hidden, and the card's words.

The client is Rosa (data/samples/rosa_grief.json): grief agreed at session 2, 16 sessions planned,
the formulation shared at session 3, goals g-mourn and g-return, both first recorded as progressing
at session 4 (not started at session 3).
"""

from __future__ import annotations

import pytest

from ipt_network.errors import StaleEditError, ValidationError
from ipt_network.formats import read_document
from ipt_network.store import CASE_KEY, Store
from ipt_network.ui import editing
from ipt_network.ui.callbacks_case import case_view
from ipt_network.ui.case_edits import NEW_GOAL, goal_status, optional_number, save_frame, save_goal
from ipt_network.ui.editing import Edit
from tests.conftest import SAMPLES

CLIENT = "c-rosa"


@pytest.fixture
def store(db_url):
    with Store.open(db_url) as opened:
        opened.import_document(read_document(next(path for path in SAMPLES if path.name == "rosa_grief.json")))
        yield opened


def edit(store: Store, number: int = 5, tab: str | None = None) -> Edit:
    """An edit from a page showing session ``number`` and the record as stored now."""
    return Edit(store, CLIENT, number, editing.page_versions(store.load(CLIENT)), tab)


def text_of(component) -> str:
    """Every string inside a Dash component tree, joined."""
    if isinstance(component, str):
        return component
    if isinstance(component, list | tuple):
        return " ".join(text_of(part) for part in component)
    children = getattr(component, "children", None)
    return text_of(children) if children is not None else ""


def test_focus_plan_and_formulation_are_saved(store):
    change = save_frame(edit(store), 14, ["grief", "role_dispute"], 3, "New words.", 4.0)
    client = store.load(CLIENT).document.client
    assert (client.planned_sessions, [a.value for a in client.problem_areas], client.areas_agreed_at,
            client.formulation, client.formulation_shared_at) == (14, ["grief", "role_dispute"], 3, "New words.", 4)
    assert editing.describe(change, str) == ("case frame: problem areas, planned sessions, formulation, "
                                             "formulation shared at, areas agreed at")


def test_the_formulation_is_kept_while_names_are_hidden(store):
    stored = store.load(CLIENT).document.client.formulation
    save_frame(edit(store), 12, ["grief"], 2, None, 3)
    client = store.load(CLIENT).document.client
    assert (client.planned_sessions, client.formulation) == (12, stored)


@pytest.mark.parametrize(("areas", "planned", "problem"), [
    ([], 16, "choose one or two problem areas"),
    (["grief", "role_dispute", "role_transition"], 16, "choose one or two problem areas"),
    (["grief"], 7.5, "Planned sessions must be a whole number 1–52, or empty (got “7.5”)"),
    (["grief"], 0, "Planned sessions must be a whole number 1–52, or empty (got “0”)"),
    (["grief"], 53, "Planned sessions must be a whole number 1–52, or empty (got “53”)"),
    # The goals are in grief: taking grief away would leave them outside the agreed areas.
    (["role_dispute"], 16, "client, goal 'g-mourn': area 'grief' is not among the client's problem areas "
                           "(role_dispute)"),
])
def test_a_bad_frame_is_refused_and_nothing_changes(store, areas, planned, problem):
    before = store.load(CLIENT)
    with pytest.raises(ValidationError) as refused:
        save_frame(edit(store), planned, areas, 2, "Other words.", 3)
    assert problem in "; ".join(refused.value.problems)
    assert store.load(CLIENT).document == before.document


def test_a_session_number_names_a_recorded_session_in_the_card_and_in_the_store(store):
    before = store.load(CLIENT)
    assert max(session.number for session in before.document.sessions) == 16
    with pytest.raises(ValidationError) as refused:
        save_frame(edit(store), 16, ["grief"], 20, None, 3)
    assert refused.value.problems == [
        "Agreed at session 20: there is no such session in the record (the last is session 16)"]
    with pytest.raises(ValidationError) as refused:  # a save that skips the card meets the model's rule
        store.save_case(CLIENT, {"formulation_shared_at": 17}, expected_version=before.versions[CASE_KEY])
    assert refused.value.problems == [
        "client: formulation_shared_at is session 17, which is not a recorded session (the last is session 16)"]
    assert store.load(CLIENT).document == before.document


def test_a_stale_page_is_refused(store):
    page = edit(store)
    save_frame(edit(store), 12, ["grief"], 2, None, 3)
    with pytest.raises(StaleEditError):
        save_frame(page, 20, ["grief"], 2, None, 3)
    assert store.load(CLIENT).document.client.planned_sessions == 12


def test_a_goals_words_and_status_are_saved_and_undone(store):
    assert goal_status(store.load(CLIENT).document, 5, "g-mourn") == "progressing"
    changes = save_goal(edit(store), "g-mourn", "grief", "Mourn Luis", "met")
    doc = store.load(CLIENT).document
    assert doc.client.goals[0].text == "Mourn Luis"
    assert [(p.goal, p.status.value) for p in doc.session(5).goal_progress] == [
        ("g-return", "progressing"), ("g-mourn", "met")]
    assert [editing.describe(c, str) for c in changes] == ["case frame: goals", "session 5: goal progress"]
    assert (goal_status(doc, 4, "g-mourn"), goal_status(doc, 6, "g-mourn")) == ("progressing", "progressing")
    offered = editing.offered_undo(store.changes(CLIENT))
    editing.undo(edit(store), offered.number)
    assert goal_status(store.load(CLIENT).document, 5, "g-mourn") == "progressing"


def test_a_new_goal_gets_the_first_free_id(store):
    changes = save_goal(edit(store), NEW_GOAL, "grief", "  Sing in the choir again ", "not_started")
    goals = store.load(CLIENT).document.client.goals
    assert [(g.id, g.area.value, g.text) for g in goals] == [
        ("g-mourn", "grief", "Mourn Luis at my own pace, the good and the hard"),
        ("g-return", "grief", "Return to the people and activities I have dropped, choir and friends first"),
        ("g-1", "grief", "Sing in the choir again")]
    assert len(changes) == 1  # not started already: no progress recorded


@pytest.mark.parametrize(("goal", "text", "problem"), [
    (NEW_GOAL, None, "write the goal in words to add it (show names to type it)"),
    (NEW_GOAL, "  ", "write the goal in words to add it (show names to type it)"),
    ("g-mourn", None, "nothing was changed in this goal"),
    ("g-gone", "Words", "this goal is no longer in the record; reload the page"),
    ("no-area", "Words", "choose the goal's area, one of the agreed problem areas"),
])
def test_a_goal_edit_that_cannot_be_made_is_refused(store, goal, text, problem):
    before = store.load(CLIENT).document
    with pytest.raises(ValidationError) as refused:
        save_goal(edit(store), goal, None if goal == "no-area" else "grief", text, "progressing")
    assert refused.value.problems == [problem]
    assert store.load(CLIENT).document == before


def test_optional_number_reads_what_a_number_box_sends():
    assert [optional_number(v, "N", 52) for v in (None, "", " ", 3, 3.0, "4")] == [None, None, None, 3, 3, 4]


def test_the_card_in_both_voices_and_with_names_hidden(store):
    doc = store.load(CLIENT).document
    therapist = text_of(case_view(doc, 4, "therapist", hidden=False))
    assert "Grief (agreed at session 2)" in therapist
    assert "Session 4 of 16 · 12 left" in therapist
    assert "Formulation (shared at session 3)" in therapist
    assert "Mourn Luis at my own pace, the good and the hard (grief): progressing since session 4" in therapist
    client = text_of(case_view(doc, 4, "client", hidden=False))
    assert "Mourn Luis at my own pace, the good and the hard: under way" in client
    assert "Losing someone close" in client
    assert not any(word in client for word in ("ormulation", doc.client.formulation[:30], "grief", "Grief"))
    hidden = text_of(case_view(doc, 4, "therapist", hidden=True))
    assert "Goal 1 (grief): progressing since session 4" in hidden
    assert "Mourn" not in hidden and doc.client.formulation[:30] not in hidden


def test_a_goal_can_be_agreed_before_the_first_session(store):
    change, = save_goal(Edit(store, CLIENT, None, editing.page_versions(store.load(CLIENT))), NEW_GOAL, "grief",
                        "Sleep through the night", "progressing")
    assert change.kind == "case"
    assert store.load(CLIENT).document.client.goals[-1].text == "Sleep through the night"
