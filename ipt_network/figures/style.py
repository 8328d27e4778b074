"""The look every figure shares: calm palette, system font, tight margins, session axes.

Figures are plain dicts (``{"data": [...], "layout": {...}}``): Dash and plotly.io take them
as they are, and building them costs a fraction of a ``go.Figure``. Nothing here refers to a
font, image or script outside the machine.
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from collections.abc import Mapping, Sequence

FONT_FAMILY = ('system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
               '"DejaVu Sans", sans-serif')
INK = "#2E3440"
"""Main text colour: a soft near-black."""
MUTED = "#6B7685"
"""Secondary text: axis titles, ring labels, notes."""
HAIRLINE = "#D8DEE6"

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency. Shapes and dash patterns carry the same meaning, so nothing relies on colour alone.
# Green, orange, sky blue and reddish purple are darkened in lightness only (hue and saturation kept)
# to stand 3:1 against the inner ring's fill, as WCAG 2.2 (1.4.11) asks of marks that carry meaning.
GREEN = "#00996F"
ORANGE = "#B37C00"
VERMILLION = "#D55E00"
SKY = "#1B8DCE"
BLUE = "#0072B2"
PURPLE = "#C5679B"
SLATE = "#3B4A63"
GREY = "#7E8691"
SAFETY = "#8C5A00"
"""A dark amber for safety marks in the therapist's views: distinct from the Okabe-Ito colours above."""

SERIES_COLOURS = (BLUE, GREEN, ORANGE, PURPLE, SKY, VERMILLION)
SERIES_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")

PHASE_WORDS = {"initial": "Initial phase", "middle": "Middle phase", "termination": "Ending phase"}
PHASE_FILL = {"initial": "#E8EEF5", "middle": "#F1F3F5", "termination": "#EDE8F3"}


def escape(text: str) -> str:
    """Text a person typed, made safe for plotly's small HTML subset (no tags, no links)."""
    return html.escape(text, quote=False)


def wrap(text: str, width: int = 48) -> str:
    """Escaped text broken into hover-sized lines."""
    return "<br>".join(escape(line) for line in textwrap.wrap(text, width)) or ""


def day(date: dt.date) -> str:
    """``12 Jan 2026``: unambiguous in every locale."""
    return f"{date.day} {date:%b %Y}"


def base_layout(*, height: int | None, title: str | None = None, legend: bool = True) -> dict:
    """Layout keys shared by every figure: font, white paper, tight margins, a plain legend. A height
    of ``None`` leaves it to the page (the graph's box, sized by CSS)."""
    layout = {
        "font": {"family": FONT_FAMILY, "size": 13, "color": INK},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        **({"height": height} if height is not None else {}),
        "margin": {"l": 16, "r": 16, "t": 48 if title else 16, "b": 16},
        "hoverlabel": {"font": {"family": FONT_FAMILY, "size": 13}, "bgcolor": "white",
                       "bordercolor": HAIRLINE, "align": "left"},
        "showlegend": legend,
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.02, "yanchor": "top",
                   "font": {"size": 12}, "itemclick": False, "itemdoubleclick": False,
                   "tracegroupgap": 4},
    }
    if title:
        layout["title"] = {"text": escape(title), "x": 0, "xanchor": "left", "font": {"size": 16}}
    return layout


def session_ticks(numbers: Sequence[int]) -> dict:
    """An x axis of whole sessions labelled S1, S2, … with a little room at both ends."""
    numbers = sorted(numbers)
    low, high = (numbers[0], numbers[-1]) if numbers else (1, 1)
    return {"tickmode": "array", "tickvals": numbers, "ticktext": [f"S{n}" for n in numbers],
            "range": [low - 0.6, high + 0.6], "showgrid": False, "zeroline": False,
            "showline": True, "linecolor": HAIRLINE, "ticks": "", "tickfont": {"size": 11, "color": MUTED},
            "fixedrange": True}


