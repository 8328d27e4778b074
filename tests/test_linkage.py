"""linkage.py: Spearman's rho of network series against mood, at lag 0 and lag 1, computed by hand."""

from __future__ import annotations

import pytest

from ipt_network.linkage import SERIES, linkage, linkage_sentence
from tests.analytics_data import build

# Total support per session 10, 12, 11, 15, 14 (two people, a + b); PHQ-9 20, 18, 12, 19, 14.
SUPPORT = [(5, 5), (6, 6), (5, 6), (7, 8), (7, 7)]
PHQ9 = [20, 18, 12, 19, 14]


def course(phq9=PHQ9, instrument="PHQ-9"):
    return build(*[{"ties": {"a": (1, a, 0), "b": (2, b, 0)}, "mood": {} if score is None else {instrument: score}}
                   for (a, b), score in zip(SUPPORT, phq9, strict=True)])


def result(results, series, lag, instrument="PHQ-9"):
    [found] = [r for r in results if (r.series, r.lag, r.instrument) == (series, lag, instrument)]
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
    assert lag1.sentence == ("Too few sessions have both total support and PHQ-9 to compare them "
                             "(n = 3; at least 4 are needed).")


def test_null_when_a_series_is_constant():
    # Size is 2 in every session.
    r = result(linkage(course()), "size", 0)
    assert (r.rho, r.n) == (None, 5)
    assert "stayed the same" in r.sentence and "n = 5" in r.sentence


def test_every_series_at_both_lags_for_every_instrument_present():
    results = linkage(course())
    assert [(r.series, r.lag) for r in results] == [(s, lag) for s in SERIES for lag in (0, 1)]
    assert {r.instrument for r in results} == {"PHQ-9"}
    assert results[0].as_json() == {"series": "total_support", "instrument": "PHQ-9", "lag": 0,
                                    "rho": pytest.approx(-0.1), "n": 5}


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
