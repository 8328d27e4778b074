"""The figures: what they draw, in which style, and that hidden names never reach them."""

from __future__ import annotations

import copy
import datetime as dt
import json
import math

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from ipt_network.figures import (
    comparison_figures,
    display_namer,
    mood_figure,
    mood_summary,
    network_figure,
    network_summary,
    timeline_figure,
    timeline_sessions,
    timeline_summary,
)
from ipt_network.figures.network import (
    MARKER_SIZE,
    attention_trace,
    event_trace,
    focus_trace,
    legend,
    link_traces,
    people_trace,
    scene,
    tie_traces,
    tie_width,
)
from ipt_network.layout import RING_RADIUS, force_positions, ring_positions
from ipt_network.model import parse_document
from ipt_network.scales import mood_results, mood_table

REAL_NAMES = ["Marguerite", "Dashiell", "Oksana", "Bartholomew", "Wilhelmina"]


def tie(person: str, circle: int, support: int, conflict: int, **extra) -> dict:
    return {"person": person, "circle": circle, "support": support, "conflict": conflict, **extra}


COURSE = {
    "format": "ipt-network", "version": 1,
    "client": {"id": "c-ana", "label": "Ana", "start_date": "2026-01-05"},
    "people": [
        {"id": "p-mum", "name": "Marguerite", "role": "parent"},
        {"id": "p-dan", "name": "Dashiell", "role": "partner"},
        {"id": "p-oks", "name": "Oksana", "role": "friend"},
        {"id": "p-bart", "name": "Bartholomew", "role": "other_family", "deceased_on": "2026-01-10"},
        {"id": "p-wil", "name": "Wilhelmina", "role": "colleague"},
    ],
    "sessions": [
        {"number": 1, "date": "2026-01-05", "phase": "initial", "events": ["Dashiell moved out"],
         "ties": [tie("p-mum", 1, 6, 8, contact="weekly", note="Marguerite phones daily"),
                  tie("p-dan", 1, 4, 7, note="arguments about money with Dashiell"),
                  tie("p-oks", 2, 9, 0), tie("p-bart", 3, 7, 1)],
         "links": [{"a": "p-mum", "b": "p-dan", "support": 1, "conflict": 7},
                   {"a": "p-mum", "b": "p-oks", "support": 6, "conflict": 1}],
         "mood": [{"instrument": "PHQ-9", "score": 18}]},
        {"number": 2, "date": "2026-01-12", "phase": "initial", "events": [],
         "ties": [tie("p-mum", 1, 6, 5), tie("p-dan", 2, 4, 6), tie("p-oks", 1, 10, 0),
                  tie("p-bart", 3, 7, 1), tie("p-wil", 3, 2, 4)],
         "links": [{"a": "p-mum", "b": "p-dan", "support": 1, "conflict": 7}],
         "mood": [{"instrument": "PHQ-9", "score": 11}, {"instrument": "HAM-D-17", "score": 15}]},
        {"number": 3, "date": "2026-01-19", "phase": "middle", "events": [],
         "ties": [tie("p-oks", 1, 9, 0), tie("p-wil", 2, 5, 2)], "links": [],
         "mood": [{"instrument": "PHQ-9", "score": 4}]},
    ],
}


@pytest.fixture
def doc():
    return parse_document(copy.deepcopy(COURSE))


def draw(doc, number, mode="names", **options):
    return network_figure(doc, number, positions=ring_positions(doc, number),
                          display_name=display_namer(doc, mode), **options)


def trace(figure: dict, name: str) -> dict:
    return next(t for t in figure["data"] if t.get("name") == name)


def tie_trace_of(figure: dict, doc, number: int, person: str) -> dict:
    """The tie trace whose segments end at ``person``'s position."""
    x, y = ring_positions(doc, number)[person]
    return next(t for t in figure["data"] if t["name"].startswith("ties ")
                and any(a == x and b == y for a, b in zip(t["x"], t["y"], strict=True)))