def phase_runs(phases: Sequence[tuple[int, str]]) -> list[tuple[str, int, int]]:
    """Consecutive sessions of the same phase as ``(phase, first, last)``, in session order.

    >>> phase_runs([(1, "initial"), (2, "initial"), (3, "middle"), (5, "middle"), (6, "termination")])
    [('initial', 1, 2), ('middle', 3, 5), ('termination', 6, 6)]
    """
    runs: list[tuple[str, int, int]] = []
    for number, phase in sorted(phases):
        if runs and runs[-1][0] == phase:
            runs[-1] = (phase, runs[-1][1], number)
        else:
            runs.append((phase, number, number))
    return runs


def session_spans(numbers: Sequence[int]) -> list[str]:
    """Session numbers as short spans: runs of consecutive numbers become ``S11–S14``.

    >>> session_spans([8, 11, 12, 13, 14])
    ['S8', 'S11–S14']
    """
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return [f"S{run[0]}" if len(run) == 1 else f"S{run[0]}–S{run[-1]}" for run in runs]


def phase_strip(phases: Sequence[tuple[int, str]], *, y0: float, y1: float, xref: str = "x") -> tuple[
        list[dict], list[dict]]:
    """Shapes and labels of a phase ribbon between paper heights ``y0`` and ``y1``.

    Each run of sessions in one phase is shaded from half a session before its first to half a
    session after its last, so neighbouring runs meet exactly between two sessions.
    """
    shapes, labels = [], []
    for phase, first, last in phase_runs(phases):
        shapes.append({"type": "rect", "xref": xref, "yref": "paper", "x0": first - 0.5, "x1": last + 0.5,
                       "y0": y0, "y1": y1, "fillcolor": PHASE_FILL[phase], "line": {"width": 1,
                       "color": "white"}, "layer": "below", "name": f"phase:{phase}"})
        labels.append({"xref": xref, "yref": "paper", "x": (first + last) / 2, "y": (y0 + y1) / 2,
                       "yanchor": "middle", "text": PHASE_WORDS[phase], "showarrow": False,
                       "font": {"size": 11, "color": MUTED}})
    return shapes, labels


def phase_dividers(phases: Sequence[tuple[int, str]], *, y0: float, y1: float) -> list[dict]:
    """Faint vertical lines where one phase ends and the next begins."""
    return [{"type": "line", "xref": "x", "yref": "paper", "x0": first - 0.5, "x1": first - 0.5,
             "y0": y0, "y1": y1, "line": {"width": 1, "color": HAIRLINE, "dash": "dot"}, "layer": "below"}
            for _, first, _ in phase_runs(phases)[1:]]


def row_axes(index: int, domain: tuple[float, float], *, last: bool, sessions: Sequence[int],
             y_range: Sequence[float], ticks: Sequence[float] | None = None) -> dict:
    """Layout entries of row ``index`` (1-based): its x axis (matched to the first) and y axis."""
    suffix = "" if index == 1 else str(index)
    x = {**session_ticks(sessions), "anchor": f"y{suffix}", "showticklabels": last}
    if index > 1:
        x["matches"] = "x"
    y = {"domain": list(domain), "anchor": f"x{suffix}", "range": list(y_range), "fixedrange": True,
         "showgrid": True, "gridcolor": "#EEF1F4", "zeroline": False, "tickfont": {"size": 11, "color": MUTED}}
    if ticks is not None:
        y["tickvals"] = list(ticks)
    return {f"xaxis{suffix}": x, f"yaxis{suffix}": y}


def row_title(domain: tuple[float, float], text: str) -> dict:
    """A row's heading, written just above its top left corner."""
    return {"xref": "paper", "yref": "paper", "x": 0, "y": domain[1], "xanchor": "left", "yanchor": "bottom",
            "text": f"<b>{escape(text)}</b>", "showarrow": False, "font": {"size": 12, "color": INK}}


def session_hover(number: int, dates: Mapping[int, dt.date] | None) -> str:
    """``S4 · 26 Jan 2026`` (the date only when known)."""
    date = (dates or {}).get(number)
    return f"S{number} · {day(date)}" if date else f"S{number}"
