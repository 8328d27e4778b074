"""overview.py: the exact ``metrics --json`` object of DESIGN section 6, and its readable text."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from ipt_network.change import session_change
from ipt_network.errors import NotFoundError
from ipt_network.hotspots import session_findings
from ipt_network.metrics import MEASURES, measure_table
from ipt_network.model import parse_document
from ipt_network.overview import CourseAnalysis, course_overview, format_overview
from ipt_network.scales import mood_table
from tests.analytics_data import build
from tests.conftest import SAMPLES

SESSION_KEYS = ["session", "date", "phase", *MEASURES, "isolation", "hotspots", "mood"]


def test_design_example_is_the_exact_json_contract(ana_data):
    overview = course_overview(parse_document(ana_data))
    assert list(overview) == ["client", "sessions", "linkage"]
    [session] = overview["sessions"]
    assert list(session) == SESSION_KEYS
    # Values traced in test_metrics / test_hotspots / test_scales for the same example.
    assert session == {
        "session": 1, "date": "2026-01-05", "phase": "initial",
        "size": 2, "inner_circle": 2, "total_support": 10, "total_conflict": 15,
        "mean_support": 5.0, "mean_conflict": 7.5,
        "supportive": 0, "ambivalent": 1, "aversive": 1, "indifferent": 0,
        "density": 1.0, "effective_size": 1.0, "constraint": pytest.approx(1.125), "support_concentration": 0.6,
        "isolation": ["few_supports", "concentrated_support"],
        "hotspots": [{"person": "p-mum", "reasons": ["high_conflict", "close_and_conflicted"]},
                     {"person": "p-dan", "reasons": ["high_conflict"]}],
        # The baseline: no change, response or remission yet; item 9 answered 2 (every item is 2).
        "mood": {"PHQ-9": {"score": 18, "band": "moderately severe", "reliable_change": None,
                           "response": None, "remission": None, "item9": 2}},
    }
    # One session: every comparison has n = 1 or 0 (levels), 0 (changes), so every rho is null.
    # 6 series x 2 lags x 2 bases (changes, levels).
    assert len(overview["linkage"]) == 24
    assert all(list(link) == ["series", "instrument", "lag", "on", "rho", "n"] for link in overview["linkage"])
    assert all(link["rho"] is None for link in overview["linkage"])
    assert json.loads(json.dumps(overview, allow_nan=False))["client"] == "c-ana"


def test_nulls_are_json_null_never_nan():
    overview = course_overview(build({}))
    text = json.dumps(overview, allow_nan=False)
    session = json.loads(text)["sessions"][0]
    assert [session[k] for k in ("mean_support", "density", "effective_size", "constraint",
                                 "support_concentration")] == [None] * 5
    assert session["isolation"] == ["no_close_support", "few_supports"]
    assert json.loads(text)["linkage"] == []  # no mood instrument recorded


def test_one_session_is_still_compared_with_the_one_before_and_the_first_score():
    # Dan's conflict 2 -> 6 -> 9. Session 3 alone: rising since session 2 (6 -> 9 = 3) and high.
    # PHQ-9 20 -> 16 -> 14: against the first score, 6 points (reliable), 30% drop (no response).
    doc = build({"ties": {"dan": (2, 5, 2)}, "mood": {"PHQ-9": 20}},
                {"ties": {"dan": (2, 5, 6)}, "mood": {"PHQ-9": 16}},
                {"ties": {"dan": (2, 5, 9)}, "mood": {"PHQ-9": 14}})
    overview = course_overview(doc, session=3)
    [session] = overview["sessions"]
    assert session["session"] == 3
    assert session["hotspots"] == [{"person": "dan", "reasons": ["high_conflict", "rising_conflict"]}]
    assert session["mood"]["PHQ-9"] == {"score": 14, "band": "moderate", "reliable_change": "improved",
                                        "response": False, "remission": False, "item9": None}


def test_linkage_of_one_session_uses_the_course_up_to_that_session():
    doc = build(*[{"ties": {"a": (1, s, 0)}, "mood": {"PHQ-9": p}} for s, p in
                  [(2, 20), (4, 18), (3, 19), (6, 10), (9, 4)]])
    # Up to session 4: support 2 4 3 6 vs PHQ-9 20 18 19 10: perfectly opposite ranks, rho = -1, n = 4.
    link = course_overview(doc, session=4)["linkage"][1]
    assert (link["series"], link["lag"], link["on"], link["rho"], link["n"]) == (
        "total_support", 0, "levels", pytest.approx(-1.0), 4)
    assert course_overview(doc)["linkage"][1]["n"] == 5


def test_unknown_session_is_refused():
    with pytest.raises(NotFoundError, match="has no session 7"):
        course_overview(build({}), session=7)


def test_readable_text_shows_measures_flags_hotspots_and_mood_in_words(ana_data):
    doc = parse_document(ana_data)
    text = format_overview(course_overview(doc), doc)
    assert "Session 1, 2026-01-05 (initial phase)" in text
    assert "People: 2 (inner circle 2)" in text
    assert "Support: total 10, mean 5.00, concentration 0.60" in text
    assert "Structure: density 1.00, effective size 1.00, constraint 1.12" in text
    assert "- Only 1 tie with support ≥ 5/10 (fewer than 3)." in text
    assert "1. Conflict with Mum 8/10; Mum is in the inner circle with support 6/10 (ambivalent)." in text
    assert "2. Conflict with Dan 7/10." in text
    # The DESIGN example answers every PHQ-9 item 2, item 9 included, so a safety check is asked for.
    assert ("PHQ-9 18 (moderately severe); first score (baseline); "
            "PHQ-9 item 9 answered 2 at this session: check safety.") in text
    assert "12 comparisons not computed" in text


def test_readable_text_says_when_item_9_was_not_recorded():
    doc = build({"mood": {"PHQ-9": 14}})
    assert "PHQ-9 item 9 not recorded (total only): ask directly." in format_overview(course_overview(doc), doc)


def test_readable_text_can_hide_names(ana_data):
    doc = parse_document(ana_data)
    text = format_overview(course_overview(doc), doc, name_of={"p-mum": "Parent", "p-dan": "Partner"}.get)
    assert "Conflict with Parent 8/10" in text and "Mum" not in text and "Dan" not in text


def test_readable_text_gives_the_correlations_on_changes_in_words():
    # Support 2 4 3 6 9 5, PHQ-9 20 18 19 10 4 12: changes +2 -1 +3 +3 -4 and -2 +1 -9 -6 +8.
    # Ranks: support -4 -> 1, -1 -> 2, +2 -> 3, +3 +3 -> 4.5: 3 2 4.5 4.5 1; PHQ-9 -9 -> 1, -6 -> 2, -2 -> 3,
    # +1 -> 4, +8 -> 5: 3 4 1 2 5. Deviations 0 -1 1.5 1.5 -2 and 0 1 -2 -1 2: products 0 -1 -3 -1.5 -4 = -9.5;
    # sums of squares 0+1+2.25+2.25+4 = 9.5 and 10: rho = -9.5 / sqrt(95) = -0.97.
    doc = build(*[{"ties": {"a": (1, s, 0)}, "mood": {"PHQ-9": p}} for s, p in
                  [(2, 20), (4, 18), (3, 19), (6, 10), (9, 4), (5, 12)]])
    text = format_overview(course_overview(doc), doc)
    assert ("From one session to the next, across 5 changes, total support and PHQ-9 moved closely together in "
            "opposite directions (rho = -0.97, n = 5)") in text


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_client_gives_valid_json_and_text(path):
    doc = parse_document(json.loads(path.read_text()), str(path))
    overview = course_overview(doc)
    assert [s["session"] for s in overview["sessions"]] == sorted(s.number for s in doc.sessions)
    assert all(list(s) == SESSION_KEYS for s in overview["sessions"])
    json.dumps(overview, allow_nan=False)
    assert format_overview(overview, doc).count("\nSession ") == len(doc.sessions)


def test_course_analysis_agrees_with_the_one_off_functions_and_shares_frozen_graphs():
    doc = build({"ties": {"mum": (1, 6, 2), "dan": (2, 4, 7)}, "mood": {"PHQ-9": 18}},
                {"ties": {"mum": (2, 6, 2), "club": (3, 6, 0)}, "mood": {"PHQ-9": 12}})
    course = CourseAnalysis(doc)
    assert course.change(1, 2) == session_change(doc, 1, 2)
    assert course.findings(2) == session_findings(doc, 2)
    assert course.measure_table().equals(measure_table(doc))
    assert course.mood(2)["PHQ-9"].reliable_change == "improved"   # 18 -> 12: 6 points
    assert course.graph(1) is course.graph(1)
    with pytest.raises(nx.NetworkXError):
        course.graph(1).add_node("someone")


def test_a_missed_session_is_in_no_series_and_previous_skips_it():
    # Session 1: Mum support 6, conflict 2, PHQ-9 15; session 2 did not take place; session 3: support 8,
    # conflict 2, PHQ-9 9. By hand: the series hold sessions 1 and 3 only, and session 3's "since last
    # time" is against session 1: support 6 → 8 (+2), PHQ-9 15 → 9 (−6).
    doc = parse_document({
        "format": "ipt-network", "version": 2,
        "client": {"id": "c", "label": "A", "start_date": "2026-01-05"},
        "people": [{"id": "p-mum", "name": "Mum", "role": "parent"}],
        "sessions": [
            {"number": 1, "date": "2026-01-05", "phase": "initial",
             "ties": [{"person": "p-mum", "circle": 1, "support": 6, "conflict": 2}],
             "mood": [{"instrument": "PHQ-9", "score": 15}]},
            {"number": 2, "date": "2026-01-12", "phase": "initial", "attendance": "did_not_attend"},
            {"number": 3, "date": "2026-01-19", "phase": "initial",
             "ties": [{"person": "p-mum", "circle": 1, "support": 8, "conflict": 2}],
             "mood": [{"instrument": "PHQ-9", "score": 9}]}]})
    course = CourseAnalysis(doc)
    assert course.numbers == [1, 3]
    assert course.previous(3) == 1
    assert course.measure_table()["total_support"].to_dict() == {1: 6.0, 3: 8.0}
    assert measure_table(doc)["total_support"].to_dict() == {1: 6.0, 3: 8.0}
    assert mood_table(doc)["PHQ-9"].to_dict() == {1: 15.0, 3: 9.0}
    assert session_change(doc, course.previous(3), 3).deltas["total_support"] == 2
