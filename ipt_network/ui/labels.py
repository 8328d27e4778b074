"""The labels and sentences the dashboard shows, in the therapist's voice or the client's.

The therapist wants the clinical terms; a client looking at the same screen should read plain,
kind words. Every label that differs between the two voices lives here, keyed by voice, so the
two never drift apart and no callback builds sentences of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from ipt_network.figures.style import day
from ipt_network.model import Phase, ProblemArea
from ipt_network.words import VOICES

THERAPIST, CLIENT = VOICES
VOICE_CHOICES = {THERAPIST: "Therapist", CLIENT: "Client"}

PROBLEM_AREAS = {
    THERAPIST: {
        ProblemArea.GRIEF: "Grief",
        ProblemArea.ROLE_DISPUTE: "Role dispute",
        ProblemArea.ROLE_TRANSITION: "Role transition",
        ProblemArea.INTERPERSONAL_DEFICITS: "Interpersonal deficits",
    },
    CLIENT: {
        ProblemArea.GRIEF: "Losing someone close",
        ProblemArea.ROLE_DISPUTE: "Disagreements with someone close",
        ProblemArea.ROLE_TRANSITION: "A big change in life",
        ProblemArea.INTERPERSONAL_DEFICITS: "Feeling alone or finding it hard to connect",
    },
}

PHASES = {
    THERAPIST: {Phase.INITIAL: "initial phase", Phase.MIDDLE: "middle phase",
                Phase.TERMINATION: "termination phase"},
    CLIENT: {Phase.INITIAL: "getting started", Phase.MIDDLE: "middle of therapy",
             Phase.TERMINATION: "drawing to a close"},
}


INVENTORY_QUESTIONS = {
    THERAPIST: {"good": "What is good in it", "hard": "What is hard in it",
                "expectations": "What each expects of the other",
                "wants_changed": "What the client would like to change", "support_flow": "Which way care flows",
                "confides": "Does the client confide in them",
                "knows_about_depression": "Do they know about the depression"},
    CLIENT: {"good": "What is good", "hard": "What is hard", "expectations": "What you expect of each other",
             "wants_changed": "What you would like to change", "support_flow": "Who looks after whom",
             "confides": "You talk to them about what matters",
             "knows_about_depression": "They know how low you have felt"},
}
"""The interpersonal inventory's questions (DESIGN section 9) as the inventory card asks them."""

SUPPORT_FLOWS = {
    THERAPIST: {"both_ways": "Both ways", "mostly_to_client": "Mostly to the client",
                "mostly_from_client": "Mostly from the client"},
    CLIENT: {"both_ways": "You look after each other", "mostly_to_client": "Mostly they look after you",
             "mostly_from_client": "Mostly you look after them"},
}

def voice_or_default(voice: str | None) -> str:
    """The voice asked for, or the therapist's when the value is unknown."""
    return voice if voice in VOICES else THERAPIST


def problem_areas(areas: Iterable[ProblemArea | str], voice: str = THERAPIST) -> str:
    """Problem areas as a comma-separated phrase; "None recorded" when there are none."""
    names = PROBLEM_AREAS[voice_or_default(voice)]
    words = [names[ProblemArea(area)] for area in areas]
    return ", ".join(words) if words else "None recorded"


def optional_day(date: dt.date | None) -> str:
    """``19 Jan 2026``, or an em dash when there is no date."""
    return day(date) if date else "—"


def session_caption(number: int, date: dt.date, phase: Phase, voice: str = THERAPIST, *,
                    plan: str | None = None) -> str:
    """``Session 3 · 19 Jan 2026 · initial phase``; with a planned number of sessions, where the session
    stands in it first (``plan``, from ``contract.Contract.words``): ``Session 3 of 16 · 13 left · ...``."""
    return f"{plan or f'Session {number}'} · {day(date)} · {PHASES[voice_or_default(voice)][phase]}"


MEASURE_NAMES = {
    "total_support": "Total support",
    "total_conflict": "Total conflict",
    "mean_support": "Mean support",
    "mean_conflict": "Mean conflict",
    "density": "Density",
    "effective_size": "Effective size",
    "constraint": "Constraint",
}
"""The measures shown beside the picture in the therapist's voice (DESIGN section 5 names them)."""


def measure_value(value: int | float | None) -> str:
    """A measure for display: counts as they are, other numbers to two places, undefined as an em dash."""
    if value is None:
        return "—"
    return f"{value}" if isinstance(value, int) else f"{value:.2f}"


def measure_rows(measures: Mapping[str, int | float | None]) -> list[tuple[str, str]]:
    """``(name, value)`` pairs for display; a measure that is not defined shows as an em dash."""
    return [(name, measure_value(measures[key])) for key, name in MEASURE_NAMES.items()]


# --- comparing two sessions ------------------------------------------------------------------

CHANGE_TABLE_NAMES = {
    "size": "People",
    "inner_circle": "Inner circle",
    "supportive": "Supportive ties",
    "ambivalent": "Ambivalent ties",
    "aversive": "Aversive ties",
    **MEASURE_NAMES,
}
"""The measures in the therapist's table of what changed between two sessions, in its order."""


def measure_change(delta: int | float | None) -> str:
    """A change with its sign (``+3``, ``−0.25``, ``0``); undefined as an em dash.

    >>> measure_change(3), measure_change(-0.25), measure_change(0), measure_change(None)
    ('+3', '−0.25', '0', '—')
    """
    if delta is None:
        return "—"
    if delta == 0:
        return "0"
    text = f"{delta:+d}" if isinstance(delta, int) else f"{delta:+.2f}"
    return text.replace("-", "−")
