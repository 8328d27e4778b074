"""The comparison panel's content, built from the Priya sample (data/samples/priya_role_dispute.json).

Hand-traced in tests/browser/test_compare.py: from session 4 to session 8 Claire's conflict falls
5 → 3 and her tie turns supportive; Vikram's tie turns supportive by one-point moves, which is not
named; supportive ties go 7 → 9.
"""

from __future__ import annotations

import json
import re

import pytest
from dash.development.base_component import Component

from ipt_network.formats import read_document
from ipt_network.overview import CourseAnalysis
from ipt_network.ui.callbacks_compare import comparison
from ipt_network.ui.labels import measure_change
from ipt_network.ui.layout_compare import compare_options
from tests.conftest import ROOT

PRIYA = ROOT / "data" / "samples" / "priya_role_dispute.json"


@pytest.fixture(scope="module")
def course() -> CourseAnalysis:
    return CourseAnalysis(read_document(PRIYA))


def texts(component) -> list[str]:
    """Every string in a component tree, figures included (as JSON)."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, list | tuple):
        return [text for child in component for text in texts(child)]
    if isinstance(component, Component):
        found = texts(getattr(component, "children", None))  # never ``or``: a Component's truth is its length
        figure = getattr(component, "figure", None)
        return found + ([json.dumps(figure, ensure_ascii=False)] if figure else [])
    return []


def test_the_options_are_every_other_session():
    assert compare_options([1, 2, 4], 2) == [{"label": "Session 1", "value": 1}, {"label": "Session 4", "value": 4}]
    assert compare_options([], None) == []


def test_changes_are_shown_with_their_sign():
    assert [measure_change(d) for d in (2, -5, 0, 0.55, -0.45, None)] == ["+2", "−5", "0", "+0.55", "−0.45", "—"]


def test_therapist_panel_lists_the_changes_and_the_measures(course):
    shown = " | ".join(texts(comparison(course, 4, 8, {"voice": "therapist", "hide_names": False})))
    assert "From session 4 to session 8: 2 changes" in shown
    for sentence in ("Conflict with Claire fell from 5 to 3", "Tie with Claire went from aversive to supportive"):
        assert sentence in shown
    # Vikram: support 4 → 5, conflict 2 → 1: a flip by one-point moves is not named
    assert "Tie with Vikram" not in shown
    assert "Supportive ties | 7 | 9 | +2" in shown
    assert "Session 4 · 23 Feb 2026" in shown and "Session 8 · 23 Mar 2026" in shown


def test_client_panel_has_plain_words_and_no_table(course):
    shown = " | ".join(texts(comparison(course, 4, 8, {"voice": "client", "hide_names": False})))
    assert "Since session 4" in shown
    assert "Things with Claire feel easier" in shown
    assert "Supportive ties" not in shown


@pytest.mark.parametrize("voice", ["therapist", "client"])
def test_hidden_names_appear_nowhere_in_the_panel(course, voice):
    shown = " | ".join(texts(comparison(course, 4, 8, {"voice": voice, "hide_names": True})))
    names = [person.name for person in course.doc.people] + [course.doc.client.label]
    assert [name for name in names if re.search(rf"\b{re.escape(name)}\b", shown)] == []
    # ids are typed by people too (p-claire), and the figures would otherwise carry them as keys
    typed_ids = [person.id for person in course.doc.people] + [course.doc.client.id]
    assert [typed for typed in typed_ids if typed in shown] == []
    assert "Colleague" in shown  # Claire, by her role
