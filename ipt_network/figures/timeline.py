"""A slim strip of the course: phases shaded, every session a dot, life events marked.

Events are free text that may name people, so with names hidden (``show_event_text=False``)
the hover says only how many events a session had.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ipt_network.model import Document, event_text
from ipt_network.words import plural

from .style import GREY, ORANGE, PHASE_WORDS, SLATE, base_layout, day, phase_runs, phase_strip, session_ticks, wrap

TimelineSession = tuple[int, dt.date, str, Sequence[str]]
"""``(number, date, phase, events)`` of one session."""

DOT_Y = 0.72
RIBBON = (0.0, 0.42)
"""Paper heights of the phase ribbon, under the dots."""


def timeline_sessions(doc: Document) -> list[TimelineSession]:
    """The ``sessions`` argument of ``timeline_figure`` for a whole course."""
    return [(s.number, s.date, s.phase.value, [event_text(e) for e in s.events])
            for s in sorted(doc.sessions, key=lambda s: s.number)]


def _hover(number: int, date: dt.date, phase: str, events: Sequence[str], show_event_text: bool) -> str:
    text = f"<b>S{number}</b> · {day(date)}<br>{PHASE_WORDS[phase]}"
    if events and show_event_text:
        text += "".join(f"<br>• {wrap(event, 44)}" for event in events)
    elif events:
        text += f"<br>{plural(len(events), 'life event')}"
    return text


def timeline_figure(sessions: Sequence[TimelineSession], *, current: int | None = None,
                    show_event_text: bool = True, height: int = 120) -> dict:
    """The course as a strip: a plotly figure dict.

    Sessions with life events carry a diamond; ``current`` (the session on show) is ringed.
    """
    ordered = sorted(sessions, key=lambda s: s[0])
    numbers = [s[0] for s in ordered]
    plain = [s for s in ordered if not s[3]]
    eventful = [s for s in ordered if s[3]]

    def dots(chosen: Sequence[TimelineSession], name: str, marker: dict) -> dict:
        return {"type": "scatter", "mode": "markers", "name": name, "x": [s[0] for s in chosen],
                "y": [DOT_Y] * len(chosen), "ids": [str(s[0]) for s in chosen], "customdata": [s[0] for s in chosen],
                "hovertext": [_hover(*s, show_event_text) for s in chosen],
                "hovertemplate": "%{hovertext}<extra></extra>", "marker": marker, "cliponaxis": False}

    data = [
        dots(plain, "Session", {"size": 9, "color": GREY, "line": {"width": 1, "color": "white"}}),
        dots(eventful, "Life event", {"size": 14, "symbol": "diamond", "color": ORANGE,
                                      "line": {"width": 1, "color": "white"}}),
        {"type": "scatter", "mode": "markers", "name": "This session", "hoverinfo": "skip",
         "x": [current] if current in numbers else [], "y": [DOT_Y] if current in numbers else [],
         "marker": {"symbol": "circle-open", "size": 22, "color": SLATE, "line": {"width": 2.5}}},
    ]
    phases = [(s[0], s[2]) for s in ordered]
    shapes, labels = phase_strip(phases, y0=RIBBON[0], y1=RIBBON[1])
    layout = base_layout(height=height)
    layout.update({
        "margin": {"l": 16, "r": 16, "t": 8, "b": 24},
        "xaxis": {**session_ticks(numbers), "showline": False},
        "yaxis": {"visible": False, "range": [0, 1], "fixedrange": True},
        "shapes": shapes, "annotations": labels, "hovermode": "closest",
        "legend": {**layout["legend"], "orientation": "h", "x": 1, "xanchor": "right", "y": 1.02,
                   "yanchor": "bottom"},
    })
    layout["showlegend"] = bool(eventful)
    data[0]["showlegend"] = data[2]["showlegend"] = False
    return {"data": data, "layout": layout}


def timeline_summary(sessions: Sequence[TimelineSession]) -> str:
    """The course in a sentence: how many sessions, the phases, how many life events.

    >>> timeline_summary([(1, dt.date(2026, 1, 5), "initial", []), (2, dt.date(2026, 1, 12), "middle", ["moved"])])
    '2 sessions from 5 Jan 2026 to 12 Jan 2026: S1 initial phase, S2 middle phase; 1 life event.'
    """
    if not sessions:
        return "No sessions yet."
    ordered = sorted(sessions, key=lambda s: s[0])
    runs = phase_runs([(s[0], s[2]) for s in ordered])
    parts = [(f"S{a}" if a == b else f"S{a}–S{b}") + f" {PHASE_WORDS[p].lower()}" for p, a, b in runs]
    events = sum(len(s[3]) for s in ordered)
    return (f"{plural(len(ordered), 'session')} from {day(ordered[0][1])} to {day(ordered[-1][1])}: "
            f"{', '.join(parts)}; {plural(events, 'life event')}.")
