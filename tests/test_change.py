"""change.py: who joined, left or died, ring moves, rating and valence changes, links, deltas, summaries."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipt_network.change import remembered_ties, session_change
from ipt_network.settings import Thresholds
from tests.analytics_data import build, documents

BEFORE = {"ties": {"mum": (1, 6, 8), "dan": (1, 4, 7), "sis": (2, 5, 1), "grandad": (1, 9, 0), "jo": (3, 3, 3)},
          "links": {("mum", "dan"): (1, 7), ("sis", "grandad"): (8, 0)}}
AFTER = {"ties": {"mum": (2, 7, 8), "dan": (1, 4, 4), "sis": (2, 7, 1), "club": (3, 6, 0)},
         "links": {("mum", "dan"): (1, 7), ("mum", "sis"): (5, 0)}}


def two_sessions():
    # Grandad died on the date of session 2 (2026-01-12); Jo simply is not in session 2.
    return build(BEFORE, AFTER, deceased={"grandad": "2026-01-12"})


def test_every_kind_of_change_by_hand():
    c = session_change(two_sessions(), 1, 2)
    assert [i.person for i in c.of_kind("joined")] == ["club"]
    assert [i.person for i in c.of_kind("left")] == ["jo"]
    assert [i.person for i in c.of_kind("died")] == ["grandad"]
    assert [(i.person, i.before, i.after) for i in c.of_kind("ring")] == [("mum", 1, 2)]
    # support: mum 6 -> 7 (1 point, not named), sis 5 -> 7 (2 points: named)
    assert [(i.person, i.before, i.after) for i in c.of_kind("support")] == [("sis", 5, 7)]
    # conflict: dan 7 -> 4 (3 points)
    assert [(i.person, i.before, i.after) for i in c.of_kind("conflict")] == [("dan", 7, 4)]
    # valence: dan (4, 7) aversive -> (4, 4) indifferent; mum stays ambivalent; sis stays supportive
    assert [(i.person, i.before, i.after) for i in c.of_kind("valence")] == [("dan", "aversive", "indifferent")]
    assert [i.pair for i in c.of_kind("link_added")] == [("mum", "sis")]
    # sis–grandad goes because grandad is no longer counted: told in Grandad's line, not on its own
    assert c.of_kind("link_removed") == ()
    assert [(i.person, i.with_links) for i in c.of_kind("died")] == [("grandad", ("sis",))]


def test_measure_deltas_by_hand():
    c = session_change(two_sessions(), 1, 2)
    # Session 1 counts 5 people, support 6+4+5+9+3 = 27, conflict 8+7+1+0+3 = 19.
    # Session 2 counts 4 people, support 7+4+7+6 = 24, conflict 8+4+1+0 = 13.
    assert c.deltas["size"] == -1
    assert c.deltas["total_support"] == -3
    assert c.deltas["total_conflict"] == -6
    assert c.deltas["inner_circle"] == -2   # mum, dan, grandad -> dan (mum moved out to circle 2)
    # density: 2 / 10 -> 2 / 6
    assert c.deltas["density"] == pytest.approx(2 / 6 - 2 / 10)


def test_summary_in_both_voices():
    c = session_change(two_sessions(), 1, 2)
    assert c.summary(limit=None) == (
        "Since session 1: Club joined (outer circle); Jo left the network (was in the outer circle); "
        "Grandad died (on 2026-01-12), with the link to Sis; Mum moved from the inner circle to the middle circle; "
        "support from Sis rose from 5 to 7; conflict with Dan fell from 7 to 4; "
        "tie with Dan went from aversive to indifferent; link Mum–Sis added.")
    assert c.summary("client", limit=3) == (
        "Since session 1: Club joined your outer circle; Jo is no longer in the picture; Grandad has died, so the "
        "link with Sis is no longer shown; and 5 more changes.")


def test_summary_uses_the_names_given():
    c = session_change(two_sessions(), 1, 2, name_of=lambda p: p[0].upper() + ".")
    assert c.summary(limit=1) == "Since session 1: C. joined (outer circle); and 7 more changes."


def test_one_point_changes_are_not_named_and_two_points_are():
    # The 2-point threshold (DESIGN): 5 -> 4 is not a change worth naming; 5 -> 3 is.
    doc = build({"ties": {"dan": (1, 5, 5)}}, {"ties": {"dan": (1, 5, 4)}}, {"ties": {"dan": (1, 5, 3)}})
    assert session_change(doc, 1, 2).of_kind("conflict") == ()
    assert [(i.before, i.after) for i in session_change(doc, 1, 3).of_kind("conflict")] == [(5, 3)]
    assert session_change(doc, 1, 3, Thresholds(change=3)).of_kind("conflict") == ()


def test_a_valence_flip_is_named_only_when_a_rating_moved_by_the_threshold():
    # GP support 4 -> 5 with conflict 0: indifferent -> supportive by one point (T = 5): not named.
    # Support 4 -> 6: two points, named with its valence change.
    doc = build({"ties": {"gp": (3, 4, 0)}}, {"ties": {"gp": (3, 5, 0)}}, {"ties": {"gp": (3, 6, 0)}})
    assert session_change(doc, 1, 2).items == ()
    assert [(i.kind, i.before, i.after) for i in session_change(doc, 1, 3).items] == [
        ("support", 4, 6), ("valence", "indifferent", "supportive")]


def test_links_that_leave_with_a_person_are_told_in_that_persons_line():
    # Mick leaves with his links to Gaz and Crew; the Gaz–Crew link between two who stay is told on its own.
    doc = build({"ties": {"mick": (2, 6, 1), "gaz": (2, 6, 1), "crew": (2, 6, 1)},
                 "links": {("mick", "gaz"): (6, 0), ("crew", "mick"): (6, 0), ("crew", "gaz"): (5, 0)}},
                {"ties": {"gaz": (2, 6, 1), "crew": (2, 6, 1)}})
    c = session_change(doc, 1, 2)
    assert [(i.kind, i.person, i.pair) for i in c.items] == [("left", "mick", None), ("link_removed", None,
                                                                                        ("crew", "gaz"))]
    assert c.items[0].therapist == "Mick left the network (was in the middle circle), with the links to Crew and Gaz"
    assert c.items[0].client == ("Mick is no longer in the picture, so the links with Crew and Gaz are no longer "
                                 "shown")
    # The other way round, the links come with the person who joined.
    back = session_change(doc, 2, 1)
    assert back.items[0].therapist == "Mick joined (middle circle), linked to Crew and Gaz"


def test_remembered_ties_give_the_ratings_of_people_who_have_died():
    # Grandad died on the date of session 2 but is still rated (in memory) there: 9/0 then 7/2.
    doc = build({"ties": {"grandad": (1, 9, 0)}}, {"ties": {"grandad": (1, 7, 2)}},
                deceased={"grandad": "2026-01-12"})
    [tie] = remembered_ties(doc, 1, 2, lambda p: p.capitalize())
    assert (tie.before, tie.after) == ((9, 0), (7, 2))
    assert tie.therapist == "Grandad 9/0 → 7/2 since session 1 (support/conflict; has died)"
    assert tie.client == "Grandad (in memory): support 9 → 7, strain 0 → 2 since the first session"


def test_no_change_reads_calmly():
    doc = build({"ties": {"mum": (1, 6, 2)}}, {"ties": {"mum": (1, 6, 2)}})
    c = session_change(doc, 1, 2)
    assert c.is_empty
    assert c.summary() == "Since session 1: no changes in the network."
    assert c.summary("client") == "Since session 1: your circle is the same."


MIRROR = {"joined": {"left", "died"}, "left": {"joined"}, "died": {"joined"}, "link_added": {"link_removed"},
          "link_removed": {"link_added"}}


def _signature(item):
    return (item.person, item.pair, item.before, item.after)


@settings(max_examples=80, deadline=None)
@given(documents(), st.data())
def test_diff_with_itself_is_empty_and_diff_mirrors(doc, data):
    numbers = [s.number for s in doc.sessions]
    a = data.draw(st.sampled_from(numbers))
    b = data.draw(st.sampled_from(numbers))
    assert session_change(doc, a, a).is_empty
    forward, backward = session_change(doc, a, b), session_change(doc, b, a)
    for item in forward.items:
        kinds = MIRROR.get(item.kind, {item.kind})
        swapped = (item.person, item.pair, item.after, item.before)
        if item.kind in ("joined", "left", "died"):
            assert any(m.kind in kinds and m.person == item.person for m in backward.items)
        else:
            assert any(m.kind in kinds and _signature(m) == swapped for m in backward.items)
    assert len(forward.items) == len(backward.items)
    for name, delta in forward.deltas.items():
        back = backward.deltas[name]
        assert (delta is None) == (back is None)
        if delta is not None:
            assert delta == pytest.approx(-back)
