"""The content of a session note, built once as plain data for every renderer.

PDF, Markdown and HTML are drawn from the same ``SessionNote``, so they can never disagree on a
number or a sentence. The note holds what a therapist files after a session: who and when, the
network picture, mood with its band and reliable-change status, the key measures with their
change since the previous session, isolation flags and conflict hotspots with their reasons,
what changed in words, and the session's own notes and life events.

Names: the note only ever shows what the ``display_name`` function gives. With names hidden it
is built from ``hidden.without_names(doc)``, so no person's name, client label, note or event
reaches it at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ipt_network.change import SessionChange
from ipt_network.errors import NotFoundError
from ipt_network.figures import display_namer, mood_figure, mood_markers, network_figure, network_summary
from ipt_network.figures.style import PHASE_WORDS, day
from ipt_network.figures.trends import MEASURE_WORDS
from ipt_network.graph import find_session
from ipt_network.hotspots import Findings
from ipt_network.layout import ring_positions
from ipt_network.model import Document
from ipt_network.overview import CourseAnalysis
from ipt_network.scales import MoodResult, mood_sentence, mood_status, mood_table
from ipt_network.words import check_voice

from .hidden import without_names

KEY_MEASURES = {  # measure → words in the therapist's voice (the client's come from MEASURE_WORDS)
    "size": "Network size",
    "inner_circle": "Inner circle",
    "supportive": "Supportive ties",
    "ambivalent": "Ambivalent ties",
    "aversive": "Aversive ties",
    "total_support": "Total support",
    "total_conflict": "Total conflict",
    "density": "Density",
    "support_concentration": "Support concentration",
}
"""The measures a session note reports, in its order."""

FLAG_WORDS = {
    "no_close_support": "No close support",
    "few_supports": "Few strong supports",
    "concentrated_support": "Support rests on one person",
    "shrinking": "Network shrinking",
}

NETWORK_HEIGHT = 700
"""Height of the network figure in exports: the circle and a two-line legend below it."""


@dataclass(frozen=True)
class MeasureLine:
    """One row of the measures table: ``value`` and ``change`` already written out."""

    name: str
    words: str
    value: str
    change: str


@dataclass(frozen=True)
class MoodLine:
    """One mood score, its band, and its status in words: reliable change against the first score,
    response and remission for the therapist; one plain sentence for the client."""

    instrument: str
    score: int
    band: str
    status: str


@dataclass(frozen=True)
class Finding:
    """An isolation flag or a conflict hotspot: a short title (the flag, or who) and the reason."""

    title: str
    reason: str


@dataclass(frozen=True)
class SessionNote:
    """Everything a session note shows, in the order it is shown; figures are plotly dicts."""

    client_label: str
    hide_names: bool
    voice: str
    session: int
    date: dt.date
    phase: str
    problem_areas: tuple[str, ...]
    previous: int | None
    network_figure: dict
    network_summary: str
    mood: tuple[MoodLine, ...]
    mood_figure: dict | None
    measures: tuple[MeasureLine, ...]
    flags: tuple[Finding, ...]
    hotspots: tuple[Finding, ...]
    changes: tuple[str, ...]
    events: tuple[str, ...]
    notes: str

    @property
    def date_text(self) -> str:
        return day(self.date)

    @property
    def heading(self) -> str:
        """``Ana · Session 8 · 2 Mar 2026``: the note's title and its page footer."""
        return f"{self.client_label} · Session {self.session} · {self.date_text}"

    @property
    def change_heading(self) -> str:
        if self.previous is None:
            return "First session"
        return f"Since session {self.previous}" if self.voice == "therapist" else "Since last time"


def latest_session(doc: Document) -> int:
    """The highest session number; ``NotFoundError`` for a client with no sessions yet."""
    if not doc.sessions:
        raise NotFoundError(f"client '{doc.client.id}' has no sessions yet")
    return max(s.number for s in doc.sessions)


def prepared(doc: Document, hide_names: bool) -> Document:
    """The record an export is made from: ``doc`` itself, or its copy without names."""
    return without_names(doc) if hide_names else doc


def namer(doc: Document, voice: str) -> Callable[[str], str]:
    """People by the names ``doc`` holds; the client by their label, or "You" in the client's voice."""
    return display_namer(doc, "names", client_label="You" if voice == "client" else doc.client.label)


