"""The session note's content: every value traced to the hand calculation in tests/export_data.py."""

from __future__ import annotations

import datetime as dt

import pytest

from ipt_network.errors import NotFoundError
from ipt_network.export.hidden import without_names
from ipt_network.export.note import session_note
from ipt_network.model import parse_document
from tests.export_data import ana_case_frame, ana_two_sessions, found_in, identifying_words, sample


def test_header_of_the_note():
    note = session_note(ana_two_sessions(), 2)
    assert (note.client_label, note.session, note.date, note.phase) == ("Ana", 2, dt.date(2026, 1, 12),
                                                                         "Initial phase")
    assert note.heading == "Ana · Session 2 · 12 Jan 2026"
    assert note.problem_areas == ("role dispute",)
    assert note.previous == 1 and note.change_heading == "Since session 1"


def test_key_measures_with_their_change_since_the_previous_session():
    rows = {line.name: (line.value, line.change) for line in session_note(ana_two_sessions(), 2).measures}
    assert rows == {
        "size": ("3", "+1"), "inner_circle": ("1", "-1"), "supportive": ("2", "+2"), "ambivalent": ("0", "-1"),
        "aversive": ("1", "no change"), "total_support": ("19", "+9"), "total_conflict": ("13", "-2"),
        "density": ("0.33", "-0.67"),  # 1/3 - 1
        "support_concentration": ("0.42", "-0.18"),  # 8/19 - 6/10 = -0.179
    }


def test_mood_band_and_reliable_change():
    [mood] = session_note(ana_two_sessions(), 2).mood
    assert (mood.instrument, mood.score, mood.band) == ("PHQ-9", 11, "moderate")
    assert mood.status == ("reliable improvement since session 1 (18 → 11); no response yet; not in remission; "
                           "PHQ-9 item 9 answered 1 at this session: check safety")


def test_flags_hotspots_and_changes_with_their_reasons():
    note = session_note(ana_two_sessions(), 2)
    assert [(f.title, f.reason) for f in note.flags] == [
        ("Few strong supports", "Only 2 ties with support ≥ 5/10 (fewer than 3).")]
    assert [(h.title, h.reason) for h in note.hotspots] == [("Dan", "Conflict with Dan 8/10.")]
    assert note.changes == ("Sis joined (middle circle)", "Dan moved from the inner circle to the middle circle",
                            "Conflict with Mum fell from 8 to 4", "Tie with Mum went from ambivalent to supportive")
    assert (note.events, note.notes) == (("Moved in with Sis",), "Talked about Dan and the flat.")


def test_the_picture_is_the_closeness_circle_with_the_hotspot_ringed():
    figure = session_note(ana_two_sessions(), 2).network_figure
    people = next(t for t in figure["data"] if t["name"] == "people")
    assert people["text"] == ["Mum", "Dan", "Sis"]
    ringed = next(t for t in figure["data"] if t["name"] == "needs attention")
    assert ringed["ids"] == ["p-dan"]
    assert next(t for t in figure["data"] if t["name"] == "client")["text"] == ["Ana"]


def test_first_session_has_nothing_to_compare():
    note = session_note(ana_two_sessions(), 1)
    assert note.previous is None and note.changes == () and note.change_heading == "First session"
    assert {line.change for line in note.measures} == {""}
    # A baseline has no outcome yet; the DESIGN example answers every item 2, item 9 included.
    assert note.mood[0].status == "first score (baseline); PHQ-9 item 9 answered 2 at this session: check safety"
    assert note.mood_figure is None  # one scored session: no chart


def test_the_latest_session_by_default_and_unknown_sessions_refused():
    assert session_note(ana_two_sessions()).session == 2
    with pytest.raises(NotFoundError, match="no session 7"):
        session_note(ana_two_sessions(), 7)
    empty = parse_document({"format": "ipt-network", "version": 1,
                            "client": {"id": "c-new", "label": "New", "start_date": "2026-01-05"}})
    with pytest.raises(NotFoundError, match="no sessions yet"):
        session_note(empty)


def test_the_take_home_page_speaks_plainly_calls_the_client_you_and_names_nobody_as_a_problem():
    note = session_note(ana_two_sessions(), 2, voice="client")
    # Scores only when asked for: the range and the change without the numbers by default.
    assert note.mood[0].status == ("Your PHQ-9 score is in the moderate range. Since the first session, this is a "
                                   "real improvement, bigger than everyday ups and downs.")
    assert session_note(ana_two_sessions(), 2, voice="client", show_scores=True).mood[0].status.startswith(
        "Your PHQ-9 score is 11, in the moderate range.")
    assert note.mood_figure is None
    # No hotspots, flags, measures, therapist's notes, safety lines, nor anyone ringed as needing attention.
    assert (note.hotspots, note.flags, note.measures, note.notes, note.safety) == ((), (), (), "", ())
    assert next(t for t in note.network_figure["data"] if t["name"] == "needs attention")["ids"] == []
    assert "attention" not in note.network_summary
    # Session 2 (ana_two_sessions): Mum 7/4, Sis 8/1 supportive (support >= 5); Dan conflict 8 (>= 5).
    assert note.support == ("Mum", "Sis") and note.strain == ("Your relationship with Dan",)
    client = next(t for t in note.network_figure["data"] if t["name"] == "client")
    assert client["text"] == ["You"]
    with pytest.raises(ValueError, match="voice"):
        session_note(ana_two_sessions(), 2, voice="doctor")


