"""hotspots.py: isolation flags and conflict hotspots, their reasons, ranking and both voices."""

from __future__ import annotations

from hypothesis import given, settings

from ipt_network.graph import session_graph
from ipt_network.hotspots import FLAGS, REASONS, conflict_hotspots, isolation_flags, session_findings
from ipt_network.model import parse_document
from ipt_network.settings import DEFAULT, Thresholds
from tests.analytics_data import build, documents


def codes(doc, number, thresholds=DEFAULT):
    findings = session_findings(doc, number, thresholds)
    return [f.code for f in findings.flags], [(h.person, h.reasons) for h in findings.hotspots]


def test_design_example_flags_and_hotspots(ana_data):
    # Supports >= 5: Mum (6) only -> 1 < 3: few_supports; Mum is in circle 1, so close support exists.
    # Concentration 6/10 = 0.6 > 0.5 with n = 2: concentrated_support.
    # Mum: conflict 8 >= 7 (high_conflict), ambivalent (6, 8) in circle 1 (close_and_conflicted).
    # Dan: conflict 7 >= 7 (high_conflict). One link only, so nobody has conflict among others.
    # Ranking: Mum has 2 reasons, Dan 1.
    flags, spots = codes(parse_document(ana_data), 1)
    assert flags == ["few_supports", "concentrated_support"]
    assert spots == [("p-mum", ("high_conflict", "close_and_conflicted")), ("p-dan", ("high_conflict",))]


def test_design_example_sentences_in_both_voices(ana_data):
    findings = session_findings(parse_document(ana_data), 1)
    mum = findings.hotspots[0]
    assert mum.therapist == "Conflict with Mum 8/10; Mum is in the inner circle with support 6/10 (ambivalent)."
    assert mum.client == ("Things with Mum are very hard right now. "
                          "Mum is very close, and brings both support and strain.")
    few, concentrated = findings.flags
    assert few.therapist == "Only 1 tie with support ≥ 5/10 (fewer than 3)."
    assert few.client == "Only one person feels like a strong support right now."
    assert concentrated.therapist == "60% of all support comes from Mum (6 of 10)."
    assert concentrated.client == "Most of your support comes from Mum."


def test_sentences_use_the_name_given_and_no_gendered_pronoun(ana_data):
    findings = session_findings(parse_document(ana_data), 1, name_of={"p-mum": "M.", "p-dan": "D."}.get)
    text = " ".join(h.therapist + " " + h.client for h in findings.hotspots)
    text += " ".join(f.therapist + " " + f.client for f in findings.flags)
    assert "M." in text and "D." in text and "Mum" not in text and "Dan" not in text
    assert not {"she", "he", "her", "him", "his", "hers"} & set(text.lower().replace(".", " ").split())


def test_close_support_needs_someone_in_circle_one_with_support_at_least_five():
    assert codes(build({"ties": {"a": (1, 5, 0), "b": (2, 9, 0), "c": (2, 9, 0)}}), 1)[0] == []
    # Support 4 in circle 1 is not close support; 9s in circle 2 are not close.
    doc = build({"ties": {"a": (1, 4, 0), "b": (2, 9, 0), "c": (2, 9, 0), "d": (2, 9, 0)}})
    assert codes(doc, 1)[0] == ["no_close_support"]


def test_few_supports_fires_below_three():
    # Three ties with support >= 5 (5, 5, 5): not few. Concentration 5/15 = 0.33.
    assert "few_supports" not in codes(build({"ties": {"a": (1, 5, 0), "b": (2, 5, 0), "c": (2, 5, 0)}}), 1)[0]
    assert "few_supports" in codes(build({"ties": {"a": (1, 5, 0), "b": (2, 5, 0), "c": (2, 4, 0)}}), 1)[0]


def test_concentrated_support_needs_more_than_half_and_two_people():
    # 5 / (5 + 5) = 0.5: not more than half.   6 / (6 + 5) = 0.545: more than half.
    assert "concentrated_support" not in codes(build({"ties": {"a": (1, 5, 0), "b": (1, 5, 0)}}), 1)[0]
    assert "concentrated_support" in codes(build({"ties": {"a": (1, 6, 0), "b": (1, 5, 0)}}), 1)[0]
    # One person carries all support (1.0) but n = 1: not flagged.
    assert "concentrated_support" not in codes(build({"ties": {"a": (1, 6, 0)}}), 1)[0]


