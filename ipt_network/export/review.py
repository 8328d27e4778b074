"""The end-of-therapy review, built once as plain data for every renderer: the therapist's document
for the last sessions of IPT, the review of gains and the relapse plan (DESIGN section 9).

It sets the first session held beside the last: the two closeness circles side by side, each person
at the same angle in both (``layout.ring_positions`` seats everyone of the course once), so the eye
can follow them; every change between the two, with the ratings of people who have died (out of
every number, kept here); the key measures then and now; the mood course with its outcome on each
scale (reliable change, response and remission against the first score, ``scales``); the goals with
their final status; and the relapse plan: warning signs, what to do, and the people to turn to,
chosen from the map. Safety signals of the whole course come first, as in every therapist's note.

With names hidden the review is made from ``hidden.without_names(doc)``: people are shown by role,
and the plan's words are left out (they may name people) while their number stays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ipt_network.case import AREA_WORDS, focus_line, goal_states
from ipt_network.change import remembered_ties
from ipt_network.contract import contract
from ipt_network.figures.style import day
from ipt_network.graph import NameOf, find_session, held_sessions
from ipt_network.model import Document
from ipt_network.overview import CourseAnalysis
from ipt_network.scales import mood_sentence
from ipt_network.words import plural

from .note import (
    MeasureLine,
    capitalised,
    course_safety,
    held_session,
    latest_session,
    measure_lines,
    mood_view,
    namer,
    network_view,
    prepared,
    risk_note_hidden,
    safety_lines,
)


@dataclass(frozen=True)
class RelapsePlanWords:
    """The relapse plan as shown: its words (or a line saying they are left out) and the people by name."""

    warning_signs: tuple[str, ...]
    actions: tuple[str, ...]
    people: tuple[str, ...]


@dataclass(frozen=True)
class Review:
    """Everything the end-of-therapy review shows, in the order it is shown; figures are plotly dicts."""

    client_label: str
    hide_names: bool
    first: int
    session: int
    """The last session held, the one the review is made at."""
    date: dt.date
    first_date: dt.date
    phase: str
    contract: str
    problem_areas: tuple[str, ...]
    areas_agreed_at: int | None
    formulation: str
    formulation_shared_at: int | None
    safety: tuple[str, ...]
    first_figure: dict
    last_figure: dict
    changes: tuple[str, ...]
    remembered: tuple[str, ...]
    measures: tuple[MeasureLine, ...]
    """Each key measure at the last session, ``change`` from the first."""
    mood: tuple[str, ...]
    mood_figure: dict | None
    goals: tuple[str, ...]
    relapse_plan: RelapsePlanWords | None
    held: int
    missed: int

    @property
    def date_text(self) -> str:
        return day(self.date)

    @property
    def focus_line(self) -> str:
        return focus_line(self.problem_areas, self.areas_agreed_at)

    @property
    def heading(self) -> str:
        """``Rosa · Review at session 16``: the title and the page footer."""
        return f"{self.client_label} · Review at session {self.session}"

    @property
    def course_words(self) -> str:
        """``"16 sessions held, from 12 Jan 2026 to 27 Apr 2026"`` (and how many were not held, if any)."""
        missed = f"; {self.missed} not held" if self.missed else ""
        return f"{plural(self.held, 'session')} held, from {day(self.first_date)} to {self.date_text}{missed}"


def review(doc: Document, number: int | None = None, *, hide_names: bool = False) -> Review:
    """The end-of-therapy review at session ``number`` (default: the last session held), against the
    first session held. Raises ``NotFoundError`` when there is no such session or it was not held."""
    original = doc
    doc = prepared(doc, hide_names)
    number = latest_session(doc) if number is None else number
    session = held_session(doc, number)
    course = CourseAnalysis(doc)
    name_of = namer(doc, "therapist")
    first = course.numbers[0]
    held = [s.number for s in held_sessions(doc) if s.number <= number]
    change = course.change(first, number, name_of) if first != number else None
    client = doc.client
    results = course.mood(number)
    return Review(
        client_label=client.label, hide_names=hide_names, first=first, session=number, date=session.date,
        first_date=find_session(doc, first).date, phase=f"{session.phase.value.capitalize()} phase",
        contract=contract(doc, number).words if client.planned_sessions else "",
        problem_areas=tuple(AREA_WORDS[area] for area in client.problem_areas),
        areas_agreed_at=client.areas_agreed_at,
        formulation=client.formulation,
        formulation_shared_at=client.formulation_shared_at,
        safety=(*safety_lines(results, session.risk, risk_note_hidden(original, number, hide_names)),
                *course_safety(course, number)),
        first_figure=network_view(course, first, title=f"Session {first}"),
        last_figure=network_view(course, number, title=f"Session {number}"),
        changes=tuple(capitalised(item.therapist) for item in change.items) if change else (),
        remembered=tuple(tie.therapist for tie in remembered_ties(doc, first, number, name_of)) if change else (),
        measures=measure_lines(course, number, change, "therapist"),
        mood=_mood_course(course, number),
        mood_figure=mood_view(course, number),
        goals=tuple(state.words("therapist") for state in goal_states(doc, number)),
        relapse_plan=_relapse_plan(doc, name_of, hide_names),
        held=len(held),
        missed=sum(1 for s in doc.sessions if s.number <= number and not s.attended),
    )


def _mood_course(course: CourseAnalysis, number: int) -> tuple[str, ...]:
    """Each scale's last score up to session ``number`` with its outcome against the first score."""
    last: dict = {}
    for n in course.numbers:
        if n <= number:
            last.update(course.mood(n))
    return tuple(f"At session {result.session}: {mood_sentence(result)}" for result in last.values())


def _relapse_plan(doc: Document, name_of: NameOf, hide_names: bool) -> RelapsePlanWords | None:
    """The plan in words; with names hidden, how many entries it has in place of their words."""
    plan = doc.client.relapse_plan
    if plan is None:
        return None

    def words(texts: list[str]) -> tuple[str, ...]:
        if hide_names and texts:
            return (f"{plural(len(texts), 'entry', 'entries')}, their words left out with names hidden",)
        return tuple(texts)

    return RelapsePlanWords(words(plan.warning_signs), words(plan.actions), tuple(name_of(p) for p in plan.people))
