"""The content of a session note, built once as plain data for every renderer.

Notes come in two kinds that never mix (DESIGN section 9):

- the **therapist's session note**, for the record: first every safety signal of the session
  (PHQ-9 item 9, the risk record) and of the course so far, then where the session stands in the
  contract ("Session 9 of 16 · 7 left", with a calm prompt at about the midpoint when mood has not
  reliably improved), the focus people first with their change since the last session and since
  session 1 and what the inventory says of them, the goals with their status, the network
  picture, mood with its band and reliable-change status, the key measures with their change
  since the previous session, isolation flags and conflict hotspots with their reasons, what
  changed since the previous session and, at the last session or on request, since session 1
  (with the ratings of people who have died), and the session's own notes and life events with
  the people they involved and whether mood was better or worse;
- the **client's take-home page**, in the client's words: the session in the contract, the goals in
  plain words (no problem areas or formulation), the picture without anyone ringed, "Support
  around you", "Relationships with strain", what changed, and mood only in plain words unless
  scores are asked for. It never carries the therapist's notes (nor the life events the
  therapist typed), the risk record, item 9, flags, hotspots or "needs attention: NAME".

PDF, Markdown and HTML of one kind are drawn from the same ``SessionNote``, so they can never
disagree on a number or a sentence.

Names: the note only ever shows what the ``display_name`` function gives. With names hidden it
is built from ``hidden.without_names(doc)``, so no person's name, client label, note or event
reaches it at all; every safety signal stays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ipt_network.case import AREA_WORDS, focus_line, focus_ties, goal_states, inventory_words
from ipt_network.change import CIRCLES, SessionChange, remembered_ties
from ipt_network.contract import contract, midpoint_prompt
from ipt_network.errors import NotFoundError
from ipt_network.events import mood_events, session_events
from ipt_network.figures import (
    client_summary,
    display_namer,
    event_marks,
    mood_figure,
    mood_markers,
    network_figure,
    network_summary,
)
from ipt_network.figures.style import PHASE_WORDS, day
from ipt_network.figures.trends import MEASURE_WORDS
from ipt_network.graph import find_session, held_sessions
from ipt_network.hotspots import Findings
from ipt_network.layout import ring_positions
from ipt_network.model import Document, Risk, Session, Tie
from ipt_network.overview import CourseAnalysis
from ipt_network.scales import MoodResult, item9_sentence, mood_sentence, mood_status, mood_table, plain_mood
from ipt_network.settings import DEFAULT
from ipt_network.words import check_voice, list_in_words

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
class FocusLine:
    """A focus person of the session: who and for which area, their tie now, their change since the
    last session and since the first, and what the inventory says of them ("" where nothing)."""

    title: str
    now: str
    since_last: str
    since_first: str
    inventory: str


@dataclass(frozen=True)
class SessionNote:
    """Everything a session note shows, in the order it is shown; figures are plotly dicts.

    ``voice`` says which kind of note it is: "therapist" (for the record) or "client" (the
    take-home page). The fields a take-home page never shows are empty on it.
    """

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
    safety: tuple[str, ...] = ()
    """Therapist only: this session's safety signals (item 9, the risk record), never empty on a
    therapist's note (it says when there is none)."""
    safety_history: tuple[str, ...] = ()
    """Therapist only: the safety signals of the earlier sessions of the course."""
    first: int | None = None
    """The session compared with as well as the previous one (session 1 at the last session, or on request)."""
    since_first: tuple[str, ...] = ()
    remembered: tuple[str, ...] = ()
    """Ratings of people who have died, since ``first``."""
    support: tuple[str, ...] = ()
    """Client only: who feels supportive ("Support around you")."""
    strain: tuple[str, ...] = ()
    """Client only: relationships with strain, told as relationships, never a person as a problem."""
    show_scores: bool = True
    contract: str = ""
    """"Session 9 of 16 · 7 left" when a number of sessions is planned."""
    midpoint: str = ""
    """Therapist only: the calm prompt at about the midpoint when mood has not reliably improved."""
    focus: tuple[FocusLine, ...] = ()
    """Therapist only: the people the work focuses on this session."""
    goals: tuple[str, ...] = ()
    """The client's goals with their status: the therapist's words, or on the client's page plain words."""
    areas_agreed_at: int | None = None

    @property
    def focus_line(self) -> str:
        """``"Focus: grief (agreed at session 3)"``; "" on the client's page."""
        return focus_line(self.problem_areas, self.areas_agreed_at)

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

    @property
    def first_heading(self) -> str:
        if self.voice == "therapist":
            return f"Since session {self.first}"
        return "Since the first session" if self.first == 1 else f"Since session {self.first}"