def test_shrinking_when_size_or_supportive_count_fell_by_two():
    five = {"ties": {p: (2, 6, 0) for p in "abcde"}}
    three = {"ties": {p: (2, 6, 0) for p in "abc"}}
    four_with_one_supportive_left = {"ties": {"a": (2, 6, 0), "b": (2, 6, 0), "c": (2, 1, 0), "d": (2, 6, 6)}}
    # 5 -> 3 people: fell by 2.
    doc = build(five, three)
    assert "shrinking" in codes(doc, 2)[0]
    assert session_findings(doc, 2).flags[-1].therapist == (
        "Network fell from 5 to 3 people and supportive ties fell from 5 to 3 since session 1.")
    # 5 -> 4 people (fell by 1) but supportive 5 -> 2 (a, b): fell by 3.
    doc = build(five, four_with_one_supportive_left)
    assert "shrinking" in codes(doc, 2)[0]
    assert session_findings(doc, 2).flags[-1].client == "Fewer people feel supportive than last time."
    # 5 -> 4 and supportive 5 -> 4: not shrinking.
    assert "shrinking" not in codes(build(five, {"ties": {p: (2, 6, 0) for p in "abcd"}}), 2)[0]


def test_no_close_support_when_the_inner_circle_is_empty_says_so():
    flag = session_findings(build({"ties": {"a": (2, 9, 0)}}), 1).flags[0]
    assert flag.therapist == "No one in the inner circle gives support ≥ 5/10 (the inner circle is empty)."


def test_conflict_among_others_needs_two_conflicted_links():
    # Links with conflict >= 5: mum–dan (7), mum–sis (5); dan–sis has conflict 4.
    # Mum is in 2 conflicted links; Dan and Sis in 1 each.
    doc = build({"ties": {"mum": (2, 5, 2), "dan": (2, 5, 2), "sis": (2, 5, 2)},
                 "links": {("mum", "dan"): (0, 7), ("mum", "sis"): (0, 5), ("dan", "sis"): (0, 4)}})
    assert codes(doc, 1)[1] == [("mum", ("conflict_among_others",))]
    [mum] = session_findings(doc, 1).hotspots
    assert mum.therapist == "Mum is in 2 links with conflict ≥ 5/10 (with Dan and Sis)."
    assert mum.client == "There is tension between Mum and others in your circle (Dan and Sis)."


def test_rising_conflict_by_three_since_the_previous_session():
    # Dan 2 -> 5 (up 3): rising. Sis 2 -> 4 (up 2): not. Jo joined at 9: no previous value, only high.
    doc = build({"ties": {"dan": (2, 5, 2), "sis": (2, 5, 2)}},
                {"ties": {"dan": (2, 5, 5), "sis": (2, 5, 4), "jo": (3, 0, 9)}})
    assert codes(doc, 2)[1] == [("jo", ("high_conflict",)), ("dan", ("rising_conflict",))]
    assert session_findings(doc, 2).hotspots[1].therapist == "Conflict with Dan rose from 2 to 5 since session 1."


def test_ranking_by_reasons_then_conflict_then_circle():
    # a: high (8) + close ambivalent (6, 8)      -> 2 reasons
    # b: high (9), circle 3                       -> 1 reason, conflict 9
    # c: high (8), circle 2; d: high (8), circle 3 -> 1 reason, conflict 8: closer circle first
    doc = build({"ties": {"a": (1, 6, 8), "b": (3, 0, 9), "c": (2, 0, 8), "d": (3, 0, 8)}})
    assert [p for p, _ in codes(doc, 1)[1]] == ["a", "b", "c", "d"]


def test_deceased_person_raises_nothing_and_their_links_do_not_count():
    # Grandad died before session 1: conflict 9 would be high; two conflicted links would put Mum among
    # others' conflict; neither counts.
    doc = build({"ties": {"grandad": (1, 6, 9), "mum": (2, 5, 1), "dan": (2, 5, 1)},
                 "links": {("grandad", "mum"): (0, 9), ("mum", "dan"): (0, 9)}},
                deceased={"grandad": "2025-12-31"})
    assert codes(doc, 1)[1] == []


def test_tuned_thresholds_change_the_findings():
    doc = build({"ties": {"mum": (1, 6, 7)}})
    assert codes(doc, 1, Thresholds(high_conflict=8))[1] == [("mum", ("close_and_conflicted",))]


@settings(max_examples=80, deadline=None)
@given(documents())
def test_flags_never_fire_on_impossible_inputs(doc):
    first = min(s.number for s in doc.sessions)
    for session in doc.sessions:
        G = session_graph(doc, session.number)
        flags = [f.code for f in isolation_flags(G)]
        spots = conflict_hotspots(G)
        assert "shrinking" not in flags                          # no previous session given
        assert all("rising_conflict" not in h.reasons for h in spots)
        if session.number == first:
            flags_first, spots_first = codes(doc, first)
            assert "shrinking" not in flags_first
            assert all("rising_conflict" not in r for _, r in spots_first)
        n = len(G) - 1
        if n < 2:
            assert "concentrated_support" not in flags
        assert {h.person for h in spots} <= set(G)                # never a person not counted
        assert set(flags) <= set(FLAGS) and all(set(h.reasons) <= set(REASONS) for h in spots)
        assert [f for f in FLAGS if f in flags] == flags         # fixed order
