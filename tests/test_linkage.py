"""linkage.py: Spearman's rho of network series against mood, on levels and on changes, at lag 0 and lag 1,
computed by hand."""

from __future__ import annotations

import pytest

from ipt_network.linkage import SERIES, linkage, linkage_sentence
from tests.analytics_data import build

# Total support per session 10, 12, 11, 15, 14 (two people, a + b); PHQ-9 20, 18, 12, 19, 14.
SUPPORT = [(5, 5), (6, 6), (5, 6), (7, 8), (7, 7)]
PHQ9 = [20, 18, 12, 19, 14]


def course(phq9=PHQ9, instrument="PHQ-9", support=SUPPORT):
    return build(*[{"ties": {"a": (1, a, 0), "b": (2, b, 0)}, "mood": {} if score is None else {instrument: score}}
                   for (a, b), score in zip(support, phq9, strict=True)])


def result(results, series, lag, instrument="PHQ-9", on="levels"):
    [found] = [r for r in results if (r.series, r.lag, r.instrument, r.on) == (series, lag, instrument, on)]
    return found


def test_lag_zero_rho_by_hand():
    # support 10 12 11 15 14 -> ranks 1 3 2 5 4
    # PHQ-9   20 18 12 19 14 -> ranks 5 3 1 4 2
    # d = -4 0 1 1 2; sum d^2 = 16 + 0 + 1 + 1 + 4 = 22
    # rho = 1 - 6 * 22 / (5 * (25 - 1)) = 1 - 132/120 = -0.1
    r = result(linkage(course()), "total_support", 0)
    assert (r.rho, r.n) == (pytest.approx(-0.1), 5)


def test_lag_one_pairs_network_with_the_next_sessions_mood_by_hand():
    # network sessions 1-4: 10 12 11 15 -> ranks 1 3 2 4
    # mood sessions 2-5:    18 12 19 14 -> ranks 3 1 4 2
    # d = -2 2 -2 2; sum d^2 = 16; rho = 1 - 6 * 16 / (4 * 15) = -0.6
    r = result(linkage(course()), "total_support", 1)
    assert (r.rho, r.n) == (pytest.approx(-0.6), 4)


def test_tied_values_get_average_ranks():
    # PHQ-9 20 18 18 19 14 -> ranks 5, 2.5, 2.5, 4, 1; support ranks 1 3 2 5 4.
    # With ties rho is Pearson's r of the ranks:
    #   support ranks 1 3 2 5 4 (mean 3): deviations -2 0 -1 2 1
    #   PHQ ranks 5 2.5 2.5 4 1 (mean 3): deviations 2 -0.5 -0.5 1 -2
    #   sum of products = -4 + 0 + 0.5 + 2 - 2 = -3.5
    #   sums of squares: 10 and 4 + 0.25 + 0.25 + 1 + 4 = 9.5
    #   r = -3.5 / sqrt(10 * 9.5) = -0.35909...
    r = result(linkage(course([20, 18, 18, 19, 14])), "total_support", 0)
    assert r.rho == pytest.approx(-3.5 / (10 * 9.5) ** 0.5)


def test_null_when_fewer_than_four_pairs():
    # Mood missing at session 3: lag 0 has 4 pairs (defined); lag 1 pairs (1,2), (3,4), (4,5) = 3.
    results = linkage(course([20, 18, None, 19, 14]))
    assert result(results, "total_support", 0).n == 4 and result(results, "total_support", 0).rho is not None
    lag1 = result(results, "total_support", 1)
    assert (lag1.rho, lag1.n) == (None, 3)
    assert lag1.sentence == ("Too few pairs of consecutive sessions have both total support and PHQ-9 to compare them "
                             "(n = 3; at least 4 are needed).")


def test_null_when_a_series_is_constant():
    # Size is 2 in every session.
    r = result(linkage(course()), "size", 0)
    assert (r.rho, r.n) == (None, 5)
    assert "stayed the same" in r.sentence and "n = 5" in r.sentence


