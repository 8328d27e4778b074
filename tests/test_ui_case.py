"""Edits of the case card, without a browser: the case frame and a goal's status saved to a real SQLite
database, refusals that change nothing, text kept while names are hidden, and the card's words.

The client is Rosa (data/samples/rosa_grief.json): grief agreed at session 2, 16 sessions planned,
the formulation shared at session 3, goals g-mourn and g-return, both first recorded as progressing
at session 4 (not started at session 3). Therapy started on 2026-01-19 (her first session); the
onset was 2025-05-01; five events before therapy, in date order: Luis died (2025-03-14, Luis), the
funeral (2025-03-21, Luis, Marta, Pablo, Inés), choir dropped (2025-04-10), the falling-out with Inés
(2025-06-15), the referral by Dr Shah (2026-01-05); a relapse plan of three warning signs, three
actions and three people (Marta, Lola, Dr Shah). With names hidden they are shown by role: Luis is
"Partner", Marta "Child 1", Lola "Friend 1", Dr Shah "Professional".
"""

from __future__ import annotations

import pytest

from ipt_network.errors import StaleEditError, ValidationError
from ipt_network.formats import read_document
from ipt_network.store import CASE_KEY, Store
from ipt_network.ui import editing
from ipt_network.ui.callbacks_case import case_view
from ipt_network.ui.case_edits import (
    NEW,
    goal_status,
    history_choices,
    optional_number,
    remove_history,
    save_frame,
    save_goal,
    save_history,
    save_relapse_plan,
)
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
    change = save_frame(edit(store), 14, ["grief", "role_dispute"], 3, "New words.", 4.0, "2025-05-01")
    client = store.load(CLIENT).document.client
    assert (client.planned_sessions, [a.value for a in client.problem_areas], client.areas_agreed_at,
            client.formulation, client.formulation_shared_at) == (14, ["grief", "role_dispute"], 3, "New words.", 4)
    assert editing.describe(change, str) == ("case frame: problem areas, planned sessions, formulation, "
                                             "formulation shared at, areas agreed at")


def test_the_formulation_is_kept_while_names_are_hidden(store):
    stored = store.load(CLIENT).document.client.formulation
    save_frame(edit(store), 12, ["grief"], 2, None, 3, "2025-05-01")
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
        save_frame(edit(store), planned, areas, 2, "Other words.", 3, "2025-05-01")
    assert problem in "; ".join(refused.value.problems)
    assert store.load(CLIENT).document == before.document


def test_a_session_number_names_a_recorded_session_in_the_card_and_in_the_store(store):
    before = store.load(CLIENT)
    assert max(session.number for session in before.document.sessions) == 16
    with pytest.raises(ValidationError) as refused:
        save_frame(edit(store), 16, ["grief"], 20, None, 3, None)
    assert refused.value.problems == [
        "Agreed at session 20: there is no such session in the record (the last is session 16)"]
    with pytest.raises(ValidationError) as refused:  # a save that skips the card meets the model's rule
        store.save_case(CLIENT, {"formulation_shared_at": 17}, expected_version=before.versions[CASE_KEY])
    assert refused.value.problems == [
        "client: formulation_shared_at is session 17, which is not a recorded session (the last is session 16)"]
    assert store.load(CLIENT).document == before.document


def test_a_stale_page_is_refused(store):
    page = edit(store)
    save_frame(edit(store), 12, ["grief"], 2, None, 3, "2025-05-01")
    with pytest.raises(StaleEditError):
        save_frame(page, 20, ["grief"], 2, None, 3, "2025-05-01")
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
    changes = save_goal(edit(store), NEW, "grief", "  Sing in the choir again ", "not_started")
    goals = store.load(CLIENT).document.client.goals
    assert [(g.id, g.area.value, g.text) for g in goals] == [
        ("g-mourn", "grief", "Mourn Luis at my own pace, the good and the hard"),
        ("g-return", "grief", "Return to the people and activities I have dropped, choir and friends first"),
        ("g-1", "grief", "Sing in the choir again")]
    assert len(changes) == 1  # not started already: no progress recorded


