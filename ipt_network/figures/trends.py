"""Chosen network measures over the course, one small row each on a shared session axis."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd

from .grid import Row, padded_range, series_trace, stacked_figure
from .style import SERIES_COLOURS, SERIES_DASHES

MEASURE_WORDS = {
    "size": "People in the circle",
    "inner_circle": "People in the inner circle",
    "total_support": "Total support",
    "total_conflict": "Total conflict",
    "mean_support": "Average support",
    "mean_conflict": "Average conflict",
    "supportive": "Supportive ties",
    "ambivalent": "Mixed ties (support and conflict)",
    "aversive": "Mostly-conflict ties",
    "indifferent": "Ties neither strong",
    "conflicted_ties": "Conflicted ties (mixed or mostly conflict)",
    "density": "How many of them know each other (density)",
    "effective_size": "Effective size",
    "constraint": "Constraint",
    "support_concentration": "Share of support from one person",
}
"""Measure names of DESIGN section 5 in plain words."""

TREND_ROW = 130


def measure_words(measure: str) -> str:
    return MEASURE_WORDS.get(measure, measure.replace("_", " ").capitalize())


def trend_figure(measure_table: pd.DataFrame, measures: Sequence[str], *,
                 phases: Sequence[tuple[int, str]] = (), dates: Mapping[int, dt.date] | None = None,
                 title: str | None = None) -> dict:
    """The chosen measures over sessions as a plotly figure dict, a row each.

    ``measure_table`` is ``metrics.measure_table`` (index = session number); NaN values (an
    undefined measure) leave a gap that the line bridges.
    """
    rows = []
    for index, measure in enumerate(measures):
        values = measure_table[measure]
        trace = series_trace(values, measure_words(measure), dates=dates,
                             colour=SERIES_COLOURS[index % len(SERIES_COLOURS)],
                             dash=SERIES_DASHES[index % len(SERIES_DASHES)])
        rows.append(Row(measure_words(measure), TREND_ROW, padded_range(values), [trace]))
    sessions = sorted({int(n) for n in measure_table.index} | {n for n, _ in phases})
    return stacked_figure(rows, sessions=sessions, phases=phases, title=title, legend=False)


def trend_summary(measure_table: pd.DataFrame, measures: Sequence[str]) -> str:
    """First and latest value of each chosen measure, in words.

    >>> table = pd.DataFrame({"size": [8.0, 9.0, 11.0]}, index=pd.Index([1, 2, 3], name="session"))
    >>> trend_summary(table, ["size"])
    'People in the circle: 8 at S1, 11 at S3.'
    """
    parts = []
    for measure in measures:
        values = measure_table[measure].dropna()
        if values.empty:
            continue
        first, last = values.index[0], values.index[-1]
        told = [f"{values[n]:.3g} at S{n}" for n in dict.fromkeys((first, last))]
        parts.append(f"{measure_words(measure)}: {', '.join(told)}")
    return "; ".join(parts) + "." if parts else "No measures to show yet."