def latest_session(doc: Document) -> int:
    """The last session held; ``NotFoundError`` for a client with none held yet."""
    held = held_sessions(doc)
    if not held:
        raise NotFoundError(f"client '{doc.client.id}' has no sessions yet" if not doc.sessions else
                            f"client '{doc.client.id}' has had no session take place yet")
    return held[-1].number


def held_session(doc: Document, number: int) -> Session:
    """Session ``number``, refused (``NotFoundError``) when it did not take place: a note or a review of
    a session not held would report its empty network as news."""
    session = find_session(doc, number)
    if not session.attended:
        raise NotFoundError(f"client '{doc.client.id}' session {number} was not held "
                            f"({session.attendance.value.replace('_', ' ')}), so it has no note or review")
    return session


def prepared(doc: Document, hide_names: bool) -> Document:
    """The record an export is made from: ``doc`` itself, or its copy without names."""
    return without_names(doc) if hide_names else doc


def namer(doc: Document, voice: str) -> Callable[[str], str]:
    """People by the names ``doc`` holds; the client by their label, or "You" in the client's voice."""
    return display_namer(doc, "names", client_label="You" if voice == "client" else doc.client.label)


def network_view(course: CourseAnalysis, number: int, *, voice: str = "therapist", title: str | None = None,
                 ringed: bool = True, show_scores: bool = True) -> dict:
    """The closeness circle of one session as on screen, people needing attention ringed (unless not ``ringed``).

    In the client's voice the hover text carries no tie's note or focus, and ratings only with ``show_scores``.
    """
    name_of = namer(course.doc, voice)
    hotspots = {h.person: [getattr(h, voice)] for h in course.findings(number, name_of).hotspots} if ringed else {}
    therapist = voice == "therapist"
    return network_figure(course.doc, number, positions=ring_positions(course.doc, number), display_name=name_of,
                          hotspots=hotspots, title=title, height=NETWORK_HEIGHT, private=therapist,
                          show_scores=therapist or show_scores)


def mood_view(course: CourseAnalysis, number: int, *, title: str | None = None, item9: bool = True,
              events: bool = True) -> dict | None:
    """Mood over the course up to session ``number`` (item 9 above 0 and the life events linked to mood
    marked, unless not ``item9`` or not ``events``: the client's page has neither); ``None`` when fewer
    than two sessions are scored."""
    table = mood_table(course.doc).loc[:number].dropna(how="all", axis="columns")
    if table.dropna(how="all").shape[0] < 2:
        return None
    sessions = [s for s in sorted(course.doc.sessions, key=lambda s: s.number) if s.number <= number]
    markers = mood_markers({s.number: course.mood(s.number) for s in sessions}, item9=item9)
    marks = event_marks(mood_events(course.doc, number), namer(course.doc, "therapist")) if events else None
    return mood_figure(table, phases=[(s.number, s.phase.value) for s in sessions], markers=markers,
                       dates={s.number: s.date for s in sessions}, title=title, events=marks)


