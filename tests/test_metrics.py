"""metrics.py: every measure of DESIGN section 5, checked against hand calculations."""

from __future__ import annotations

import dataclasses
import math

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipt_network.errors import ValidationError
from ipt_network.graph import session_graph
from ipt_network.metrics import MEASURES, measure_table, measures, valence, valence_counts
from ipt_network.model import parse_document
from ipt_network.settings import DEFAULT, Thresholds
from tests.analytics_data import build, documents


def star(n: int) -> dict:
    """A session where the client knows n people who do not know one another."""
    return {"ties": {f"p{i}": (2, 5, 0) for i in range(n)}}


def test_star_of_four_has_effective_size_four_and_constraint_one_quarter():
    # Burt (1992): with no links among contacts, effective size = n = 4.
    # Constraint: each p_ij = 1/4, no indirect paths, so 4 * (1/4)^2 = 0.25.
    m = measures(session_graph(build(star(4)), 1))
    assert m["effective_size"] == pytest.approx(4.0)
    assert m["constraint"] == pytest.approx(0.25)
    assert m["density"] == 0.0


def test_design_example_every_measure_by_hand(ana_data):
    # Mum: circle 1, support 6, conflict 8 (ambivalent: both >= 5)
    # Dan: circle 1, support 4, conflict 7 (aversive: conflict >= 5, support < 5)
    # Link Mum–Dan. n = 2.
    m = measures(session_graph(parse_document(ana_data), 1))
    assert m == {
        "size": 2,
        "inner_circle": 2,
        "total_support": 10,             # 6 + 4
        "total_conflict": 15,            # 8 + 7
        "mean_support": 5.0,             # 10 / 2
        "mean_conflict": 7.5,            # 15 / 2
        "supportive": 0, "ambivalent": 1, "aversive": 1, "indifferent": 0,
        "density": 1.0,                  # 1 link / (2*1/2 = 1 possible)
        "effective_size": 1.0,           # Borgatti: n - 2t/n = 2 - 2*1/2
        # triangle: p = 1/2 everywhere; local = (1/2 + 1/2*1/2)^2 = 9/16; two contacts: 18/16
        "constraint": pytest.approx(1.125),
        "support_concentration": 0.6,    # 6 / 10
    }
    assert list(m) == list(MEASURES)


def test_path_among_four_contacts_by_hand():
    # Contacts a, b, c, d; links a–b and b–c. n = 4, t = 2 links.
    doc = build({"ties": {"a": (1, 8, 1), "b": (2, 3, 6), "c": (3, 5, 5), "d": (3, 0, 0)},
                 "links": {("a", "b"): (5, 0), ("b", "c"): (5, 0)}})
    m = measures(session_graph(doc, 1))
    assert m["effective_size"] == pytest.approx(3.0)   # 4 - 2*2/4
    assert m["density"] == pytest.approx(1 / 3)        # 2 / (4*3/2 = 6)
    # Degrees: client 4, a 2, b 3, c 2, d 1; p(client, x) = 1/4.
    # a: (1/4 + p(cl,b) p(b,a) = 1/4 * 1/3)^2 = (1/3)^2 = 1/9;  c: the same, 1/9
    # b: (1/4 + 1/4*1/2 + 1/4*1/2)^2 = (1/2)^2 = 1/4;           d: (1/4)^2 = 1/16
    # total = 2/9 + 1/4 + 1/16 = 77/144
    assert m["constraint"] == pytest.approx(77 / 144)
    assert (m["supportive"], m["ambivalent"], m["aversive"], m["indifferent"]) == (1, 1, 1, 1)
    assert m["support_concentration"] == pytest.approx(8 / 16)  # 8 / (8 + 3 + 5 + 0)
    assert m["inner_circle"] == 1


def test_nobody_in_the_network_leaves_every_ratio_undefined():
    m = measures(session_graph(build({}), 1))
    assert m["size"] == 0 and m["total_support"] == 0 and m["supportive"] == 0
    for name in ("mean_support", "mean_conflict", "density", "effective_size", "constraint",
                 "support_concentration"):
        assert m[name] is None, name