def network_view(course: CourseAnalysis, number: int, *, voice: str = "therapist", title: str | None = None) -> dict:
    """The closeness circle of one session as on screen, people needing attention ringed."""
    name_of = namer(course.doc, voice)
    hotspots = {h.person: [getattr(h, voice)] for h in course.findings(number, name_of).hotspots}
    return network_figure(course.doc, number, positions=ring_positions(course.doc, number), display_name=name_of,
                          hotspots=hotspots, title=title, height=NETWORK_HEIGHT)


def mood_view(course: CourseAnalysis, number: int, *, title: str | None = None) -> dict | None:
    """Mood over the course up to session ``number``; ``None`` when fewer than two sessions are scored."""
    table = mood_table(course.doc).loc[:number].dropna(how="all", axis="columns")
    if table.dropna(how="all").shape[0] < 2:
        return None
    sessions = [s for s in sorted(course.doc.sessions, key=lambda s: s.number) if s.number <= number]
    markers = mood_markers({s.number: course.mood(s.number) for s in sessions})
    return mood_figure(table, phases=[(s.number, s.phase.value) for s in sessions], markers=markers,
                       dates={s.number: s.date for s in sessions}, title=title)


def session_note(doc: Document, number: int | None = None, *, hide_names: bool = False,
                 voice: str = "therapist") -> SessionNote:
    """The note for session ``number`` (default: the latest), in the therapist's or client's voice.

    Raises ``NotFoundError`` when the client has no such session.
    """
    check_voice(voice)
    doc = prepared(doc, hide_names)
    number = latest_session(doc) if number is None else number
    session = find_session(doc, number)
    course = CourseAnalysis(doc)
    name_of = namer(doc, voice)
    findings = course.findings(number, name_of)
    previous = course.previous(number)
    change = course.change(previous, number, name_of) if previous is not None else None
    return SessionNote(
        client_label=doc.client.label,
        hide_names=hide_names,
        voice=voice,
        session=number,
        date=session.date,
        phase=(f"{session.phase.value.capitalize()} phase" if voice == "therapist"
               else PHASE_WORDS[session.phase.value]),
        problem_areas=tuple(area.value.replace("_", " ") for area in doc.client.problem_areas),
        previous=previous,
        network_figure=network_view(course, number, voice=voice),
        network_summary=network_summary(doc, number, display_name=name_of,
                                        hotspots=[h.person for h in findings.hotspots]),
        mood=tuple(_mood_line(result, voice) for result in course.mood(number).values()),
        mood_figure=mood_view(course, number),
        measures=_measure_lines(course, number, change, voice),
        flags=_flags(findings, voice),
        hotspots=tuple(Finding(name_of(h.person), getattr(h, voice)) for h in findings.hotspots),
        changes=tuple(_capitalised(getattr(item, voice)) for item in change.items) if change else (),
        events=tuple(session.events),
        notes=session.notes,
    )


def _mood_line(result: MoodResult, voice: str) -> MoodLine:
    band = result.band or "–"
    status = mood_sentence(result, "client") if voice == "client" else mood_status(result)
    return MoodLine(result.instrument.value, result.score, band, status)


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    value = round(value, 2)
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}"


def _delta(value: float | None) -> str:
    """``+2``, ``-0.15``, ``no change``; ``–`` where the measure is undefined in either session."""
    if value is None:
        return "–"
    if round(value, 2) == 0:
        return "no change"
    return ("+" if value > 0 else "-") + _number(abs(value))


def _measure_lines(course: CourseAnalysis, number: int, change: SessionChange | None,
                   voice: str) -> tuple[MeasureLine, ...]:
    """The key measures of the session; ``change`` is empty on the first session."""
    now = course.measures(number)
    return tuple(MeasureLine(name, words if voice == "therapist" else MEASURE_WORDS[name], _number(now[name]),
                             _delta(change.deltas[name]) if change else "")
                 for name, words in KEY_MEASURES.items())


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _flags(findings: Findings, voice: str) -> tuple[Finding, ...]:
    return tuple(Finding(FLAG_WORDS[flag.code], getattr(flag, voice)) for flag in findings.flags)
