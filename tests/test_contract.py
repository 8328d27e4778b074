"""The time-limited contract and attendance: "Session k of N", the phases the plan suggests, the
midpoint prompt, and a missed session left out of every series while keeping its date.

The course used below, checked by hand: weekly sessions 1–5 of a plan of 8, session 3 cancelled.

| session | Mum (circle, support, conflict) | Dan | PHQ-9 |
|---|---|---|---|
| 1 | 1, 6, 2 | – | 18 |
| 2 | 1, 4, 2 | 2, 7, 1 | 15 |
| 3 | cancelled | | |
| 4 | 1, 8, 2 | 2, 7, 1 | 12 |
| 5 | 1, 8, 0 | 2, 7, 1 | 11 |

Total support: 6, 11, 15, 15 over sessions 1, 2, 4 and 5.
"""

from __future__ import annotations

import math

import pytest

from ipt_network.contract import Contract, contract, midpoint_prompt, new_session_phase, suggested_phase
from ipt_network.export import session_note
from ipt_network.figures.timeline import timeline_figure, timeline_sessions, timeline_summary
from ipt_network.linkage import network_series, paired
from ipt_network.metrics import measure_table
from ipt_network.model import Phase, parse_document
from ipt_network.overview import CourseAnalysis, course_overview
from ipt_network.scales import mood_results, mood_table
from tests.analytics_data import session_date

TIES = {1: {"mum": (1, 6, 2)}, 2: {"mum": (1, 4, 2), "dan": (2, 7, 1)}, 4: {"mum": (1, 8, 2), "dan": (2, 7, 1)},
        5: {"mum": (1, 8, 0), "dan": (2, 7, 1)}}
PHQ9 = {1: 18, 2: 15, 4: 12, 5: 11}


def course(planned: int | None = 8, moods: dict[int, dict[str, int]] | None = None,
           missed: dict[int, str] | None = None, count: int = 5):
    """Weekly sessions 1..count, all middle phase; ``missed`` session → its attendance."""
    missed = {3: "cancelled"} if missed is None else missed
    moods = {n: {"PHQ-9": score} for n, score in PHQ9.items()} if moods is None else moods
    return parse_document({
        "format": "ipt-network", "version": 2,
        "client": {"id": "c", "label": "Test", "start_date": session_date(1), "planned_sessions": planned},
        "people": [{"id": "mum", "name": "Mum", "role": "parent"}, {"id": "dan", "name": "Dan", "role": "partner"}],
        "sessions": [{"number": n, "date": session_date(n), "phase": "middle",
                      **({"attendance": missed[n]} if n in missed else {
                          "ties": [{"person": p, "circle": c, "support": s, "conflict": k}
                                   for p, (c, s, k) in TIES.get(n, {}).items()],
                          "mood": [{"instrument": i, "score": v} for i, v in moods.get(n, {}).items()]})}
                     for n in range(1, count + 1)],
    })


# --- the contract --------------------------------------------------------------------------------

def test_session_k_of_n_counts_the_missed_session_as_used():
    doc = course()
    assert contract(doc, 5) == Contract(5, 8, missed=1)
    assert contract(doc, 5).words == "Session 5 of 8 · 3 left · 1 missed"
    assert contract(doc, 2).words == "Session 2 of 8 · 6 left"
    assert contract(course(planned=None), 5) is None


@pytest.mark.parametrize(("planned", "initial", "ending"), [(16, [1, 2, 3], [13, 14, 15, 16]),
                                                            (12, [1, 2, 3], [10, 11, 12]),
                                                            (8, [1, 2], [7, 8])])
def test_phases_suggested_from_the_plan(planned, initial, ending):
    # Initial: min(3, planned // 4) sessions; ending: min(4 from 15 planned, else 3; planned // 4).
    phases = {n: suggested_phase(n, planned) for n in range(1, planned + 1)}
    assert [n for n, p in phases.items() if p is Phase.INITIAL] == initial
    assert [n for n, p in phases.items() if p is Phase.TERMINATION] == ending
    assert suggested_phase(planned + 1, planned) is Phase.TERMINATION


def test_a_new_session_takes_the_plans_phase_or_else_the_one_before():
    assert new_session_phase(course(), 7) is Phase.TERMINATION  # 7 > 8 - 2
    assert new_session_phase(course(), 6) is Phase.MIDDLE
    assert new_session_phase(course(planned=None), 6) is Phase.MIDDLE  # the phase of session 5
    assert new_session_phase(course(planned=None, count=0), 1) is Phase.INITIAL


def scores(values: list[int], instrument: str = "PHQ-9") -> dict[int, dict[str, int]]:
    return {n: {instrument: v} for n, v in enumerate(values, 1)}