def test_every_figure_is_valid_plotly(doc):
    table = mood_table(doc)
    figures = [draw(doc, 1), draw(doc, 2, show_rings=False, highlight="p-oks"),
               *comparison_figures(doc, 1, 2, display_name=display_namer(doc)),
               *comparison_figures(doc, 1, 3, display_name=display_namer(doc), force=True),
               mood_figure(table, phases=[(1, "initial"), (2, "initial"), (3, "middle")],
                           network_series=pd.DataFrame({"size": [4.0, 5.0, 2.0]}, index=table.index)),
               timeline_figure(timeline_sessions(doc), current=2)]
    for figure in figures:
        go.Figure(figure)  # raises on any property plotly does not know
        assert "http" not in json.dumps(figure)  # nothing fetched from outside


def test_network_draws_exactly_the_tied_people(doc):
    people = trace(draw(doc, 2), "people")
    assert sorted(people["ids"]) == ["p-bart", "p-dan", "p-mum", "p-oks", "p-wil"]
    assert sorted(trace(draw(doc, 3), "people")["ids"]) == ["p-oks", "p-wil"]


def test_rings_are_circles_of_the_ring_radii_with_labels(doc):
    layout = draw(doc, 1)["layout"]
    circles = {s["name"]: s for s in layout["shapes"] if s["type"] == "circle"}
    for ring, words in ((1, "Inner circle"), (2, "Middle circle"), (3, "Outer circle")):
        r = RING_RADIUS[ring]
        assert (circles[words]["x0"], circles[words]["y0"], circles[words]["x1"], circles[words]["y1"]) == (
            -r, -r, r, r)
    assert [a["text"] for a in layout["annotations"]] == ["Inner circle", "Middle circle", "Outer circle"]
    assert layout["yaxis"]["scaleanchor"] == "x"


def test_empty_rings_stay(doc):
    # Session 3 has nobody in the outer ring; the ring is still drawn.
    assert len([s for s in draw(doc, 3)["layout"]["shapes"] if s["type"] == "circle"]) == 3


def test_wider_lines_for_more_support(doc):
    figure = draw(doc, 1)
    # Oksana: support 9 → step 4 → 1 + 4 × 1.25 = 6 px; Dashiell: support 4 → step 2 → 3.5 px.
    assert tie_trace_of(figure, doc, 1, "p-oks")["line"]["width"] == 6.0
    assert tie_trace_of(figure, doc, 1, "p-dan")["line"]["width"] == 3.5
    widths = [tie_width(s) for s in range(11)]
    assert widths == sorted(widths) and widths[0] == 1 and widths[10] == 6


@pytest.mark.parametrize(("number", "person", "conflict", "dash"), [
    (1, "p-mum", 8, "dot"), (1, "p-dan", 7, "dot"), (2, "p-dan", 6, "dash"), (2, "p-mum", 5, "dash"),
    (2, "p-wil", 4, "solid"), (1, "p-oks", 0, "solid")])
def test_conflict_is_a_dash_pattern(doc, number, person, conflict, dash):
    assert next(t for t in doc.session(number).ties if t.person == person).conflict == conflict
    assert tie_trace_of(draw(doc, number), doc, number, person)["line"]["dash"] == dash


def test_ties_group_into_the_same_few_traces_in_every_session(doc):
    names = [[t["name"] for t in draw(doc, n)["data"]] for n in (1, 2, 3)]
    assert names[0] == names[1] == names[2]
    assert len([n for n in names[0] if n.startswith("ties ")]) == 15  # 3 conflict styles × 5 widths


def test_valence_is_shape_and_colour(doc):
    people = trace(draw(doc, 1), "people")
    symbol = dict(zip(people["ids"], people["marker"]["symbol"], strict=True))
    # Mum 6/8 both high: mixed; Dan 4/7: mostly conflict; Oksana 9/0: supportive (T = 5).
    assert (symbol["p-mum"], symbol["p-dan"], symbol["p-oks"]) == ("diamond", "square", "circle")
    given = trace(draw(doc, 1, valence={"p-mum": "indifferent"}), "people")
    assert dict(zip(given["ids"], given["marker"]["symbol"], strict=True))["p-mum"] == "circle-open"