def session_note(doc: Document, number: int | None = None, *, hide_names: bool = False,
                 voice: str = "therapist", since: int | None = None, show_scores: bool = False) -> SessionNote:
    """The note for session ``number`` (default: the latest): the therapist's note, or with
    ``voice="client"`` the client's take-home page (scores on it only with ``show_scores``).

    The note compares with the previous session and, at the last session of the course or with
    ``since``, with that session too (default session 1). Raises ``NotFoundError`` when the client
    has no such session or it was not held.
    """
    check_voice(voice)
    original = doc
    doc = prepared(doc, hide_names)
    number = latest_session(doc) if number is None else number
    session = held_session(doc, number)
    if since is not None:
        find_session(doc, since)
    course = CourseAnalysis(doc)
    name_of = namer(doc, voice)
    therapist = voice == "therapist"
    findings = course.findings(number, name_of)
    previous = course.previous(number)
    change = course.change(previous, number, name_of) if previous is not None else None
    first = _first_compared(course, number, previous, since)
    since_first = course.change(first, number, name_of) if first is not None else None
    results = course.mood(number)
    return SessionNote(
        client_label=doc.client.label,
        hide_names=hide_names,
        voice=voice,
        session=number,
        date=session.date,
        phase=(f"{session.phase.value.capitalize()} phase" if therapist else PHASE_WORDS[session.phase.value]),
        problem_areas=tuple(area.value.replace("_", " ") for area in doc.client.problem_areas) if therapist else (),
        previous=previous,
        network_figure=network_view(course, number, voice=voice, ringed=therapist, show_scores=show_scores),
        network_summary=network_summary(doc, number, display_name=name_of,
                                        hotspots=[h.person for h in findings.hotspots]) if therapist
        else client_summary(doc, number, display_name=name_of),
        mood=tuple(_mood_line(result, voice, show_scores) for result in results.values()),
        mood_figure=mood_view(course, number, item9=therapist, events=therapist) if therapist or show_scores
        else None,
        measures=measure_lines(course, number, change, voice) if therapist else (),
        flags=_flags(findings, voice) if therapist else (),
        hotspots=tuple(Finding(name_of(h.person), h.therapist) for h in findings.hotspots) if therapist else (),
        changes=tuple(capitalised(getattr(item, voice)) for item in change.items) if change else (),
        events=tuple(event.words(name_of) for event in session_events(session)) if therapist else (),
        notes=session.notes if therapist else "",
        safety=safety_lines(results, session.risk, risk_note_hidden(original, number, hide_names))
        if therapist else (),
        safety_history=course_safety(course, number) if therapist else (),
        first=first,
        since_first=tuple(capitalised(getattr(item, voice)) for item in since_first.items) if since_first else (),
        # Ratings of those who have died: numbers, so on the client's page only when scores are asked for.
        remembered=tuple(getattr(tie, voice) for tie in remembered_ties(doc, first, number, name_of))
        if first is not None and (therapist or show_scores) else (),
        support=() if therapist else _support_around(doc, number, name_of),
        strain=() if therapist else _strain(doc, number, name_of),
        show_scores=therapist or show_scores,
        contract=contract(doc, number).words if doc.client.planned_sessions else "",
        midpoint=(midpoint_prompt(doc, number) or "") if therapist else "",
        focus=_focus_lines(course, number, previous, name_of) if therapist else (),
        goals=tuple(state.words(voice) for state in goal_states(doc, number)),
        areas_agreed_at=doc.client.areas_agreed_at if therapist else None,
    )


def _focus_lines(course: CourseAnalysis, number: int, previous: int | None, name_of: Callable[[str], str]
                 ) -> tuple[FocusLine, ...]:
    """The focus people of the session (see ``FocusLine``), by problem area."""
    doc = course.doc
    first = course.numbers[0] if course.numbers else number
    session_date = find_session(doc, number).date
    lines = []
    for tie in focus_ties(doc, number):
        now = f"{CIRCLES[tie.circle]}, support {tie.support}, conflict {tie.conflict}"
        if not doc.person(tie.person).alive_on(session_date):
            now += " (has died: remembered, not counted)"
        if not tie.rated:
            now += " (carried forward, not re-rated this session)"
        lines.append(FocusLine(f"{name_of(tie.person)} · {AREA_WORDS[tie.focus]}", now,
                               _tie_since(doc, previous, tie) if previous is not None else "",
                               _tie_since(doc, first, tie) if first not in (number, previous) else "",
                               inventory_words(doc.person(tie.person).inventory)))
    return tuple(lines)


def _tie_since(doc: Document, before: int, tie: Tie) -> str:
    """A tie against the same person's tie at session ``before``, in exact numbers:
    ``"Since session 7: support/conflict 4/8 → 6/6, middle circle → inner circle."``"""
    was = next((t for t in find_session(doc, before).ties if t.person == tie.person), None)
    if was is None:
        return f"Since session {before}: not in the network then."
    if (was.support, was.conflict, was.circle) == (tie.support, tie.conflict, tie.circle):
        return f"Since session {before}: unchanged."
    parts = []
    if (was.support, was.conflict) != (tie.support, tie.conflict):
        parts.append(f"support/conflict {was.support}/{was.conflict} → {tie.support}/{tie.conflict}")
    if was.circle != tie.circle:
        parts.append(f"{CIRCLES[was.circle]} → {CIRCLES[tie.circle]}")
    return f"Since session {before}: {', '.join(parts)}."


def _first_compared(course: CourseAnalysis, number: int, previous: int | None, since: int | None) -> int | None:
    """The session to compare with besides the previous one: ``since``, or session 1 at the last session."""
    first = since if since is not None else (course.numbers[0] if number == course.numbers[-1] else None)
    return None if first in (None, number, previous) else first


RISK_LEVEL_WORDS = {"none": "no current risk", "low": "low", "medium": "medium", "high": "high"}


