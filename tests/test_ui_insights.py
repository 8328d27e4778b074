"""The review page's helpers behind the network, hotspots and mood panels (no browser needed).

Sentences are checked word for word against the rules they put into words: linkage strength
from ``linkage.CLEAR_PATTERN`` (0.3) and ``CLOSE_PATTERN`` (0.5), mood bands of PHQ-9 (Kroenke
et al. 2001), reliable change against the first score. Sample values come from
data/samples/priya_role_dispute.json and rosa_grief.json (see their README).
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from dash.development.base_component import Component

from ipt_network.figures.keys import glide, pseudonyms
from ipt_network.figures.mood import mood_figure
from ipt_network.figures.network import network_figure
from ipt_network.formats import read_document
from ipt_network.layout import ring_positions
from ipt_network.linkage import Linkage
from ipt_network.model import Instrument
from ipt_network.overview import CourseAnalysis
from ipt_network.scales import MoodResult
from ipt_network.ui.callbacks_insights import (
    chosen_series,
    hotspots_panel,
    mood_chart,
    mood_event_marks,
    mood_words_panel,
)
from ipt_network.ui.callbacks_review import event_people, header_label
from ipt_network.ui.derived import derived
from ipt_network.ui.labels import CLIENT, THERAPIST
from ipt_network.ui.plain_words import (
    client_linkage,
    linkage_words,
    mood_words,
    plain_mood,
    plain_mood_summary,
)
from ipt_network.ui.view import HIDE, namer, view_prefs
from tests.conftest import ROOT, SAMPLES

PRIYA = read_document(ROOT / "data" / "samples" / "priya_role_dispute.json")
ROSA = read_document(ROOT / "data" / "samples" / "rosa_grief.json")
HIDDEN = {"voice": "therapist", "hide_names": True}
SHOWN = {"voice": "therapist", "hide_names": False}

def text_of(component) -> str:
    """Every string in a tree of Dash components, joined."""
    if isinstance(component, str):
        return component
    if isinstance(component, Component):
        return text_of(getattr(component, "children", None))
    if isinstance(component, list | tuple):
        return " ".join(text_of(child) for child in component)
    return ""


def walk(component):
    if isinstance(component, Component):
        yield component
        yield from walk(getattr(component, "children", None))
    elif isinstance(component, list | tuple):
        for child in component:
            yield from walk(child)


# --- linkage in the client's words -------------------------------------------------------------

def test_a_close_opposite_pattern_reads_as_feeling_better():
    # |rho| 0.71 >= 0.5: "usually"; rho < 0 with PHQ-9 (higher is worse): lower scores, feeling better.
    link = Linkage("total_support", "PHQ-9", 0, "levels", -0.714, 12, "therapist's sentence")
    assert client_linkage(link) == (
        "Over 12 sessions, when you felt more support, your PHQ-9 scores were usually lower, which means you "
        "were feeling better (n = 12). This shows how the two moved together, not that one caused the other.")
    assert "(rho = -0.71, n = 12)" in client_linkage(link, numbers=True)
    assert linkage_words(link, "therapist", numbers=False) == "therapist's sentence"


def test_a_loose_pattern_one_session_ahead_on_the_mood_rating():
    # 0.3 <= 0.4 < 0.5: "often"; mood-0-10 is higher-is-better, so higher ratings mean feeling better.
    link = Linkage("size", "mood-0-10", 1, "levels", 0.4, 5, "")
    assert client_linkage(link).startswith(
        "Over 5 pairs of sessions in a row, when your circle was bigger at one session, your mood ratings at the "
        "next session were often higher, which means you were feeling better (n = 5).")


def test_changes_read_as_going_up_or_down_from_one_session_to_the_next():
    # Words built on changes: more strain than the time before went with PHQ-9 going up (feeling worse).
    link = Linkage("total_conflict", "PHQ-9", 1, "changes", 0.55, 9, "", trended=True)
    assert client_linkage(link, min_n=5) == (
        "From one change to the next, when there was more strain than the time before, your PHQ-9 scores the "
        "session after usually went up, which means you were feeling worse (n = 9). This shows how the two moved "
        "together, not that one caused the other. Both have also been moving steadily over the weeks.")


def test_conflict_going_with_more_symptoms_reads_as_feeling_worse():
    link = Linkage("conflicted_ties", "GAD-7", 0, "levels", 0.6, 8, "")
    assert "your GAD-7 scores were usually higher, which means you were feeling worse (n = 8)" in client_linkage(link)


@pytest.mark.parametrize(("rho", "n", "words"), [
    (None, 3, "There are not enough sessions yet to see how the support you feel and your PHQ-9 scores moved "
              "together (n = 3)."),
    (None, 6, "Either the support you feel or your PHQ-9 scores stayed the same, so there is no pattern to see "
              "(n = 6)."),
    (0.29, 6, "Over 6 sessions, the support you feel and your PHQ-9 scores did not clearly move together (n = 6)."),
])
def test_no_pattern_is_said_plainly_with_n(rho, n, words):
    assert client_linkage(Linkage("total_support", "PHQ-9", 0, "levels", rho, n, "")) == words


# --- mood in the client's words -----------------------------------------------------------------

def result(instrument=Instrument.PHQ9, score=12, first_score=18, band="moderate", change="improved",
           remission=False, session=3) -> MoodResult:
    return MoodResult(session, instrument, score, 1, first_score, band, change, None, remission)


def test_plain_mood_keeps_the_range_and_the_change_but_not_the_score():
    assert plain_mood(result()) == ("Your PHQ-9 score is in the moderate range. Since the first session, this is "
                                    "a real improvement, bigger than everyday ups and downs.")
    # PHQ-9 4 is below 5: remission (Kroenke et al. 2001).
    assert plain_mood(result(score=4, band="minimal", remission=True)).endswith(
        "That is the range where symptoms have eased.")
    assert "12" not in plain_mood(result()) and "18" not in plain_mood(result())


@pytest.mark.parametrize(("score", "session", "words"), [
    (6, 1, "This is your first mood rating."),
    (7, 3, "Your mood rating is higher than at the first session."),
    (5, 3, "Your mood rating is lower than at the first session."),
    (6, 3, "Your mood rating is the same as at the first session."),
])
def test_plain_mood_rating_compares_with_the_first(score, session, words):
    rating = MoodResult(session, Instrument.MOOD, score, 1, 6, None, None, None, None)
    assert plain_mood(rating) == words


def test_mood_words_choose_by_voice_and_numbers():
    r = result()
    assert mood_words(r, "therapist", numbers=False).startswith("PHQ-9 12 (moderate); reliable improvement")
    assert mood_words(r, "client", numbers=True).startswith("Your PHQ-9 score is 12, in the moderate range.")
    assert mood_words(r, "client", numbers=False) == plain_mood(r)


def test_plain_mood_summary_names_ranges_only():
    table = pd.DataFrame({"PHQ-9": [17.0, None, 5.0], "mood-0-10": [3.0, 4.0, 6.0]},
                         index=pd.Index([1, 2, 3], name="session"))
    # PHQ-9 17 is 15-19 moderately severe, 5 is 5-9 mild.
    assert plain_mood_summary(table) == ("PHQ-9: from the moderately severe range at session 1 to the mild range "
                                         "at session 3. Mood rating: higher at session 3 than at session 1.")
    assert plain_mood_summary(table.iloc[:, :0]) == "No mood scores recorded yet."


def test_the_chart_without_scores_keeps_ranges_and_words():
    table = pd.DataFrame({"PHQ-9": [17.0, 12.0]}, index=pd.Index([1, 2], name="session"))
    phases = [(1, "initial"), (2, "initial")]
    plain = mood_figure(table, phases=phases, show_scores=False)
    scored = mood_figure(table, phases=phases)
    line = next(t for t in plain["data"] if t["name"] == "PHQ-9")
    assert line["hovertext"] == ["S1<br>PHQ-9 (moderately severe)", "S2<br>PHQ-9 (moderate)"]
    scored_line = next(t for t in scored["data"] if t["name"] == "PHQ-9")
    assert scored_line["hovertext"][0] == "S1<br>PHQ-9: 17 (moderately severe)"
    assert all(not value["showticklabels"] for key, value in plain["layout"].items() if key.startswith("yaxis"))
    assert plain["layout"]["shapes"] == scored["layout"]["shapes"]  # the bands stay


def test_the_clients_mood_chart_holds_no_rating_in_any_hover_text():
    # Priya's PHQ-9 and GAD-7 scores and her network's total support, drawn for the client without scores.
    course = CourseAnalysis(PRIYA)
    series = ["total_support", "size"]
    hovers = [text for trace in mood_chart(course, series, 6, numbers=False)["data"]
              for text in trace.get("hovertext", [])]
    scored = [text for trace in mood_chart(course, series, 6, numbers=True)["data"]
              for text in trace.get("hovertext", [])]
    instruments = re.compile(r"PHQ-9|GAD-7|HAM-D-17|mood-0-10")
    # What follows the session (``S4 · 26 Jan 2026<br>``), instrument names aside, holds no number.
    assert len(hovers) == len(scored) > 30
    assert [text for text in hovers if re.search(r"\d", instruments.sub("", text.split("<br>", 1)[1]))] == []
    assert [text for text in scored if re.search(r"\d", instruments.sub("", text.split("<br>", 1)[1]))]


# --- the network figure on screen ---------------------------------------------------------------

def draw(number: int, prefs: dict, **options) -> dict:
    return network_figure(PRIYA, number, positions=ring_positions(PRIYA, number), display_name=namer(PRIYA, prefs),
                          **options)


def test_glide_keys_people_by_shape_so_a_changed_shape_is_redrawn_not_morphed():
    # Arjun: support 5, conflict 8 at session 1 (mixed: diamond); the keys carry the shape.
    figure = glide(draw(1, SHOWN))
    people = next(t for t in figure["data"] if t["name"] == "people")
    keys = dict(zip(people["customdata"], people["ids"], strict=True))
    symbols = dict(zip(people["customdata"], people["marker"]["symbol"], strict=True))
    assert keys["p-arjun"] == f"p-arjun {symbols['p-arjun']}"
    assert figure["layout"]["transition"]["duration"] == 500  # the glide itself stays


def test_hidden_names_leave_no_name_or_typed_id_in_the_figure():
    figure = glide(draw(6, HIDDEN, hotspots={"p-arjun": ["Conflict with Partner 9/10."]}, highlight="p-arjun"),
                   pseudonyms(PRIYA))
    text = json.dumps(figure)
    for word in [p.name for p in PRIYA.people] + [p.id for p in PRIYA.people] + ["Priya", "c-priya"]:
        assert word not in text
    people = next(t for t in figure["data"] if t["name"] == "people")
    assert people["customdata"][0] == "person-1"  # Arjun is the first person recorded
    assert figure["layout"]["uirevision"] == "network:client"
    assert header_label(PRIYA, HIDDEN) == "Client" and header_label(PRIYA, SHOWN) == "Priya"


# --- hotspots --------------------------------------------------------------------------------------

def test_hotspot_buttons_come_in_rank_order_with_reasons_and_pressed_state():
    course = CourseAnalysis(PRIYA)
    shown = namer(PRIYA, SHOWN)
    findings = course.findings(6, shown)
    panel = hotspots_panel(findings, "client", shown, highlight="p-asha")
    buttons = [c for c in walk(panel) if type(c).__name__ == "Button"]
    assert [b.children for b in buttons] == ["Arjun", "Asha"]
    assert [getattr(b, "aria-pressed") for b in buttons] == ["false", "true"]
    assert findings.hotspots[0].client in text_of(panel)
    assert "No isolation flags" not in text_of(panel)  # client's words: no clinical heading
    assert "Nothing in this session's picture suggests you are cut off." in text_of(panel)


# --- mood panel ----------------------------------------------------------------------------------

def test_series_keep_their_fixed_order():
    assert chosen_series(["size", "total_support"]) == ["total_support", "size"]
    assert chosen_series(None) == []


def test_the_mood_chart_marks_the_session_on_show_first():
    course = CourseAnalysis(PRIYA)
    chart = mood_chart(course, ["total_support"], 6, numbers=True)
    assert chart["layout"]["shapes"][0]["name"] == "this session"
    assert chart["layout"]["shapes"][0]["x0"] == chart["layout"]["shapes"][0]["x1"] == 6
    assert chart["layout"]["annotations"][0]["text"] == "This session"
    assert {s.get("name") for s in chart["layout"]["shapes"]} >= {"band:minimal", "band:severe"}
    plain = mood_chart(course, [], 6, numbers=False)
    assert not plain["layout"]["yaxis"]["showticklabels"]


def test_the_safety_check_is_for_the_therapist_only():
    # Rosa answered PHQ-9 item 9 with 1 at session 1 (samples README).
    course = CourseAnalysis(ROSA)
    therapist = mood_words_panel(course, 1, "therapist", numbers=True, series=["total_support"], instrument="PHQ-9")
    client = mood_words_panel(course, 1, "client", numbers=True, series=["total_support"], instrument="PHQ-9")
    notes = [c for c in walk(therapist) if getattr(c, "className", "") == "safety-note"]
    assert len(notes) == 1 and "was answered 1 at session 1" in text_of(notes)
    assert not [c for c in walk(client) if getattr(c, "className", "") == "safety-note"]
    # At session 1 there is no change yet: too few for a correlation on changes (n = 0 < 5), said once
    # for each lag, in words that tell the two apart.
    sentences = [c.children for c in walk(therapist) if type(c).__name__ == "Li" and "(n = 0;" in c.children]
    assert sentences == [
        "Too few changes from one session to the next have both total support and PHQ-9 to compare them "
        "(n = 0; at least 5 are needed).",
        "Too few pairs of consecutive changes have both total support and PHQ-9 to compare them "
        "(n = 0; at least 5 are needed)."]


def test_linkage_sentences_cover_the_chosen_series_up_to_the_session():
    course = CourseAnalysis(PRIYA)
    panel = mood_words_panel(course, 6, "therapist", numbers=True, series=["total_support", "size"],
                             instrument="PHQ-9")
    expected = [link.sentence for link in course.linkage(up_to=6)
                if link.instrument == "PHQ-9" and link.series in ("total_support", "size") and link.on == "changes"]
    items = [c for c in walk(panel) if type(c).__name__ == "Li" and c.children in expected]
    assert len(expected) == 4 and len(items) == 4


# --- values kept per course ---------------------------------------------------------------------------

def test_derived_values_are_made_once_per_course():
    calls = []

    def count(course: CourseAnalysis) -> int:
        calls.append(course)
        return len(calls)

    first, second = CourseAnalysis(PRIYA), CourseAnalysis(PRIYA)
    assert (derived(first, count), derived(first, count), derived(second, count)) == (1, 1, 2)


def test_events_that_moved_mood_are_marked_for_the_therapist_only_and_nameless_with_names_hidden():
    # rosa_grief.json: session 9 has the anniversary of Luis's death (worse) and the ashes (better).
    rosa = read_document(next(p for p in SAMPLES if p.name.startswith("rosa")))
    marks = mood_event_marks(rosa, view_prefs(THERAPIST, []))
    assert sorted(marks) == [6, 7, 9, 12]
    assert marks[9] == [("worse", "First anniversary of Luis's death (with Luis; mood worse)"),
                        ("better", "Scattered Luis's ashes (with Luis, Inés, Marta and Carmen; mood better)")]
    hidden = mood_event_marks(rosa, view_prefs(THERAPIST, [HIDE]))
    assert hidden[9] == [("worse", "a life event"), ("better", "a life event")]
    assert mood_event_marks(rosa, view_prefs(CLIENT, [])) is None


def test_chosen_events_light_their_people_only_at_their_own_session():
    # rosa_grief.json, session 9: the anniversary (mood worse, with Luis), then the ashes scattered
    # (mood better, with Luis, Inés, Marta and Carmen): each person once.
    assert event_people(ROSA, 9, 9) == ("p-luis", "p-ines", "p-marta", "p-carmen")
    assert event_people(ROSA, 10, 9) == event_people(ROSA, 9, None) == ()  # another session on show, or none
    assert event_people(ROSA, 3, 3) == ()  # no event linked to mood at session 3