def test_hidden_names_leave_no_name_id_or_typed_text_anywhere_in_the_note():
    for doc in (ana_two_sessions(), sample("rosa")):
        note = session_note(doc, 2, hide_names=True)
        everything = repr(note)  # every field, figures included
        assert found_in(everything, identifying_words(doc)) == []
        assert found_in(everything, [p.id for p in doc.people] + [doc.client.id]) == []
        assert note.client_label == "Client"
    hidden = session_note(ana_two_sessions(), 2, hide_names=True)
    assert [h.reason for h in hidden.hotspots] == ["Conflict with Partner 8/10."]
    assert hidden.changes[0] == "Sibling joined (middle circle)"


def test_the_copy_without_names_keeps_every_rating_and_score():
    doc = sample("rosa")
    hidden = without_names(doc)
    assert [p.role for p in hidden.people] == [p.role for p in doc.people]
    assert [p.deceased_on for p in hidden.people] == [p.deceased_on for p in doc.people]
    for before, after in zip(doc.sessions, hidden.sessions, strict=True):
        assert [(t.circle, t.support, t.conflict) for t in before.ties] == [
            (t.circle, t.support, t.conflict) for t in after.ties]
        assert [(k.support, k.conflict) for k in before.links] == [(k.support, k.conflict) for k in after.links]
        assert before.mood == after.mood and before.date == after.date
    assert len({p.name for p in hidden.people}) == len(hidden.people)  # "Friend 1", "Friend 2", ...


# --- the case frame (version 2) --------------------------------------------------------------------

def test_the_therapists_note_carries_the_contract_focus_goals_and_events_linked_to_mood():
    note = session_note(ana_case_frame(), 2)
    assert note.contract == "Session 2 of 12 · 10 left"
    assert note.focus_line == "Focus: role dispute (agreed at session 2)"
    assert note.midpoint == ""  # session 2 of 12 is not about the midpoint (5–7)
    [dan] = note.focus
    assert dan.title == "Dan · role dispute" and dan.now == "middle circle, support 4, conflict 8"
    assert dan.since_last == "Since session 1: support/conflict 4/7 → 4/8, inner circle → middle circle."
    assert dan.since_first == ""  # the previous session is session 1: said once
    assert dan.inventory == ("Inventory (session 1): care flows mostly from the client; does not confide in them; "
                             "hard: Dan shouts.")
    assert note.goals == ("Talk with Dan about money (role dispute): progressing since session 2",)
    assert note.events == ("Moved in with Sis (with Sis; mood better)",)
    better = next(t for t in note.mood_figure["data"] if t["name"] == "Event: mood better")
    assert better["x"] == [2] and "Moved in with Sis (with Sis; mood better)" in better["hovertext"][0]


def test_a_cancelled_session_has_no_note_and_the_note_stays_on_the_last_session_held():
    doc = ana_case_frame()
    assert session_note(doc).session == 2
    with pytest.raises(NotFoundError, match="session 3 was not held \\(cancelled\\), so it has no note or review"):
        session_note(doc, 3)


def test_a_risk_check_after_a_missed_session_reaches_the_next_therapists_note_and_no_take_home_page():
    data = ana_case_frame().model_dump(mode="json")
    data["sessions"][2]["risk"] = {"assessed": True, "level": "medium", "plan_in_place": False, "note": "phoned"}
    data["sessions"].append({**data["sessions"][1], "number": 4, "date": "2026-01-26"})
    doc = parse_document(data)
    said = "Session 3 (not held): risk assessed, level medium; no safety plan in place."
    assert said in session_note(doc, 4).safety_history
    page = session_note(doc, 4, voice="client", show_scores=True)
    assert page.safety_history == () and "risk" not in repr(page).lower()


def test_the_take_home_page_has_the_goals_in_plain_words_and_nothing_of_the_case_formulation():
    page = session_note(ana_case_frame(), 2, voice="client", show_scores=True)
    assert page.goals == ("Talk with Dan about money: under way",)
    assert page.contract == "Session 2 of 12 · 10 left"
    assert page.focus == () and page.events == () and page.midpoint == "" and page.focus_line == ""
    text = repr(page)  # every field, the figures' hover text included
    for private in ("role dispute", "Ana and Dan disagree", "Dan shouts", "confide", "Moved in with Sis",
                    "mood better", "arguments about money"):
        assert private not in text, private
    assert not any(t["name"].startswith("Event") for t in page.mood_figure["data"])
    assert "Support 4/10" in text  # scores asked for
    assert "Support 4/10" not in repr(session_note(ana_case_frame(), 2, voice="client"))


def test_hidden_names_reach_the_case_frame_and_keep_the_events_mood():
    doc = ana_case_frame()
    note = session_note(doc, 2, hide_names=True)
    assert found_in(repr(note), identifying_words(doc)) == []
    assert note.goals == ("Goal 1 (role dispute): progressing since session 2",)
    assert note.events == ("A life event (with Sibling; mood better)",)
    assert note.focus[0].inventory == ("Inventory (session 1): care flows mostly from the client; "
                                       "does not confide in them.")
    hidden = without_names(doc)
    assert hidden.client.relapse_plan.people == ["p03"] and hidden.client.history[0].people == ["p02"]
    # Still a valid record: what an export with names hidden writes can be read back.
    assert parse_document(hidden.model_dump(mode="json")) == hidden


def test_the_ratings_of_those_who_died_reach_the_take_home_page_only_with_scores():
    # rosa_grief.json: Luis (died before therapy) rated 10/0 at session 1 and 8/2 at session 16.
    rosa = sample("rosa")
    assert session_note(rosa, 16).remembered[0] == "Luis 10/0 → 8/2 since session 1 (support/conflict; has died)"
    assert session_note(rosa, 16, voice="client").remembered == ()
    assert session_note(rosa, 16, voice="client", show_scores=True).remembered[0] == (
        "Luis (in memory): support 10 → 8, strain 0 → 2 since the first session")
