"""graph.py: one session as a networkx graph (people alive that day), and back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from ipt_network.errors import NotFoundError
from ipt_network.graph import (
    counted_graph,
    graph_to_session,
    name_lookup,
    previous_session,
    session_graph,
    ties,
)
from ipt_network.model import parse_document
from tests.analytics_data import build, documents


def test_design_example_becomes_client_two_people_two_ties_one_link(ana_data):
    G = session_graph(parse_document(ana_data), 1)
    assert set(G.nodes) == {"c-ana", "p-mum", "p-dan"}
    assert G.graph == {"client": "c-ana", "session": 1, "date": parse_document(ana_data).sessions[0].date,
                       "phase": "initial"}
    assert G.nodes["c-ana"] == {"kind": "client", "label": "Ana"}
    assert G.nodes["p-mum"] == {"kind": "person", "name": "Mum", "role": "parent", "deceased": False}
    assert G.edges["c-ana", "p-mum"] == {"kind": "tie", "circle": 1, "support": 6, "conflict": 8,
                                         "contact": "weekly"}
    assert G.edges["c-ana", "p-dan"] == {"kind": "tie", "circle": 1, "support": 4, "conflict": 7,
                                         "focus": "role_dispute", "note": "arguments about money"}
    assert G.edges["p-mum", "p-dan"] == {"kind": "link", "support": 1, "conflict": 7}


def test_person_without_a_tie_that_session_is_not_in_the_graph():
    doc = build({"ties": {"mum": (1, 6, 2), "dan": (2, 5, 1)}}, {"ties": {"mum": (1, 6, 2)}})
    assert set(session_graph(doc, 2)) == {"client", "mum"}


def test_deceased_person_and_their_links_are_left_out_from_the_day_they_died():
    # grandad died on 2026-01-12, the date of session 2: "alive" means deceased_on later than the date.
    tie = {"ties": {"grandad": (1, 9, 0), "mum": (1, 6, 2)}, "links": {("grandad", "mum"): (8, 0)}}
    doc = build(tie, tie, deceased={"grandad": "2026-01-12"})
    assert set(session_graph(doc, 1)) == {"client", "grandad", "mum"}
    assert set(session_graph(doc, 2)) == {"client", "mum"}
    assert session_graph(doc, 2).number_of_edges() == 1


def test_picture_keeps_the_deceased_marked_and_counted_graph_removes_them():
    tie = {"ties": {"grandad": (1, 9, 0), "mum": (1, 6, 2)}, "links": {("grandad", "mum"): (8, 0)}}
    doc = build(tie, deceased={"grandad": "2026-01-01"})
    picture = session_graph(doc, 1, include_deceased=True)
    assert picture.nodes["grandad"]["deceased"] is True
    assert picture.has_edge("grandad", "mum")
    assert set(counted_graph(picture)) == {"client", "mum"}
    assert set(ties(picture)) == {"mum"}


def test_unknown_session_is_refused_with_its_number():
    with pytest.raises(NotFoundError, match="has no session 9"):
        session_graph(build({}), 9)


def test_previous_session_is_the_highest_lower_number():
    doc = build({}, {}, {})
    assert previous_session(doc, 1) is None
    assert previous_session(doc, 3).number == 2


def test_name_lookup_reads_the_first_graph_that_knows_the_person():
    doc = build({"ties": {"mum": (1, 6, 2)}}, {"ties": {"dan": (1, 6, 2)}})
    name_of = name_lookup(session_graph(doc, 2), session_graph(doc, 1))
    assert (name_of("dan"), name_of("mum")) == ("Dan", "Mum")


def test_back_from_a_graph_gives_the_same_session(ana_data):
    doc = parse_document(ana_data)
    session = doc.sessions[0]
    back = graph_to_session(session_graph(doc, 1), session)
    assert sorted(back.ties, key=lambda t: t.person) == sorted(session.ties, key=lambda t: t.person)
    assert {link.pair for link in back.links} == {link.pair for link in session.links}
    assert back.mood == session.mood


@settings(max_examples=60, deadline=None)
@given(documents())
def test_round_trip_through_the_picture_graph_loses_nothing(doc):
    for session in doc.sessions:
        back = graph_to_session(session_graph(doc, session.number, include_deceased=True), session)
        assert sorted(back.ties, key=lambda t: t.person) == sorted(session.ties, key=lambda t: t.person)
        assert ({(link.pair, link.support, link.conflict) for link in back.links}
                == {(link.pair, link.support, link.conflict) for link in session.links})
