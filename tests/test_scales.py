"""scales.py: bands at every edge, reliable change at the threshold, response, remission, direction."""

from __future__ import annotations

import math

import pytest

from ipt_network.errors import ValidationError
from ipt_network.model import parse_document
from ipt_network.scales import (
    band,
    improvement,
    is_case,
    mood_results,
    mood_sentence,
    mood_table,
    reliable_change,
    remission,
    response,
    score_items,
)
from tests.analytics_data import build


@pytest.mark.parametrize(("score", "expected"), [
    # Kroenke, Spitzer & Williams (2001), Table 4: 0–4, 5–9, 10–14, 15–19, 20–27.
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
    (15, "moderately severe"), (19, "moderately severe"), (20, "severe"), (27, "severe"),
])
def test_phq9_bands_at_every_edge(score, expected):
    assert band("PHQ-9", score) == expected


@pytest.mark.parametrize(("score", "expected"), [
    # Spitzer et al. (2006): 0–4, 5–9, 10–14, 15–21.
    (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"), (15, "severe"), (21, "severe"),
])
def test_gad7_bands_at_every_edge(score, expected):
    assert band("GAD-7", score) == expected


@pytest.mark.parametrize(("score", "expected"), [
    # Zimmerman et al. (2013): 0–7 none, 8–16 mild, 17–23 moderate, >= 24 severe.
    (7, "none"), (8, "mild"), (16, "mild"), (17, "moderate"), (23, "moderate"), (24, "severe"), (52, "severe"),
])
def test_hamd17_bands_at_every_edge(score, expected):
    assert band("HAM-D-17", score) == expected


def test_mood_rating_has_no_band():
    assert band("mood-0-10", 7) is None


@pytest.mark.parametrize(("instrument", "score"), [("PHQ-9", 28), ("GAD-7", 22), ("mood-0-10", 11),
                                                   ("PHQ-9", -1), ("PHQ-9", 4.5), ("PHQ-9", True)])
def test_impossible_scores_are_refused(instrument, score):
    with pytest.raises(ValidationError, match=f"{instrument} score must be a whole number"):
        band(instrument, score)


def test_unknown_instrument_is_refused():
    with pytest.raises(ValidationError, match="instrument must be one of"):
        band("BDI-II", 10)


def test_items_are_summed_and_checked():
    assert score_items("GAD-7", [3, 3, 3, 3, 3, 3, 3]) == 21   # 7 * 3
    with pytest.raises(ValidationError, match="PHQ-9 has 9 items, got 8"):
        score_items("PHQ-9", [1] * 8)
    with pytest.raises(ValidationError, match="PHQ-9 item 2 must be a whole number 0–3, got 4"):
        score_items("PHQ-9", [0, 4, 0, 0, 0, 0, 0, 0, 0])
    with pytest.raises(ValidationError, match="items are not recorded for HAM-D-17"):
        score_items("HAM-D-17", [1])


@pytest.mark.parametrize(("first", "now", "expected"), [
    # PHQ-9: reliable change is a change of 6 points or more (NHS Talking Therapies).
    (18, 13, "none"),       # 5 points down: not enough
    (18, 12, "improved"),   # exactly 6 points down
    (10, 15, "none"),       # 5 points up
    (10, 16, "worsened"),   # exactly 6 points up
    (10, 10, "none"),
])
def test_phq9_reliable_change_at_five_and_six_points(first, now, expected):
    assert reliable_change("PHQ-9", first, now) == expected


@pytest.mark.parametrize(("first", "now", "expected"), [
    (12, 9, "none"), (12, 8, "improved"), (5, 8, "none"), (5, 9, "worsened"),  # GAD-7: 4 points
])
def test_gad7_reliable_change_at_three_and_four_points(first, now, expected):
    assert reliable_change("GAD-7", first, now) == expected


def test_no_reliable_change_figure_for_hamd_and_mood():
    assert reliable_change("HAM-D-17", 30, 5) is None
    assert reliable_change("mood-0-10", 1, 9) is None


def test_direction_higher_is_better_only_for_mood_rating():
    assert improvement("PHQ-9", 18, 12) == 6      # 18 - 12: fewer symptoms is better
    assert improvement("mood-0-10", 3, 7) == 4    # 7 - 3: higher mood is better
    assert improvement("mood-0-10", 7, 3) == -4


@pytest.mark.parametrize(("first", "now", "expected"), [
    # Response: a drop of at least 50% of the first score. 18 -> 9 is 9/18 = 50%; 18 -> 10 is 44%.
    (18, 9, True), (18, 10, False), (19, 9, True), (19, 10, False), (18, 20, False),
])
def test_phq9_response_at_half(first, now, expected):
    # 19 -> 9: drop 10 >= 9.5; 19 -> 10: drop 9 < 9.5.
    assert response("PHQ-9", first, now) is expected


def test_response_undefined_elsewhere_and_from_zero():
    assert response("GAD-7", 18, 2) is None
    assert response("PHQ-9", 0, 0) is None


@pytest.mark.parametrize(("first", "now", "expected"), [
    # HAM-D-17 response: >= 50% drop (Frank et al. 1991). 20 -> 10 is 50%; 21 -> 11 is 47.6%.
    (20, 10, True), (21, 11, False), (21, 10, True), (8, 4, True), (8, 5, False),
])
def test_hamd17_response_at_half(first, now, expected):
    assert response("HAM-D-17", first, now) is expected


def test_remission_edges():
    assert (remission("PHQ-9", 18, 4), remission("PHQ-9", 18, 5)) == (True, False)           # PHQ-9 < 5
    assert (remission("HAM-D-17", 20, 7), remission("HAM-D-17", 20, 8)) == (True, False)     # HAM-D-17 <= 7
    assert remission("GAD-7", 12, 0) is None and remission("mood-0-10", 2, 10) is None


@pytest.mark.parametrize(("first", "defined"), [(9, False), (10, True)])
def test_phq9_outcomes_only_from_a_baseline_at_caseness(first, defined):
    # PHQ-9 caseness is 10 (NHS Talking Therapies manual). From a baseline of 9 a drop to 2 is a 78%
    # fall into the minimal band, but nobody remits from a score never in the clinical range: both null.
    # From 10, the same drop to 2 is an 80% fall (>= 50%) and below 5: response and remission.
    assert is_case("PHQ-9", first) is defined
    assert response("PHQ-9", first, 2) is (True if defined else None)
    assert remission("PHQ-9", first, 2) is (True if defined else None)


@pytest.mark.parametrize(("instrument", "below", "at"), [("GAD-7", 7, 8), ("HAM-D-17", 7, 8)])
def test_caseness_of_gad7_and_hamd17(instrument, below, at):
    # GAD-7 >= 8 (NHS Talking Therapies caseness); HAM-D-17 >= 8 (above Zimmerman's 0-7 "none" band).
    assert (is_case(instrument, below), is_case(instrument, at)) == (False, True)
    assert response("HAM-D-17", 7, 0) is None and remission("HAM-D-17", 7, 0) is None


def test_a_course_from_below_caseness_never_responds_or_remits():
    # PHQ-9 4 -> 2: a 50% drop, in the minimal band, from a baseline below 10: not an outcome.
    doc = build({"mood": {"PHQ-9": 4}}, {"mood": {"PHQ-9": 2}})
    result = mood_results(doc)[2]["PHQ-9"]
    assert (result.response, result.remission) == (None, None)
    assert mood_sentence(result) == ("PHQ-9 2 (minimal); no reliable change since session 1 (4 → 2); "
                                     "baseline 4 below caseness (10): no response or remission figure; "
                                     "PHQ-9 item 9 not recorded (total only): ask directly.")


def test_course_results_compare_with_the_first_score_of_each_instrument():
    # PHQ-9: 18, 15, 12, 4. GAD-7 first appears in session 2 (12) then 8 in session 4.
    doc = build({"mood": {"PHQ-9": 18}}, {"mood": {"PHQ-9": 15, "GAD-7": 12}}, {"mood": {"PHQ-9": 12}},
                {"mood": {"PHQ-9": 4, "GAD-7": 8, "mood-0-10": 6}})
    results = mood_results(doc)
    first = results[1]["PHQ-9"]
    # The baseline: nothing has changed yet, so change, response and remission are all null.
    assert first.as_json() == {"score": 18, "band": "moderately severe", "reliable_change": None,
                               "response": None, "remission": None, "item9": None}
    # 18 -> 15: 3 points, drop 3/18 = 17%
    assert results[2]["PHQ-9"].as_json() == {"score": 15, "band": "moderately severe",
                                             "reliable_change": "none", "response": False, "remission": False,
                                             "item9": None}
    assert results[2]["GAD-7"].reliable_change is None  # its own baseline
    # 18 -> 12: 6 points; drop 6/18 = 33%
    assert results[3]["PHQ-9"].reliable_change == "improved" and results[3]["PHQ-9"].response is False
    # 18 -> 4: 14 points, 78% drop, below 5
    assert results[4]["PHQ-9"].as_json() == {"score": 4, "band": "minimal", "reliable_change": "improved",
                                             "response": True, "remission": True, "item9": None}
    # GAD-7 12 -> 8: exactly 4 points
    assert results[4]["GAD-7"].reliable_change == "improved"
    assert results[4]["mood-0-10"].as_json() == {"score": 6, "band": None, "reliable_change": None,
                                                 "response": None, "remission": None}


def test_mood_table_has_a_column_per_instrument_and_nan_where_missing():
    doc = build({"mood": {"PHQ-9": 18}}, {"mood": {"GAD-7": 12}}, {})
    table = mood_table(doc)
    assert list(table.columns) == ["PHQ-9", "GAD-7"] and list(table.index) == [1, 2, 3]
    assert table.loc[1, "PHQ-9"] == 18 and math.isnan(table.loc[2, "PHQ-9"]) and math.isnan(table.loc[3, "GAD-7"])


def test_sentences_in_both_voices():
    doc = build({"mood": {"PHQ-9": 18}}, {"mood": {"PHQ-9": 4}})
    result = mood_results(doc)[2]["PHQ-9"]
    assert mood_sentence(result) == ("PHQ-9 4 (minimal); reliable improvement since session 1 (18 → 4); "
                                     "response (≥ 50% drop); in remission; "
                                     "PHQ-9 item 9 not recorded (total only): ask directly.")
    assert mood_sentence(result, "client") == (
        "Your PHQ-9 score is 4, in the minimal range. Since the first session (18 → 4), it has improved by "
        "more than everyday ups and downs. That is in the range where symptoms have eased.")
    # A baseline is not "not in remission": nothing is said about an outcome that has not had time to happen.
    assert mood_sentence(mood_results(doc)[1]["PHQ-9"]) == ("PHQ-9 18 (moderately severe); first score "
                                                            "(baseline); PHQ-9 item 9 not recorded (total only): "
                                                            "ask directly.")


def test_phq9_item_9_above_zero_asks_the_therapist_to_check_safety(ana_data):
    # Item 9 ("better off dead or hurting yourself") is the ninth of nine items: index 8.
    # Session 1: 1+1+1+1+1+1+1+2+1 = 10 with item 9 answered 1; session 2: item 9 answered 0.
    ana_data["sessions"][0]["mood"] = [{"instrument": "PHQ-9", "score": 10, "items": [1] * 7 + [2, 1]}]
    ana_data["sessions"].append(dict(ana_data["sessions"][0], number=2, date="2026-01-12",
                                     mood=[{"instrument": "PHQ-9", "score": 8, "items": [1] * 8 + [0]}]))
    first, second = (mood_results(parse_document(ana_data))[n]["PHQ-9"] for n in (1, 2))
    assert (first.self_harm_item, first.needs_safety_check) == (1, True)
    assert first.as_json()["item9"] == 1
    assert mood_sentence(first).endswith("PHQ-9 item 9 answered 1 at this session: check safety.")
    assert "item 9" not in mood_sentence(first, "client")
    assert (second.self_harm_item, second.needs_safety_check) == (0, False)
    assert second.as_json()["item9"] == 0
    assert "safety" not in mood_sentence(second) and mood_sentence(second).endswith("item 9 answered 0.")


def test_item9_is_absent_from_other_instruments():
    doc = build({"mood": {"GAD-7": 12, "HAM-D-17": 20, "mood-0-10": 3}})
    assert all("item9" not in result.as_json() for result in mood_results(doc)[1].values())
    assert all("item 9" not in mood_sentence(result) for result in mood_results(doc)[1].values())