def test_a_person_who_has_died_is_shown_apart_and_named_in_memory(doc):
    # Bartholomew died on 2026-01-10: alive at session 1, remembered at session 2.
    before, after = trace(draw(doc, 1), "people"), trace(draw(doc, 2), "people")
    i, j = before["ids"].index("p-bart"), after["ids"].index("p-bart")
    assert before["marker"]["symbol"][i] == "circle" and before["text"][i] == "Bartholomew"
    assert after["marker"]["symbol"][j] == "hexagon-open"
    assert after["text"][j] == "Bartholomew (in memory)"
    assert "Remembered: died 10 Jan 2026" in after["hovertext"][j]
    legend = [t["name"] for t in draw(doc, 2)["data"] if t.get("showlegend")]
    assert "Remembered (died)" in legend
    assert "Remembered (died)" not in [t["name"] for t in draw(doc, 1)["data"] if t.get("showlegend")]


def test_hotspots_are_ringed_and_the_highlight_is_larger(doc):
    figure = draw(doc, 1, hotspots={"p-mum": ["conflict 8/10"], "p-wil": []}, highlight="p-oks")
    rings = trace(figure, "needs attention")
    assert rings["ids"] == ["p-mum"]  # Wilhelmina is not tied in session 1
    assert rings["marker"]["symbol"] == "circle-open" and rings["marker"]["line"]["width"] == 3
    people = trace(figure, "people")
    sizes = dict(zip(people["ids"], people["marker"]["size"], strict=True))
    assert sizes["p-oks"] > sizes["p-mum"] == sizes["p-dan"]
    hover = people["hovertext"][people["ids"].index("p-mum")]
    assert "Needs attention: conflict 8/10" in hover


def test_hover_gives_ratings_contact_and_note(doc):
    people = trace(draw(doc, 1), "people")
    hover = people["hovertext"][people["ids"].index("p-mum")]
    assert hover.startswith("<b>Marguerite</b><br>Parent · inner circle<br>Support 6/10 · Conflict 8/10")
    assert "Contact: weekly" in hover and "Marguerite phones daily" in hover
    links = trace(draw(doc, 1), "link details")
    assert "Marguerite and Dashiell know each other<br>Support 1/10 · Conflict 7/10" in links["hovertext"]


def test_hover_without_scores_says_the_kind_of_tie_in_words(doc):
    figure = draw(doc, 1, show_scores=False)
    people = trace(figure, "people")
    hover = people["hovertext"][people["ids"].index("p-mum")]
    assert hover.startswith("<b>Marguerite</b><br>Parent · inner circle<br>")
    assert "/10" not in json.dumps(figure)
    assert "Marguerite and Dashiell know each other" in trace(figure, "link details")["hovertext"]


@pytest.mark.parametrize("mode", ["initials", "roles"])
def test_hidden_names_appear_nowhere_in_any_figure(doc, mode):
    shown = display_namer(doc, mode)
    figures = [draw(doc, n, mode, hotspots={"p-mum"}, highlight="p-dan") for n in (1, 2, 3)]
    figures += comparison_figures(doc, 1, 2, display_name=shown, force=True)
    figures.append(timeline_figure(timeline_sessions(doc), show_event_text=False))
    text = json.dumps(figures)
    texts = [network_summary(doc, n, display_name=shown, hotspots={"p-mum"}) for n in (1, 2)]
    for name in REAL_NAMES:
        assert name not in text
        assert not any(name in t for t in texts)
    assert "phones daily" not in text  # notes are free text and may name people
    assert "1 life event" in text