def test_every_series_at_both_lags_on_changes_and_levels_for_every_instrument_present():
    results = linkage(course())
    assert [(r.series, r.lag, r.on) for r in results] == [(s, lag, on) for s in SERIES for lag in (0, 1)
                                                          for on in ("changes", "levels")]
    assert {r.instrument for r in results} == {"PHQ-9"}
    assert results[1].as_json() == {"series": "total_support", "instrument": "PHQ-9", "lag": 0, "on": "levels",
                                    "rho": pytest.approx(-0.1), "n": 5}
    # Five sessions give four changes: below the minimum of five for changes.
    assert results[0].as_json() == {"series": "total_support", "instrument": "PHQ-9", "lag": 0, "on": "changes",
                                    "rho": None, "n": 4}


def test_up_to_limits_the_sessions_used():
    # Sessions 1-4 only: support ranks 1 3 2 4; PHQ-9 20 18 12 19 -> ranks 4 2 1 3
    # d = -3 1 1 1; sum d^2 = 12; rho = 1 - 72/60 = -0.2
    r = result(linkage(course(), up_to=4), "total_support", 0)
    assert (r.rho, r.n) == (pytest.approx(-0.2), 4)


def test_sentence_for_symptoms_says_opposite_directions_means_fewer_symptoms():
    assert linkage_sentence("total_support", "PHQ-9", 0, -0.71, 12) == (
        "Across 12 sessions, total support and PHQ-9 moved closely together in opposite directions "
        "(rho = -0.71, n = 12): when total support was higher, PHQ-9 scores tended to be lower, which means "
        "fewer symptoms. A correlation shows how two things moved together, not that one changed the other.")


def test_sentence_for_the_mood_rating_where_higher_is_better():
    text = linkage_sentence("total_support", "mood-0-10", 1, 0.5, 9)
    assert text.startswith("Across 9 pairs of consecutive sessions, total support at one session and mood "
                           "rating at the next moved closely together in the same direction (rho = 0.50, n = 9): "
                           "when total support was higher, mood ratings at the next session tended to be "
                           "higher, which means better mood.")
    assert "which means more symptoms" in linkage_sentence("total_conflict", "GAD-7", 0, 0.4, 8)
    assert "which means lower mood" in linkage_sentence("total_conflict", "mood-0-10", 0, -0.4, 8)


@pytest.mark.parametrize("rho", [-0.9, 0.0, 0.3, None])
def test_sentences_say_moved_together_give_n_and_never_claim_a_cause(rho):
    text = linkage_sentence("supportive", "PHQ-9", 0, rho, 12)
    assert "n = 12" in text
    assert "caus" not in text.lower()
    assert "move together" in text or "moved together" in text or "pattern together" in text


@pytest.mark.parametrize(("rho", "words"), [
    # Cohen (1988): |r| 0.3 is a medium and 0.5 a large effect; below 0.3 no clear pattern is claimed.
    (0.29, "showed no clear pattern together (rho = 0.29"),
    (-0.06, "showed no clear pattern together (rho = -0.06"),
    (0.3, "moved loosely together in the same direction (rho = 0.30"),
    (-0.49, "moved loosely together in opposite directions (rho = -0.49"),
    (0.5, "moved closely together in the same direction (rho = 0.50"),
])
def test_the_words_match_the_strength_of_the_correlation(rho, words):
    assert words in linkage_sentence("total_support", "PHQ-9", 0, rho, 12)


# Six sessions: total support 10 12 11 15 14 17, PHQ-9 20 18 12 19 14 13.
SUPPORT6 = [*SUPPORT, (8, 9)]
PHQ9_6 = [*PHQ9, 13]


def test_rho_on_changes_by_hand():
    # Changes of support: +2 -1 +4 -1 +3; of PHQ-9: -2 -6 +7 -5 -1 (n = 5 pairs).
    # Ranks of support changes (ties averaged): -1, -1 -> 1.5 each; 2 -> 3; 3 -> 4; 4 -> 5: 3 1.5 5 1.5 4
    # Ranks of PHQ-9 changes: -6 -> 1, -5 -> 2, -2 -> 3, -1 -> 4, 7 -> 5:                  3 1 5 2 4
    # Deviations from the mean rank 3: 0 -1.5 2 -1.5 1 and 0 -2 2 -1 1
    # Sum of products 0 + 3 + 4 + 1.5 + 1 = 9.5; sums of squares 9.5 and 10
    # rho = 9.5 / sqrt(9.5 * 10) = 0.97468...
    r = result(linkage(course(PHQ9_6, support=SUPPORT6)), "total_support", 0, on="changes")
    assert (r.rho, r.n) == (pytest.approx(9.5 / (9.5 * 10) ** 0.5), 5)
    assert r.sentence.startswith("From one session to the next, across 5 changes, total support and PHQ-9 moved "
                                 "closely together in the same direction (rho = 0.97, n = 5): when total support "
                                 "rose, PHQ-9 scores tended to rise, which means more symptoms.")