def test_midpoint_prompt_when_no_reliable_improvement():
    # Plan of 12: sessions 5, 6 and 7 are within one of 12 / 2 = 6. PHQ-9 16 → 11 is 5 points, under 6.
    doc = course(planned=12, moods=scores([16, 15, 14, 13, 12, 11]), missed={}, count=6)
    assert midpoint_prompt(doc, 6) == (
        "About halfway through the 12 planned sessions, PHQ-9 has not yet reliably improved on its first "
        "score (16 at session 1, 11 at session 6; a reliable change is 6 points). A good moment to review the "
        "focus, the goals and the formulation together.")
    assert "12 at session 5" in midpoint_prompt(doc, 5)
    assert midpoint_prompt(doc, 4) is None  # |4 - 6| = 2: not the midpoint
    improved = course(planned=12, moods=scores([16, 15, 14, 13, 12, 10]), missed={}, count=6)
    assert midpoint_prompt(improved, 6) is None  # 16 → 10 is 6 points: reliable improvement


def test_midpoint_prompt_falls_back_to_gad7_and_says_a_worsening_calmly():
    doc = course(planned=10, moods=scores([10, 11, 12, 13, 14], "GAD-7"), missed={}, count=5)
    # 10 → 14 is 4 points worse on GAD-7: reliable deterioration (GAD-7 needs 4).
    assert midpoint_prompt(doc, 5).startswith(
        "About halfway through the 10 planned sessions, GAD-7 is reliably worse than its first score "
        "(10 at session 1, 14 at session 5; a reliable change is 4 points).")
    assert midpoint_prompt(course(planned=10, moods=scores([3, 3, 3, 3, 3], "mood-0-10"), missed={}), 5) is None
    assert midpoint_prompt(course(planned=None), 4) is None


# --- attendance: a missed session keeps its date and is left out of every series ------------------

def test_a_missed_session_has_no_row_in_any_series():
    doc = course()
    measures, mood = measure_table(doc), mood_table(doc)
    assert list(measures.index) == [1, 2, 4, 5] == list(mood.index)
    assert list(measures["total_support"]) == [6, 11, 15, 15]
    assert list(mood["PHQ-9"]) == [18, 15, 12, 11]
    assert 3 not in mood_results(doc)
    assert [s["session"] for s in course_overview(doc)["sessions"]] == [1, 2, 4, 5]


def test_lag_one_pairs_the_network_with_the_next_session_held():
    doc = course()
    x, y = paired(network_series(measure_table(doc))["total_support"], mood_table(doc)["PHQ-9"], lag=1)
    # Sessions 1→2, 2→4, 4→5: never the cancelled session's empty network (0) with session 4's mood.
    assert x.tolist() == [6, 11, 15] and y.tolist() == [15, 12, 11]
    levels = next(link for link in CourseAnalysis(doc).linkage()
                  if (link.series, link.lag, link.on) == ("total_support", 0, "levels"))
    # Ranks of support 1, 2, 3.5, 3.5 against PHQ-9 4, 3, 2, 1: rho = -4.5 / sqrt(4.5 × 5) = -sqrt(0.9).
    assert levels.n == 4 and math.isclose(levels.rho, -math.sqrt(0.9))


def test_since_last_time_is_the_previous_session_held():
    doc = course()
    analysis = CourseAnalysis(doc)
    assert analysis.previous(4) == 2 and analysis.previous(5) == 4
    # Mum 4/2 → 8/2: support rose by 4, and with support now ≥ 5 the tie turned supportive.
    assert analysis.change(2, 4).summary() == (
        "Since session 2: support from Mum rose from 4 to 8; tie with Mum went from indifferent to supportive.")
    assert analysis.mood(3) == {}
    assert analysis.findings(3).flags == () and analysis.findings(3).hotspots == ()  # not "no close support"
    # Session 4: 2 ties with support ≥ 5 (fewer than 3); Mum gives 8 of 15 = 0.53 > 0.5 of all support.
    assert [f.code for f in analysis.findings(4).flags] == ["few_supports", "concentrated_support"]
    note = session_note(doc, 4)
    assert note.previous == 2 and note.change_heading == "Since session 2"
    assert session_note(doc).session == 5


def test_the_timeline_keeps_the_missed_session_and_its_date():
    sessions = timeline_sessions(course())
    assert [s.number for s in sessions] == [1, 2, 3, 4, 5] and sessions[2].attendance == "cancelled"
    figure = timeline_figure(sessions)
    missed = next(t for t in figure["data"] if t["name"] == "Not held")
    assert missed["x"] == [3] and "19 Jan 2026<br>Middle phase<br>Cancelled" in missed["hovertext"][0]
    assert timeline_summary(sessions).endswith("; 0 life events; 1 not held.")