def test_display_names_by_initials(doc):
    people = trace(draw(doc, 1, "initials"), "people")
    assert sorted(people["text"]) == ["B", "D", "M", "O"]
    assert trace(draw(doc, 1, "initials"), "client")["text"] == ["You"]


def test_people_move_smoothly_between_sessions(doc):
    layout = draw(doc, 1)["layout"]
    assert layout["transition"]["duration"] == 500
    assert layout["uirevision"] == "network:c-ana"
    assert trace(draw(doc, 2), "people")["ids"] == [t.person for t in doc.session(2).ties]


def test_network_summary_in_words(doc):
    shown = display_namer(doc)
    # Session 2: alive on 12 Jan are Mum, Dan, Oksana, Wilhelmina (4); inner circle: Mum, Oksana;
    # supportive (support ≥ 5, conflict < 5): Oksana 10/0 only (Mum 6/5 is mixed).
    assert network_summary(doc, 2, display_name=shown, hotspots={"p-dan", "p-mum"}) == (
        "Session 2 (12 Jan 2026): 4 people, 2 in the inner circle; 1 supportive tie; "
        "2 people need attention: Marguerite and Dashiell. Remembered: Bartholomew.")


def test_comparison_keeps_each_person_in_place(doc):
    first, second = comparison_figures(doc, 1, 2, display_name=display_namer(doc), force=True)
    a, b = trace(first, "people"), trace(second, "people")
    where_a = dict(zip(a["ids"], zip(a["x"], a["y"], strict=True), strict=True))
    where_b = dict(zip(b["ids"], zip(b["x"], b["y"], strict=True), strict=True))
    shared = force_positions(doc, (1, 2))
    for pid in set(where_a) & set(where_b):
        assert where_a[pid] == where_b[pid] == shared[pid]
    ring_a, ring_b = comparison_figures(doc, 1, 2, display_name=display_namer(doc))
    # Dashiell moves from the inner to the middle ring at the same angle.
    (xa, ya), (xb, yb) = ((t["x"][t["ids"].index("p-dan")], t["y"][t["ids"].index("p-dan")])
                          for t in (trace(ring_a, "people"), trace(ring_b, "people")))
    assert math.atan2(ya, xa) == pytest.approx(math.atan2(yb, xb))
    assert (math.hypot(xa, ya), math.hypot(xb, yb)) == pytest.approx((RING_RADIUS[1], RING_RADIUS[2]))


def bands_of(figure: dict) -> list[tuple[str, float, float, str]]:
    return [(s["yref"], s["y0"], s["y1"], s["name"]) for s in figure["layout"]["shapes"]
            if s.get("name", "").startswith("band:")]


def test_mood_bands_sit_at_the_published_edges(doc):
    figure = mood_figure(mood_table(doc), phases=[(1, "initial"), (2, "initial"), (3, "middle")])
    # DESIGN §5: PHQ-9 0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27
    # severe; HAM-D-17 0–7 none, 8–16 mild, 17–23 moderate, ≥ 24 severe (to 52). Edges half-way.
    assert bands_of(figure) == [
        ("y", -0.5, 4.5, "band:minimal"), ("y", 4.5, 9.5, "band:mild"), ("y", 9.5, 14.5, "band:moderate"),
        ("y", 14.5, 19.5, "band:moderately severe"), ("y", 19.5, 27.5, "band:severe"),
        ("y2", -0.5, 7.5, "band:none"), ("y2", 7.5, 16.5, "band:mild"), ("y2", 16.5, 23.5, "band:moderate"),
        ("y2", 23.5, 52.5, "band:severe")]
    labels = [a["text"] for a in figure["layout"]["annotations"]]
    assert "Moderately severe" in labels and "PHQ-9 · depression (lower is better)" in " ".join(labels)


