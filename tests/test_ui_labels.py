"""The dashboard's words in the therapist's voice and the client's."""

from __future__ import annotations

import datetime as dt

from ipt_network.model import Phase, ProblemArea
from ipt_network.ui.labels import measure_rows, optional_day, problem_areas, session_caption


def test_problem_areas_in_each_voice():
    areas = [ProblemArea.GRIEF, "role_transition"]
    assert problem_areas(areas) == "Grief, Role transition"
    assert problem_areas(areas, "client") == "Losing someone close, A big change in life"
    assert problem_areas([], "client") == "None recorded"
    assert problem_areas(areas, "nobody") == "Grief, Role transition"  # unknown voice: the therapist's


def test_session_caption_in_each_voice():
    day = dt.date(2026, 2, 2)
    assert session_caption(3, day, Phase.INITIAL) == "Session 3 · 2 Feb 2026 · initial phase"
    assert session_caption(16, day, Phase.TERMINATION, "client") == "Session 16 · 2 Feb 2026 · drawing to a close"
    assert (session_caption(9, day, Phase.MIDDLE, plan="Session 9 of 16 · 7 left")
            == "Session 9 of 16 · 7 left · 2 Feb 2026 · middle phase")
    assert optional_day(None) == "—"


def test_measures_show_undefined_values_as_a_dash():
    measures = {"total_support": 41, "total_conflict": 20, "mean_support": 4.1, "mean_conflict": 2.0,
                "density": None, "effective_size": 8.6, "constraint": 0.2193}
    assert measure_rows(measures) == [
        ("Total support", "41"), ("Total conflict", "20"), ("Mean support", "4.10"), ("Mean conflict", "2.00"),
        ("Density", "—"), ("Effective size", "8.60"), ("Constraint", "0.22"),
    ]
