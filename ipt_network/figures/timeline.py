"""A slim strip of the course: phases shaded, every session a dot, life events marked, and the
history before therapy (the onset, losses, moves) ahead of session 1.

A session that did not take place keeps its place and date, drawn as an open dot (it is left out
of every series, not out of the course). Events are free text that may name people, so with names
hidden (``show_event_text=False``) the hover says only how many events a session had, and the
history only its dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from ipt_network.model import Document, event_text
from ipt_network.words import plural

from .style import (
    GREY,
    HAIRLINE,
    MUTED,
    ORANGE,
    PHASE_WORDS,
    SLATE,
    base_layout,
    day,
    phase_runs,
    phase_strip,
    session_ticks,
    wrap,
)


class TimelineSession(NamedTuple):
    """One session on the strip."""

    number: int
    date: dt.date
    phase: str
    events: Sequence[str]
    attendance: str = "attended"


class Before(NamedTuple):
    """Something before therapy on the strip: the onset of the episode or an entry of the history."""

    date: dt.date
    text: str


DOT_Y = 0.72
RIBBON = (0.0, 0.42)
"""Paper heights of the phase ribbon, under the dots."""
ATTENDANCE_WORDS = {"cancelled": "Cancelled", "did_not_attend": "Did not attend"}
ONSET = "The episode began"


def timeline_sessions(doc: Document) -> list[TimelineSession]:
    """The ``sessions`` argument of ``timeline_figure`` for a whole course."""
    return [TimelineSession(s.number, s.date, s.phase.value, [event_text(e) for e in s.events], s.attendance.value)
            for s in sorted(doc.sessions, key=lambda s: s.number)]


def timeline_history(doc: Document) -> list[Before]:
    """The ``history`` argument of ``timeline_figure``: the onset and the history before therapy, by date."""
    onset = [Before(doc.client.onset, ONSET)] if doc.client.onset else []
    return sorted([*onset, *(Before(h.date, h.text) for h in doc.client.history)], key=lambda b: b.date)


def _hover(number: int, date: dt.date, phase: str, events: Sequence[str], attendance: str,
           show_event_text: bool) -> str:
    text = f"<b>S{number}</b> · {day(date)}<br>{PHASE_WORDS[phase]}"
    if attendance in ATTENDANCE_WORDS:
        text += f"<br>{ATTENDANCE_WORDS[attendance]}"
    if events and show_event_text:
        text += "".join(f"<br>• {wrap(event, 44)}" for event in events)
    elif events:
        text += f"<br>{plural(len(events), 'life event')}"
    return text


def _history_trace(history: Sequence[Before], first: int, show_event_text: bool) -> tuple[dict, list[float]]:
    """The history as dots one step apart ending one step before session ``first``, and their places."""
    places = [first - len(history) - 0.5 + i for i in range(len(history))]
    texts = [f"<b>Before therapy</b> · {day(b.date)}" + (f"<br>{wrap(b.text, 44)}" if show_event_text else "")
             for b in history]
    return {"type": "scatter", "mode": "markers", "name": "Before therapy", "x": places, "y": [DOT_Y] * len(places),
            "hovertext": texts, "hovertemplate": "%{hovertext}<extra></extra>", "cliponaxis": False,
            "marker": {"size": 13, "symbol": "diamond-open", "color": SLATE, "line": {"width": 2}}}, places


def timeline_figure(sessions: Sequence[TimelineSession], *, current: int | None = None,
                    show_event_text: bool = True, height: int = 120, history: Sequence[Before] = ()) -> dict:
    """The course as a strip: a plotly figure dict.

    Sessions with life events carry a diamond, sessions not held an open dot; ``current`` (the
    session on show) is ringed. ``history`` (``timeline_history``) is drawn ahead of the first
    session in date order, one step apart, labelled by month, behind a faint divider.
    """
    ordered = sorted(sessions, key=lambda s: s[0])
    numbers = [s[0] for s in ordered]
    missed = [s for s in ordered if s.attendance != "attended"]
    plain = [s for s in ordered if not s[3] and s.attendance == "attended"]
    eventful = [s for s in ordered if s[3] and s.attendance == "attended"]

    def dots(chosen: Sequence[TimelineSession], name: str, marker: dict) -> dict:
        return {"type": "scatter", "mode": "markers", "name": name, "x": [s[0] for s in chosen],
                "y": [DOT_Y] * len(chosen), "ids": [str(s[0]) for s in chosen], "customdata": [s[0] for s in chosen],
                "hovertext": [_hover(*s, show_event_text) for s in chosen],
                "hovertemplate": "%{hovertext}<extra></extra>", "marker": marker, "cliponaxis": False}

    data = [
        dots(plain, "Session", {"size": 9, "color": GREY, "line": {"width": 1, "color": "white"}}),
        dots(eventful, "Life event", {"size": 14, "symbol": "diamond", "color": ORANGE,
                                      "line": {"width": 1, "color": "white"}}),
        dots(missed, "Not held", {"size": 9, "symbol": "circle-open", "color": GREY, "line": {"width": 1.5}}),
        {"type": "scatter", "mode": "markers", "name": "This session", "hoverinfo": "skip",
         "x": [current] if current in numbers else [], "y": [DOT_Y] if current in numbers else [],
         "marker": {"symbol": "circle-open", "size": 22, "color": SLATE, "line": {"width": 2.5}}},
    ]
    phases = [(s[0], s[2]) for s in ordered]
    shapes, labels = phase_strip(phases, y0=RIBBON[0], y1=RIBBON[1])
    xaxis = {**session_ticks(numbers), "showline": False}
    if history:
        trace, places = _history_trace(history, numbers[0] if numbers else 1, show_event_text)
        data.append(trace)
        xaxis.update({"tickvals": [*places, *xaxis["tickvals"]],
                      "ticktext": [f"{b.date:%b %Y}" for b in history] + xaxis["ticktext"],
                      "range": [places[0] - 0.6, xaxis["range"][1]]})
        began = places[-1] + 0.5
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": began, "x1": began, "y0": 0, "y1": 1,
                       "line": {"width": 1, "color": HAIRLINE, "dash": "dot"}, "name": "therapy began"})
        labels.append({"xref": "x", "yref": "paper", "x": (places[0] + places[-1]) / 2, "y": sum(RIBBON) / 2,
                       "yanchor": "middle", "text": "Before therapy", "showarrow": False,
                       "font": {"size": 11, "color": MUTED}})
    layout = base_layout(height=height)
    layout.update({
        "margin": {"l": 16, "r": 16, "t": 8, "b": 24},
        "xaxis": xaxis,
        "yaxis": {"visible": False, "range": [0, 1], "fixedrange": True},
        "shapes": shapes, "annotations": labels, "hovermode": "closest",
        "legend": {**layout["legend"], "orientation": "h", "x": 1, "xanchor": "right", "y": 1.02,
                   "yanchor": "bottom"},
    })
    layout["showlegend"] = bool(eventful or missed or history)
    data[0]["showlegend"] = data[3]["showlegend"] = False
    return {"data": data, "layout": layout}


def timeline_summary(sessions: Sequence[TimelineSession]) -> str:
    """The course in a sentence: how many sessions, the phases, how many life events, and how many
    sessions were not held when any were not.

    >>> timeline_summary([TimelineSession(1, dt.date(2026, 1, 5), "initial", []),
    ...                   TimelineSession(2, dt.date(2026, 1, 12), "middle", ["moved"]),
    ...                   TimelineSession(3, dt.date(2026, 1, 19), "middle", [], "cancelled")])
    '3 sessions from 5 Jan 2026 to 19 Jan 2026: S1 initial phase, S2–S3 middle phase; 1 life event; 1 not held.'
    """
    if not sessions:
        return "No sessions yet."
    ordered = sorted(sessions, key=lambda s: s[0])
    runs = phase_runs([(s[0], s[2]) for s in ordered])
    parts = [(f"S{a}" if a == b else f"S{a}–S{b}") + f" {PHASE_WORDS[p].lower()}" for p, a, b in runs]
    events = sum(len(s[3]) for s in ordered)
    missed = sum(1 for s in ordered if s.attendance != "attended")
    return (f"{plural(len(ordered), 'session')} from {day(ordered[0][1])} to {day(ordered[-1][1])}: "
            f"{', '.join(parts)}; {plural(events, 'life event')}" + (f"; {missed} not held." if missed else "."))