def test_one_person_has_effective_size_one_constraint_one_and_no_density():
    # One contact: p = 1, constraint = 1^2 = 1; effective size 1 - 0/1 = 1; no pair for density.
    m = measures(session_graph(build({"ties": {"mum": (1, 0, 3)}}), 1))
    assert (m["effective_size"], m["constraint"], m["density"]) == (1.0, 1.0, None)
    assert m["support_concentration"] is None  # total support 0


def test_deceased_person_is_out_of_every_count():
    # Grandad (support 9, inner circle, link to Mum) died before session 1: the numbers are those of
    # Mum alone: n = 1, support 6, no links.
    with_grandad = build({"ties": {"grandad": (1, 9, 0), "mum": (1, 6, 2)},
                          "links": {("grandad", "mum"): (8, 0)}}, deceased={"grandad": "2025-12-01"})
    without = build({"ties": {"mum": (1, 6, 2)}})
    expected = measures(session_graph(without, 1))
    assert measures(session_graph(with_grandad, 1)) == expected
    assert measures(session_graph(with_grandad, 1, include_deceased=True)) == expected
    assert expected["size"] == 1 and expected["total_support"] == 6


@pytest.mark.parametrize(("support", "conflict", "kind"), [
    (5, 4, "supportive"), (5, 5, "ambivalent"), (4, 5, "aversive"), (4, 4, "indifferent"),
    (10, 0, "supportive"), (0, 10, "aversive"), (10, 10, "ambivalent"), (0, 0, "indifferent"),
])
def test_valence_at_the_threshold_edges(support, conflict, kind):
    # T = 5: "high" means >= 5.
    assert valence(support, conflict) == kind


def test_valence_follows_a_tuned_threshold():
    assert valence(5, 5, Thresholds(high=6)) == "indifferent"
    assert valence(6, 5, Thresholds(high=6)) == "supportive"


def test_measure_table_has_a_row_per_session_and_nan_where_undefined():
    doc = build({"ties": {"mum": (1, 6, 2)}}, {}, {"ties": {"mum": (1, 8, 2), "dan": (2, 2, 0)}})
    table = measure_table(doc)
    assert list(table.index) == [1, 2, 3] and table.index.name == "session"
    assert list(table.columns) == list(MEASURES)
    assert table.loc[3, "total_support"] == 10      # 8 + 2
    assert table.loc[3, "support_concentration"] == 0.8  # 8 / 10
    assert math.isnan(table.loc[2, "mean_support"]) and math.isnan(table.loc[1, "density"])


@settings(max_examples=80, deadline=None)
@given(documents(), st.randoms(use_true_random=False))
def test_measures_do_not_change_when_people_are_relabelled(doc, rng):
    for session in doc.sessions:
        G = session_graph(doc, session.number)
        people = [v for v in G if v != "client"]
        shuffled = people[:]
        rng.shuffle(shuffled)
        H = nx.relabel_nodes(G, {old: f"x-{new}" for old, new in zip(people, shuffled, strict=True)})
        assert measures(H) == pytest.approx(measures(G))


@settings(max_examples=80, deadline=None)
@given(documents(), st.integers(1, 10))
def test_valence_counts_add_up_to_size(doc, high):
    thresholds = Thresholds(high=high)
    for session in doc.sessions:
        G = session_graph(doc, session.number, include_deceased=True)
        assert sum(valence_counts(G, thresholds).values()) == measures(G, thresholds)["size"]


def test_default_thresholds_are_those_of_the_design():
    assert dataclasses.asdict(DEFAULT) == {"high": 5, "high_conflict": 7, "change": 2, "rising": 3,
                                           "shrinking": 2, "few_supports": 3, "concentration": 0.5,
                                           "conflicted_links": 2, "min_n": 4, "min_n_changes": 5}
    assert DEFAULT.replace(high=6).high == 6 and DEFAULT.high == 5


@pytest.mark.parametrize("changes", [{"high": 0}, {"high": 11}, {"high": 5.5}, {"concentration": 1.0},
                                     {"few_supports": 0}, {"min_n": 2}, {"min_n_changes": 2}, {"rising": True}])
def test_impossible_thresholds_are_refused(changes):
    with pytest.raises(ValidationError, match=f"thresholds: {next(iter(changes))}"):
        Thresholds(**changes)