def test_phase_shading_spans_its_sessions():
    table = pd.DataFrame({"PHQ-9": [18.0, 16, 15, 12, 10, 9, 7, 5]}, index=pd.Index(range(1, 9), name="session"))
    phases = [(n, "initial" if n <= 3 else "middle" if n <= 6 else "termination") for n in range(1, 9)]
    shapes = mood_figure(table, phases=phases)["layout"]["shapes"]
    spans = [(s["name"], s["x0"], s["x1"]) for s in shapes if s.get("name", "").startswith("phase:")]
    assert spans == [("phase:initial", 0.5, 3.5), ("phase:middle", 3.5, 6.5), ("phase:termination", 6.5, 8.5)]


def test_mood_markers_in_plain_words(doc):
    markers = {"PHQ-9": {2: ["reliable_improvement"], 3: ["reliable_improvement", "response", "remission"]}}
    figure = mood_figure(mood_table(doc), phases=[(1, "initial")], markers=markers,
                         dates={2: dt.date(2026, 1, 12)})
    improved = trace(figure, "Reliable improvement")
    assert improved["x"] == [2, 3]
    assert "S2 · 12 Jan 2026<br><b>Reliable improvement</b>" in improved["hovertext"][0]
    assert trace(figure, "Remission")["x"] == [3] and trace(figure, "Response")["x"] == [3]
    # From scales: PHQ-9 18 → 11 is a drop of 7 ≥ 6 (reliable) but 11 > 9 (no response).
    from ipt_network.figures import mood_markers
    assert mood_markers(mood_results(doc))["PHQ-9"][2] == ["reliable_improvement"]


def test_mood_summary_reads_first_and_latest(doc):
    assert mood_summary(mood_table(doc), markers={"PHQ-9": {3: ["remission"]}}) == (
        "PHQ-9 went from 18 (moderately severe) at S1 to 4 (minimal) at S3; remission at S3. "
        "HAM-D-17 was 15 (mild) at S2.")


def test_timeline_marks_events_and_phases(doc):
    sessions = timeline_sessions(doc)
    figure = timeline_figure(sessions, current=2)
    assert trace(figure, "Life event")["x"] == [1]
    assert "Dashiell moved out" in trace(figure, "Life event")["hovertext"][0]
    assert trace(figure, "This session")["x"] == [2]
    spans = [(s["x0"], s["x1"]) for s in figure["layout"]["shapes"]]
    assert spans == [(0.5, 2.5), (2.5, 3.5)]
    assert timeline_summary(sessions) == (
        "3 sessions from 5 Jan 2026 to 19 Jan 2026: S1–S2 initial phase, S3 middle phase; 1 life event.")


def test_typed_text_cannot_inject_markup():
    data = copy.deepcopy(COURSE)
    data["people"][0]["name"] = "<a href='x'>Mum</a>"
    doc = parse_document(data)
    people = trace(draw(doc, 1), "people")
    assert "&lt;a href='x'&gt;Mum&lt;/a&gt;" in people["text"]
    assert not any("<a" in h for h in people["hovertext"])


def test_rendered_image_shows_the_words_a_person_reads(doc):
    svg = pio.to_image(draw(doc, 1, "roles"), format="svg", width=700, height=640).decode()
    for words in ("Inner circle", "Outer circle", "Parent", "Partner", "You", "Mixed (support and conflict)"):
        assert words in svg
    assert not any(name in svg for name in REAL_NAMES)


# --- the network figure's steps, one at a time ------------------------------------------------------

def scene_of(doc, number, mode="names", **options):
    return scene(doc, number, positions=ring_positions(doc, number), display_name=display_namer(doc, mode), **options)


def test_the_scene_classifies_each_tie_under_the_thresholds(doc):
    # Session 1: Mum 6/8 (support ≥ 5 and conflict ≥ 5: mixed), Dan 4/7 (conflict only: mostly conflict),
    # Oksana 9/0 and Bartholomew 7/1 (support only: supportive); Bartholomew dies on 10 Jan, after it.
    drawn = {d.tie.person: (d.kind, d.deceased, d.style[1]) for d in scene_of(doc, 1).drawn}
    assert drawn == {"p-mum": ("ambivalent", False, "diamond"), "p-dan": ("aversive", False, "square"),
                     "p-oks": ("supportive", False, "circle"), "p-bart": ("supportive", False, "circle")}
    assert {d.tie.person: d.deceased for d in scene_of(doc, 2).drawn}["p-bart"]  # session 2 is on 12 Jan


