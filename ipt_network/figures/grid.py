"""Rows of charts stacked on one session axis, under a ribbon of therapy phases.

Mood instruments and network measures live on different scales, so each gets its own row
(no second y axis to misread); every row shares the x axis of sessions, and the phase ribbon
on top with faint dividers through the rows shows where each phase begins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from .style import BLUE, base_layout, escape, phase_dividers, phase_strip, row_axes, row_title, session_hover

RIBBON = 26
"""Height of the phase ribbon in pixels."""
ROW_GAP = 34
"""Pixels between rows, room for the next row's heading."""
LEGEND_ROOM = 44
"""Pixels below the session axis for a legend of one or two lines."""


@dataclass
class Row:
    """One chart of the stack: its heading, height in pixels, y range and what is drawn in it.

    Traces, shapes and annotations use the placeholders ``x?``/``y?`` for their axes; the
    stack fills in the row's own axis names.
    """

    title: str
    height: int
    y_range: Sequence[float]
    traces: list[dict] = field(default_factory=list)
    shapes: list[dict] = field(default_factory=list)
    annotations: list[dict] = field(default_factory=list)
    ticks: Sequence[float] | None = None
    """The y axis's tick values, when the range runs past the scale (plotly's own otherwise)."""


def _bind(item: dict, suffix: str) -> dict:
    """Replace the ``x?``/``y?`` placeholders of one trace, shape or annotation."""
    bound = dict(item)
    for key in ("xaxis", "yaxis", "xref", "yref"):
        if isinstance(bound.get(key), str):
            bound[key] = bound[key].replace("?", suffix)
    return bound


def stacked_figure(rows: Sequence[Row], *, sessions: Sequence[int], phases: Sequence[tuple[int, str]],
                   title: str | None = None, right_margin: int = 16, legend: bool = True) -> dict:
    """The rows stacked top to bottom on a shared session axis, with the phase ribbon on top."""
    usable = RIBBON + ROW_GAP + sum(row.height for row in rows) + ROW_GAP * (len(rows) - 1)
    margin = {"l": 48, "r": right_margin, "t": 48 if title else 12, "b": 36 + (LEGEND_ROOM if legend else 0)}
    layout = base_layout(height=margin["t"] + usable + margin["b"], title=title, legend=legend)
    layout["margin"] = margin
    ribbon_bottom = 1 - RIBBON / usable
    data, shapes, annotations = [], [], []
    cursor = 1 - (RIBBON + ROW_GAP) / usable
    for index, row in enumerate(rows, start=1):
        domain = (cursor - row.height / usable, cursor)
        suffix = "" if index == 1 else str(index)
        layout.update(row_axes(index, domain, last=index == len(rows), sessions=sessions, y_range=row.y_range,
                                ticks=row.ticks))
        annotations.append(row_title(domain, row.title))
        data += [_bind(t, suffix) for t in row.traces]
        shapes += [_bind(s, suffix) for s in row.shapes]
        annotations += [_bind(a, suffix) for a in row.annotations]
        cursor = domain[0] - ROW_GAP / usable
    strip_shapes, strip_labels = phase_strip(phases, y0=ribbon_bottom, y1=1.0)
    shapes = strip_shapes + phase_dividers(phases, y0=cursor + ROW_GAP / usable, y1=ribbon_bottom) + shapes
    layout.update({"shapes": shapes, "annotations": strip_labels + annotations, "hovermode": "closest"})
    layout["legend"] = {**layout["legend"], "y": -30 / usable}
    return {"data": data, "layout": layout}


def series_trace(values: pd.Series, label: str, *, dates: Mapping[int, dt.date] | None = None,
                 colour: str = BLUE, dash: str = "solid", show_legend: bool = False, show_values: bool = True) -> dict:
    """A measure over sessions as a line with points; sessions without a value are skipped. The hover
    text names the session and the measure, and gives the value when ``show_values``."""
    present = values.dropna()
    numbers = [int(n) for n in present.index]
    shown = [(f": {v:g}" if float(v).is_integer() else f": {v:.2f}") if show_values else ""
             for v in present.to_numpy()]
    return {"type": "scatter", "mode": "lines+markers", "name": escape(label), "xaxis": "x?", "yaxis": "y?",
            "x": numbers, "y": [float(v) for v in present.to_numpy()], "showlegend": show_legend,
            "hovertext": [f"{session_hover(n, dates)}<br>{escape(label)}{v}" for n, v in zip(numbers, shown,
                                                                                                 strict=True)],
            "hovertemplate": "%{hovertext}<extra></extra>", "connectgaps": True, "cliponaxis": False,
            "line": {"color": colour, "width": 2.5, "dash": dash}, "marker": {"color": colour, "size": 7}}


def padded_range(values: pd.Series, *, floor: float = 0.0) -> list[float]:
    """A y range from ``floor`` to a little above the largest value (at least 1)."""
    top = float(values.max()) if values.notna().any() else 1.0
    top = max(top, floor + 1.0)
    return [floor - 0.05 * (top - floor), top + 0.12 * (top - floor)]