def test_changes_skip_sessions_without_the_instrument():
    # PHQ-9 missing at session 3: changes run 1 -> 2 -> 4 -> 5 -> 6, four pairs: below the minimum of 5.
    r = result(linkage(course([20, 18, None, 19, 14, 13], support=SUPPORT6)), "total_support", 0, on="changes")
    assert (r.rho, r.n) == (None, 4)
    assert r.sentence.startswith("Too few changes from one session to the next have both total support and PHQ-9 "
                                 "to compare them (n = 4; at least 5 are needed).")


def test_lag_one_on_changes_pairs_a_network_change_with_the_next_mood_change():
    # Seven sessions: support 10 12 11 15 14 17 16 -> changes +2 -1 +4 -1 +3 -1
    # PHQ-9 20 18 12 19 14 13 15 -> changes -2 -6 +7 -5 -1 +2
    # Lag 1 pairs support changes 1-5 (+2 -1 +4 -1 +3) with PHQ-9 changes 2-6 (-6 +7 -5 -1 +2): n = 5.
    # Ranks: support 3 1.5 5 1.5 4 (as above); PHQ-9 -6 -> 1, -5 -> 2, -1 -> 3, +2 -> 4, +7 -> 5: 1 5 2 3 4
    # Deviations: 0 -1.5 2 -1.5 1 and -2 2 -1 0 1; products 0 - 3 - 2 + 0 + 1 = -4
    # rho = -4 / sqrt(9.5 * 10) = -0.41039...
    r = result(linkage(course([*PHQ9_6, 15], support=[*SUPPORT6, (8, 8)])), "total_support", 1, on="changes")
    assert (r.rho, r.n) == (pytest.approx(-4 / (9.5 * 10) ** 0.5), 5)
    assert "a change in total support and the next change in PHQ-9 moved loosely together" in r.sentence


def test_a_trend_sentence_when_both_series_merely_drifted():
    # Support climbs 6, 7, ..., 13 and PHQ-9 falls 20, 18, ..., 6: both have |rho with session| = 1.
    # Levels line up perfectly (rho = -1); the changes are constant (+1 each week), so rho on changes is null.
    support = [(3 + (k + 1) // 2, 3 + k // 2) for k in range(8)]
    results = linkage(course([20 - 2 * k for k in range(8)], support=support))
    levels = result(results, "total_support", 0, on="levels")
    changes = result(results, "total_support", 0, on="changes")
    assert levels.rho == pytest.approx(-1.0) and changes.rho is None and changes.trended
    assert changes.sentence.endswith("Both total support and PHQ-9 drifted steadily over the course, so their "
                                     "session-by-session levels line up (rho = -1.00, n = 8) largely because both "
                                     "trended; the week-to-week changes are the better guide.")


def test_no_trend_sentence_when_one_series_did_not_drift():
    # Support 10 12 11 15 14 17: Spearman with session 1..6 = 1 - 6*sum(d^2)/(6*35); ranks 1 3 2 5 4 6,
    # d = 0 -1 1 -1 1 0, sum d^2 = 4, rho = 1 - 24/210 = 0.886 (trended); PHQ-9 20 18 12 19 14 13 has ranks
    # 6 4 1 5 3 2 against 1..6: d = -5 -2 2 -1 2 4, sum d^2 = 54, rho = 1 - 324/210 = -0.543: not a trend.
    results = linkage(course(PHQ9_6, support=SUPPORT6))
    assert not any(r.trended for r in results if r.series == "total_support")