def test_client_ties_go_to_the_trace_of_their_conflict_level_and_support_step(doc):
    # Conflict ≥ 7 is "strong", ≥ 5 "some"; the support step is support // 2: Mum 6/8 → strong 3,
    # Dan 4/7 → strong 2, Oksana 9/0 → calm 4, Bartholomew 7/1 → calm 3.
    traces = tie_traces(scene_of(doc, 1))
    assert len(traces) == 15  # every level and step, drawn or not, so traces keep their places
    centre, places = (0.0, 0.0), ring_positions(doc, 1)
    drawn = {t["name"]: t for t in traces if t["x"]}
    assert set(drawn) == {"ties strong 3", "ties strong 2", "ties calm 4", "ties calm 3"}
    assert drawn["ties strong 2"]["x"] == [centre[0], places["p-dan"][0], None]
    assert drawn["ties strong 2"]["line"] == {"width": 1 + 1.25 * 2, "dash": "dot", "color": "#B0623F"}


def test_links_split_by_conflict_and_carry_scores_only_when_shown(doc):
    # Mum–Dan has conflict 7 (≥ 5: a dotted, tense link), Mum–Oksana conflict 1 (calm).
    (calm, tense), details = link_traces(scene_of(doc, 1))
    assert (len(calm["x"]), len(tense["x"])) == (3, 3)
    assert details["hovertext"] == ["Marguerite and Dashiell know each other<br>Support 1/10 · Conflict 7/10",
                                    "Marguerite and Oksana know each other<br>Support 6/10 · Conflict 1/10"]
    (_, _), plain = link_traces(scene_of(doc, 1, show_scores=False))
    assert plain["hovertext"] == ["Marguerite and Dashiell know each other", "Marguerite and Oksana know each other"]
    (calm, tense), details = link_traces(scene_of(doc, 1, show_links=False))
    assert calm["x"] == tense["x"] == details["x"] == []


def test_attention_rings_circle_exactly_the_people_named(doc):
    ring = attention_trace(scene_of(doc, 1, hotspots={"p-dan": ["conflict rose"]}))
    assert ring["ids"] == ["p-dan"]
    assert ring["marker"]["size"] == MARKER_SIZE + 14


def test_people_carry_shape_name_and_hover_in_the_words_of_the_view(doc):
    people = people_trace(scene_of(doc, 1, hotspots={"p-dan": ["conflict rose"]}, show_scores=False))
    assert people["ids"] == people["customdata"] == ["p-mum", "p-dan", "p-oks", "p-bart"]
    assert people["marker"]["symbol"] == ["diamond", "square", "circle", "circle"]
    assert people["hovertext"][1] == ("<b>Dashiell</b><br>Partner · inner circle<br>Mostly conflict<br>"
                                      "Needs attention: conflict rose<br><i>arguments about money with Dashiell</i>")
    roles = people_trace(scene_of(doc, 2, "roles"))
    assert roles["text"] == ["Parent", "Partner", "Friend", "Family (in memory)", "Colleague"]
    assert not any("<i>" in text for text in roles["hovertext"])  # notes may name people: not with roles