@pytest.mark.parametrize(("goal", "text", "problem"), [
    (NEW, None, "write the goal in words to add it (show names to type it)"),
    (NEW, "  ", "write the goal in words to add it (show names to type it)"),
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
    change, = save_goal(Edit(store, CLIENT, None, editing.page_versions(store.load(CLIENT))), NEW, "grief",
                        "Sleep through the night", "progressing")
    assert change.kind == "case"
    assert store.load(CLIENT).document.client.goals[-1].text == "Sleep through the night"


# --- onset, the history before therapy and the relapse plan ------------------------------------------------

FRAME = (16, ["grief"], 2, None, 3)
"""Rosa's focus and plan as stored, to save the onset alone."""


def test_the_onset_is_saved_and_cleared(store):
    change = save_frame(edit(store), *FRAME, " 2025-04-20 ")
    assert store.load(CLIENT).document.client.onset.isoformat() == "2025-04-20"
    assert editing.describe(change, str) == "case frame: onset"
    save_frame(edit(store), *FRAME, "")
    assert store.load(CLIENT).document.client.onset is None


@pytest.mark.parametrize(("onset", "problem"), [
    ("1 May 2025", "The onset must be a date written YYYY-MM-DD, such as 2026-03-02 (got “1 May 2025”)"),
    ("2025-02-30", "The onset must be a date written YYYY-MM-DD, such as 2026-03-02 (got “2025-02-30”)"),
    # The first session was on 2026-01-19: the episode began before therapy.
    ("2026-01-20", "client: onset 2026-01-20 is after the start date 2026-01-19 (the episode began before therapy)"),
    ("2025-05-01", "nothing was changed in the focus, plan and formulation"),
])
def test_a_bad_onset_is_refused_and_nothing_changes(store, onset, problem):
    before = store.load(CLIENT).document
    with pytest.raises(ValidationError) as refused:
        save_frame(edit(store), *FRAME, onset)
    assert refused.value.problems == [problem]
    assert store.load(CLIENT).document == before


def test_the_onset_may_be_the_day_therapy_started(store):
    save_frame(edit(store), *FRAME, "2026-01-19")
    assert store.load(CLIENT).document.client.onset.isoformat() == "2026-01-19"


def history(store: Store) -> list[tuple[str, str, list[str]]]:
    return [(e.date.isoformat(), e.text, e.people) for e in store.load(CLIENT).document.client.history]


def test_an_event_before_therapy_is_added_in_date_order(store):
    change = save_history(edit(store), NEW, "2025-05-01", " Stopped sleeping through ",
                          ["p-marta", "p-lola", "p-marta"])
    assert history(store)[2:5] == [("2025-04-10", "Stopped going to choir", ["p-choir"]),
                                   ("2025-05-01", "Stopped sleeping through", ["p-marta", "p-lola"]),
                                   ("2025-06-15", "Fell out with Inés over where to scatter Luis's ashes", ["p-ines"])]
    assert editing.describe(change, str) == "case frame: history"
    assert [option["label"] for option in history_choices(store.load(CLIENT).document, hidden=False)][2:4] == [
        "10 Apr 2025 · Stopped going to choir", "1 May 2025 · Stopped sleeping through"]


def test_an_event_is_changed_and_moves_to_its_new_date(store):
    # The falling-out with Inés (place 3 in the record) was in fact before the funeral.
    save_history(edit(store), 3, "2025-03-18", "Fell out with Inés over the ashes", ["p-ines", "p-marta"])
    assert history(store)[:3] == [("2025-03-14", "Luis died suddenly of a heart attack", ["p-luis"]),
                                  ("2025-03-18", "Fell out with Inés over the ashes", ["p-ines", "p-marta"]),
                                  ("2025-03-21", "Luis's funeral", ["p-luis", "p-marta", "p-pablo", "p-ines"])]


def test_an_events_words_are_kept_while_names_are_hidden(store):
    save_history(edit(store), 0, "2025-03-13", None, ["p-luis"])
    assert history(store)[0] == ("2025-03-13", "Luis died suddenly of a heart attack", ["p-luis"])
    assert [o["label"] for o in history_choices(store.load(CLIENT).document, hidden=True)] == [
        "13 Mar 2025 · Event 1", "21 Mar 2025 · Event 2", "10 Apr 2025 · Event 3", "15 Jun 2025 · Event 4",
        "5 Jan 2026 · Event 5", "Add an event before therapy"]


@pytest.mark.parametrize(("index", "date", "text", "people", "problem"), [
    (NEW, "2026-01-20", "Started a new job", [],
     "client, history #6: date 2026-01-20 is after the start date 2026-01-19 (history is what came before therapy; "
     "later events belong to a session)"),
    (NEW, "2025-13-01", "A move", [], "The date of the event must be a date written YYYY-MM-DD, such as 2026-03-02 "
                                      "(got “2025-13-01”)"),
    (NEW, "", "A move", [],
     "The date of the event must be a date written YYYY-MM-DD, such as 2026-03-02 (got nothing)"),
    (NEW, "2025-02-01", None, [], "write what happened to add it (show names to type it)"),
    (NEW, "2025-02-01", "A move", ["p-nobody"], "client, history #1: person 'p-nobody' is not in people"),
    (0, "2025-03-14", "  ", ["p-luis"], "client, history #1: text must not be empty"),
    (0, "2025-03-14", "Luis \x1b[31mdied", ["p-luis"],
     "client, history #1: text must not contain a control character (U+001B)"),
    (0, "2025-03-14", "Luis died suddenly of a heart attack", ["p-luis"], "nothing was changed in this event"),
    (5, "2025-03-14", "Gone", [],
     "choose an event before therapy (this one is no longer in the record; reload the page)"),
    (None, "2025-03-14", "Luis died", [], "choose an event before therapy, or add one"),
])
def test_an_event_that_cannot_be_saved_is_refused_and_nothing_changes(store, index, date, text, people, problem):
    before = store.load(CLIENT).document
    with pytest.raises(ValidationError) as refused:
        save_history(edit(store), index, date, text, people)
    assert refused.value.problems == [problem]
    assert store.load(CLIENT).document == before


def test_an_event_is_removed_and_undo_puts_it_back(store):
    kept = history(store)
    change = remove_history(edit(store), 1)
    assert [text for _, text, _ in history(store)] == [
        "Luis died suddenly of a heart attack", "Stopped going to choir",
        "Fell out with Inés over where to scatter Luis's ashes", "Dr Shah referred her for therapy"]
    assert editing.describe(change, str) == "case frame: history"
    editing.undo(edit(store), editing.offered_undo(store.changes(CLIENT)).number)
    assert history(store) == kept


def test_a_stale_page_cannot_add_an_event(store):
    page = edit(store)
    remove_history(edit(store), 0)
    with pytest.raises(StaleEditError):
        save_history(page, NEW, "2025-02-01", "A move", [])
    assert len(history(store)) == 4


def plan(store: Store):
    return store.load(CLIENT).document.client.relapse_plan


def test_the_relapse_plan_is_saved_one_line_each(store):
    change = save_relapse_plan(edit(store), " Stopping choir\n\n  Sleep slipping \n", "Call Marta\r\nWalk with Lola",
                               ["p-lola", "p-marta", "p-lola"])
    assert (plan(store).warning_signs, plan(store).actions, plan(store).people) == (
        ["Stopping choir", "Sleep slipping"], ["Call Marta", "Walk with Lola"], ["p-lola", "p-marta"])
    assert editing.describe(change, str) == "case frame: relapse plan"


def test_the_relapse_plans_words_are_kept_while_names_are_hidden(store):
    save_relapse_plan(edit(store), None, None, ["p-gp"])
    assert (len(plan(store).warning_signs), len(plan(store).actions), plan(store).people) == (3, 3, ["p-gp"])


def test_an_emptied_relapse_plan_is_no_plan_and_undo_brings_it_back(store):
    kept = plan(store)
    save_relapse_plan(edit(store), "", " \n", [])
    assert plan(store) is None
    editing.undo(edit(store), editing.offered_undo(store.changes(CLIENT)).number)
    assert plan(store) == kept


@pytest.mark.parametrize(("signs", "people", "problem"), [
    ("Stopping choir\nTurning down invitations\nSleep slipping", ["p-marta", "p-lola", "p-gp"],
     "nothing was changed in the relapse plan"),
    ("Stopping choir", ["p-nobody"], "client, relapse plan: person 'p-nobody' is not in people"),
    ("Stopping \u202echoir", ["p-gp"],
     "client, relapse plan: warning_signs must not contain a bidirectional override or isolate (U+202E)"),
])
def test_a_relapse_plan_that_cannot_be_saved_is_refused(store, signs, people, problem):
    before = store.load(CLIENT).document
    with pytest.raises(ValidationError) as refused:
        save_relapse_plan(edit(store), signs, None, people)
    assert refused.value.problems == [problem]
    assert store.load(CLIENT).document == before


def test_the_card_tells_the_history_and_the_relapse_plan(store):
    doc = store.load(CLIENT).document
    therapist = text_of(case_view(doc, 4, "therapist", hidden=False))
    assert ("History before therapy 14 Mar 2025: Luis died suddenly of a heart attack (with Luis) "
            "21 Mar 2025: Luis's funeral (with Luis, Marta, Pablo, Inés) "
            "10 Apr 2025: Stopped going to choir (with Choir)") in therapist
    assert ("Relapse plan Warning signs Stopping choir; Turning down invitations; Sleep slipping What to do Tell Marta "
            "and Lola; Keep choir") in therapist
    assert "People to turn to Marta, Lola, Dr Shah" in therapist
    client = text_of(case_view(doc, 4, "client", hidden=False))
    assert ("My plan for staying well Signs to watch for Stopping choir Turning down invitations Sleep slipping "
            "What helps Tell Marta and Lola") in client
    assert "People I can turn to Marta Lola Dr Shah" in client
    assert not any(word in client for word in ("History", "heart attack", "funeral", "Warning", "Relapse"))
    hidden = text_of(case_view(doc, 4, "client", hidden=True))
    assert ("Signs to watch for Hidden while names are hidden. What helps Hidden while names are hidden. "
            "People I can turn to Child 1 Friend 1 Professional") in hidden
    assert not any(word in hidden for word in ("choir", "Marta", "Lola", "Shah"))
    hidden = text_of(case_view(doc, 4, "therapist", hidden=True))
    assert ("14 Mar 2025: Event 1 (with Partner) "
            "21 Mar 2025: Event 2 (with Partner, Child 1, Child 2, Family 1)") in hidden
    assert not any(word in hidden for word in ("Luis", "funeral", "choir", "Marta"))


def test_without_a_plan_the_therapist_is_reminded_and_the_client_sees_nothing(store):
    save_relapse_plan(edit(store), "", "", [])
    doc = store.load(CLIENT).document
    assert "Relapse plan Not made yet (usually in the ending phase)." in text_of(case_view(doc, 4, "therapist", False))
    assert "plan" not in text_of(case_view(doc, 4, "client", False))