def risk_sentence(risk: Risk | None, note_hidden: bool = False) -> str:
    """The risk record in the therapist's words.

    Examples
    --------
    >>> from ipt_network.model import Risk
    >>> risk_sentence(Risk(assessed=True, level="low", plan_in_place=True, note="passive thoughts"))
    'Risk assessed: level low; safety plan in place. Note: passive thoughts'
    >>> risk_sentence(None)
    'No risk record for this session.'
    """
    if risk is None:
        return "No risk record for this session."
    if not risk.assessed:
        text = "Risk not assessed at this session."
    else:
        parts = [f"level {RISK_LEVEL_WORDS[risk.level.value]}" if risk.level else "level not recorded"]
        if risk.plan_in_place is not None:
            parts.append("safety plan in place" if risk.plan_in_place else "no safety plan in place")
        text = "Risk assessed: " + "; ".join(parts) + "."
    if risk.note:
        text += f" Note: {risk.note}"
    elif note_hidden:
        text += " (Its note is left out with names hidden.)"
    return text


def safety_lines(results: dict[str, MoodResult], risk: Risk | None, note_hidden: bool = False) -> tuple[str, ...]:
    """Every safety signal of one session for the therapist: item 9 of the PHQ-9, then the risk record."""
    lines = [(item9_sentence(result) or f"PHQ-9 item 9 answered {result.self_harm_item} at this session") + "."
             for result in results.values() if result.is_phq9]
    return (*lines, risk_sentence(risk, note_hidden))


def course_safety(course: CourseAnalysis, number: int) -> tuple[str, ...]:
    """The safety signals of the sessions before ``number``: item 9 above 0 or not recorded, and
    risk records with a level above none, each with its sessions; a risk record of a session not held
    (a check after a missed session) among them."""
    earlier = [n for n in course.numbers if n < number]
    above = [f"session {n} (answered {r.self_harm_item})" for n in earlier for r in course.mood(n).values()
             if r.needs_safety_check]
    unknown = [f"session {n}" for n in earlier for r in course.mood(n).values() if r.item9_not_recorded]
    lines = []
    if above:
        lines.append(f"PHQ-9 item 9 above 0 earlier in the course: {list_in_words(above)}.")
    if unknown:
        lines.append(f"PHQ-9 item 9 not recorded (total only) earlier in the course: {list_in_words(unknown)}.")
    for session in sorted(course.doc.sessions, key=lambda s: s.number):
        risk, n = session.risk, session.number
        if n < number and risk is not None and risk.assessed and risk.level is not None and risk.level.value != "none":
            held = "" if session.attended else " (not held)"
            lines.append(f"Session {n}{held}: risk assessed, level {risk.level.value}"
                         + ("" if risk.plan_in_place is None else
                            "; safety plan in place" if risk.plan_in_place else "; no safety plan in place")
                         + ".")
    return tuple(lines)


def risk_note_hidden(original: Document, number: int, hide_names: bool) -> bool:
    risk = find_session(original, number).risk
    return hide_names and risk is not None and bool(risk.note)


def _support_around(doc: Document, number: int, name_of: Callable[[str], str]) -> tuple[str, ...]:
    """The people who feel supportive this session (support ≥ T), closest first, in the client's words."""
    return _people_where(doc, number, name_of, lambda tie: tie.support >= DEFAULT.high)


def _strain(doc: Document, number: int, name_of: Callable[[str], str]) -> tuple[str, ...]:
    """Relationships with strain this session (conflict ≥ T): "Your relationship with Inés"."""
    names = _people_where(doc, number, name_of, lambda tie: tie.conflict >= DEFAULT.high)
    return tuple(f"Your relationship with {name}" for name in names)


def _people_where(doc: Document, number: int, name_of: Callable[[str], str], keep) -> tuple[str, ...]:
    session = find_session(doc, number)
    alive = {p.id for p in doc.people if p.alive_on(session.date)}
    chosen = sorted((tie for tie in session.ties if tie.person in alive and keep(tie)),
                    key=lambda tie: (tie.circle, -tie.support))
    return tuple(name_of(tie.person) for tie in chosen)


def _mood_line(result: MoodResult, voice: str, show_scores: bool = True) -> MoodLine:
    band = result.band or "–"
    if voice == "therapist":
        return MoodLine(result.instrument.value, result.score, band, mood_status(result))
    return MoodLine(result.instrument.value, result.score, band,
                    mood_sentence(result, "client") if show_scores else plain_mood(result))


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


def measure_lines(course: CourseAnalysis, number: int, change: SessionChange | None,
                   voice: str) -> tuple[MeasureLine, ...]:
    """The key measures of the session; ``change`` is empty on the first session."""
    now = course.measures(number)
    return tuple(MeasureLine(name, words if voice == "therapist" else MEASURE_WORDS[name], _number(now[name]),
                             _delta(change.deltas[name]) if change else "")
                 for name, words in KEY_MEASURES.items())


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _flags(findings: Findings, voice: str) -> tuple[Finding, ...]:
    return tuple(Finding(FLAG_WORDS[flag.code], getattr(flag, voice)) for flag in findings.flags)