def test_the_therapists_hover_carries_the_inventory_as_of_the_session_and_the_clients_does_not():
    course = copy.deepcopy(COURSE)
    course["version"] = 2
    course["people"][0]["inventory"] = {"support_flow": "mostly_from_client", "confides": False,
                                        "hard": "Marguerite phones at night", "as_of": 2}
    doc = parse_document(course)
    said = "Inventory (session 2): care flows mostly from the client; does not confide in them; hard: Marguerite"
    assert said in people_trace(scene_of(doc, 2))["hovertext"][0].replace("<br>", " ")  # wrapped for hover
    assert "Inventory" not in people_trace(scene_of(doc, 1))["hovertext"][0]  # taken at session 2, not yet
    assert "Inventory" not in people_trace(scene_of(doc, 2, private=False))["hovertext"][0]
    hidden = people_trace(scene_of(doc, 2, "roles"))["hovertext"][0].replace("<br>", " ")
    assert "Inventory (session 2): care flows mostly from the client; does not confide in them." in hidden
    assert "phones" not in hidden  # typed answers may name people: not while names are hidden


def test_focus_people_carry_a_lettered_tag_on_their_tie_in_the_therapists_view_only():
    course = copy.deepcopy(COURSE)
    mum, _, _, bart = course["sessions"][0]["ties"]
    mum["focus"], bart["focus"] = "role_dispute", "grief"
    doc = parse_document(course)
    tags = focus_trace(scene_of(doc, 1))
    assert tags["ids"] == ["p-mum", "p-bart"] and tags["text"] == ["D", "G"]
    assert tags["hovertext"] == ["Focus of the work: role dispute (Marguerite)",
                                 "Focus of the work: grief (Bartholomew)"]
    # 0.36 drawing units from each person, on the line to the client at the centre.
    positions = ring_positions(doc, 1)
    for person, x, y in zip(("p-mum", "p-bart"), tags["x"], tags["y"], strict=True):
        (px, py), (cx, cy) = positions[person], positions["c-ana"]
        assert math.hypot(x - px, y - py) == pytest.approx(0.36)
        assert math.hypot(x - cx, y - cy) == pytest.approx(math.hypot(px - cx, py - cy) - 0.36)
    key = next(k for k in legend(scene_of(doc, 1)) if k["name"].startswith("Letter tag"))
    assert key["showlegend"] and key["name"] == "Letter tag: focus of the work (G grief, D role dispute)"
    assert focus_trace(scene_of(doc, 1, private=False))["ids"] == []  # the client's page carries no focus
    assert not any(k["showlegend"] for k in legend(scene_of(doc, 1, private=False)) if k["name"].startswith("Letter"))


def test_the_people_of_a_chosen_event_sit_on_a_warm_halo(doc):
    halo = event_trace(scene_of(doc, 1, lit=["p-dan", "p-wil"]))  # Wilhelmina is not in session 1
    assert halo["ids"] == ["p-dan"] and halo["marker"]["size"] == MARKER_SIZE + 22
    assert (halo["x"], halo["y"]) == ([ring_positions(doc, 1)["p-dan"][0]], [ring_positions(doc, 1)["p-dan"][1]])
    assert event_trace(scene_of(doc, 1))["ids"] == []
    shown = {key["name"] for key in legend(scene_of(doc, 1, lit=["p-dan"])) if key["showlegend"]}
    assert "Warm halo: in the life event chosen" in shown


def test_in_the_clients_words_the_ring_says_strain_and_names_no_problem(doc):
    client = scene_of(doc, 1, hotspots={"p-dan": ["things with Dashiell are very hard right now"]}, private=False)
    hover = people_trace(client)["hovertext"][1]
    assert "Relationship with strain: things with Dashiell are very hard right now" in hover
    assert "attention" not in hover.lower()
    shown = {key["name"] for key in legend(client) if key["showlegend"]}
    assert "Relationship with strain" in shown and "Needs attention" not in shown


def contrast(one: str, other: str) -> float:
    """WCAG 2.2 contrast ratio of two #RRGGBB colours (relative luminance, sRGB)."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_line_and_mark_that_carries_meaning_stands_3_to_1_on_every_ring():
    from ipt_network.figures.network import (
        ATTENTION,
        CONFLICT_STYLE,
        LINK_COLOUR,
        REMEMBERED,
        RING_FILL,
        VALENCE_STYLE,
    )
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # WCAG's own example
    meaning = [colour for _, _, colour in (*VALENCE_STYLE.values(), REMEMBERED, ATTENTION)]
    meaning += [colour for _, _, colour in CONFLICT_STYLE.values()] + [LINK_COLOUR]
    for colour in meaning:
        for fill in (*RING_FILL.values(), "#FFFFFF"):
            assert contrast(colour, fill) >= 3, (colour, fill)


def test_the_legend_lists_only_what_the_picture_holds(doc):
    # Session 2 without links: Bartholomew remembered, Wilhelmina 2/4 neither strong, Dan 4/6 some conflict.
    shown = {key["name"] for key in legend(scene_of(doc, 2, show_links=False)) if key["showlegend"]}
    assert shown == {"Supportive", "Mixed (support and conflict)", "Mostly conflict", "Neither strong",
                     "Remembered (died)", "Thicker line: more support", "Dashed line: some conflict"}


def test_timeline_draws_the_history_before_therapy_ahead_of_session_1(doc):
    from ipt_network.figures.timeline import Before
    history = [Before(dt.date(2025, 3, 14), "Luis died"), Before(dt.date(2025, 9, 1), "The episode began")]
    figure = timeline_figure(timeline_sessions(doc), history=history)
    before = trace(figure, "Before therapy")
    # Two entries one step apart, ending one and a half steps before session 1: at -1.5 and -0.5.
    assert before["x"] == [-1.5, -0.5]
    assert before["hovertext"][0] == "<b>Before therapy</b> · 14 Mar 2025<br>Luis died"
    axis = figure["layout"]["xaxis"]
    assert axis["tickvals"][:3] == [-1.5, -0.5, 1] and axis["ticktext"][:3] == ["Mar 2025", "Sep 2025", "S1"]
    assert axis["range"][0] == -2.1
    divider = next(s for s in figure["layout"]["shapes"] if s.get("name") == "therapy began")
    assert divider["x0"] == 0  # between the last entry and session 1
    hidden = trace(timeline_figure(timeline_sessions(doc), history=history, show_event_text=False), "Before therapy")
    assert hidden["hovertext"] == ["<b>Before therapy</b> · 14 Mar 2025", "<b>Before therapy</b> · 1 Sep 2025"]


def test_mood_chart_marks_events_linked_to_mood_in_a_strip_atop_the_first_row(doc):
    from ipt_network.events import LinkedEvent
    from ipt_network.figures import event_marks
    events = {2: (LinkedEvent(2, "Row with Dan", ("dan",), "worse"),),
              3: (LinkedEvent(3, "Weekend away", (), "better"), LinkedEvent(3, "Moved", ("dan",), "worse"))}
    marks = event_marks(events, str.title)
    figure = mood_figure(mood_table(doc), phases=[(1, "initial"), (2, "initial"), (3, "middle")], events=marks)
    worse, better = trace(figure, "Event: mood worse"), trace(figure, "Event: mood better")
    assert worse["x"] == [2, 3] and better["x"] == [3]
    # PHQ-9 runs 0–27 and its row to 27.5; a strip of a tenth of 27 above it holds the marks at its middle.
    assert worse["y"] == pytest.approx([28.85, 28.85]) and figure["layout"]["yaxis"]["range"] == pytest.approx(
        [-0.5, 30.2])
    # Each mark says its session, so a click can light the people of its events; no name or id is in it.
    assert worse["customdata"] == ["event 2", "event 3"] and better["customdata"] == ["event 3"]
    # Session 3's two marks share a place, and either one lists both events.
    assert worse["hovertext"][1] == better["hovertext"][0] == (
        "S3<br><b>Mood better</b>: Weekend away (mood better)<br><b>Mood worse</b>: Moved (with Dan; mood worse)")
    assert worse["hovertext"][0] == "S2<br><b>Mood worse</b>: Row with Dan (with Dan; mood worse)"
    assert event_marks(events, str.title, show_text=False)[2] == [("worse", "a life event")]
