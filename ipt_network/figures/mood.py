"""Mood over the course: each instrument in its own row over its shaded severity bands.

Bands are drawn from half a point below their lowest score to half a point below the next
band's, so each whole score sits inside its own band (PHQ-9 minimal −0.5–4.5, mild 4.5–9.5, …).
Reliable change, response and remission are marked where ``scales`` found them, with plain
words on hover; in the therapist's views (never the client's), so is every PHQ-9 whose item 9 was
answered above 0. Life events the client linked to feeling better or worse sit along the top
edge of the first instrument's row, their words on hover. Chosen network measures follow in rows of
their own on the same sessions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence

import pandas as pd

from ipt_network.events import LinkedEvent
from ipt_network.model import INSTRUMENT_MAX, Instrument
from ipt_network.scales import BANDS, MoodResult
from ipt_network.words import list_in_words

from .grid import Row, padded_range, series_trace, stacked_figure
from .style import (
    BLUE,
    GREEN,
    MUTED,
    PURPLE,
    SAFETY,
    SERIES_COLOURS,
    SERIES_DASHES,
    SKY,
    SLATE,
    VERMILLION,
    escape,
    session_hover,
    session_spans,
)
from .trends import MEASURE_WORDS

Bands = Mapping[str, Sequence[tuple[int, str]]]
"""Instrument → ``(lowest score, band name)`` in rising order, as ``scales.BANDS``."""
Markers = Mapping[str, Mapping[int, Collection[str]]]
"""Instrument → session → flags among ``FLAGS``."""

INSTRUMENT_WORDS = {
    Instrument.PHQ9: "PHQ-9 · depression (lower is better)",
    Instrument.GAD7: "GAD-7 · anxiety (lower is better)",
    Instrument.HAMD17: "HAM-D-17 · depression, clinician-rated (lower is better)",
    Instrument.MOOD: "Mood 0–10 · self-rated (higher is better)",
}
BAND_FILLS = ("#EAF4EC", "#F4F5E4", "#FBF1DF", "#FAE7DA", "#F6DEDC")
"""Light, calm band colours from the lowest (least severe) band to the highest."""

FLAGS = {  # legend word, hover words, symbol, colour, offset from the score as a share of the range
    "reliable_improvement": ("Reliable improvement",
                             "better than at the first score by more than everyday ups and downs",
                             "triangle-down", GREEN, 0.09),
    "reliable_deterioration": ("Reliable worsening",
                               "worse than at the first score by more than everyday ups and downs",
                               "triangle-up", VERMILLION, 0.09),
    "response": ("Response", "the score has at least halved since the first one", "circle-open", BLUE, 0.0),
    "remission": ("Remission", "the score is in the range where symptoms have eased", "star", GREEN, -0.09),
    "item9": ("Item 9 above 0", "item 9 (thoughts of being better off dead or of self-harm) answered above 0: "
              "check safety", "diamond", SAFETY, -0.2),
}
EVENT_MARKS = {  # legend word, symbol, colour
    "better": ("Event: mood better", "hexagon", SKY),
    "worse": ("Event: mood worse", "hexagon-open", PURPLE),
}
EVENT_STRIP = 0.1
"""The strip above the bands of the first row that holds the event marks, as a share of the score's
range: the marks sit inside the plot, where a click reaches them, and over no score."""
EventMarks = Mapping[int, Sequence[tuple[str, str]]]
"""Session → ``(mood, words)`` of each event linked to mood ("better" or "worse")."""
INSTRUMENT_ROW = 190
NETWORK_ROW = 120


def mood_markers(results: Mapping[int, Mapping[str, MoodResult]], *,
                 item9: bool = False) -> dict[str, dict[int, list[str]]]:
    """``scales.mood_results`` turned into the ``markers`` argument of ``mood_figure``; with ``item9``
    (the therapist's views only) PHQ-9 item 9 answered above 0 is marked too."""
    markers: dict[str, dict[int, list[str]]] = {}
    for number, by_instrument in results.items():
        for name, result in by_instrument.items():
            flags = [flag for flag, on in (
                ("reliable_improvement", result.reliable_change == "improved"),
                ("reliable_deterioration", result.reliable_change == "worsened"),
                ("response", bool(result.response)), ("remission", bool(result.remission)),
                ("item9", item9 and result.needs_safety_check)) if on]
            if flags:
                markers.setdefault(name, {})[number] = flags
    return markers


def event_marks(events: Mapping[int, Sequence[LinkedEvent]], display_name: Callable[[str], str], *,
                show_text: bool = True) -> dict[int, list[tuple[str, str]]]:
    """``events.mood_events`` turned into the ``events`` argument of ``mood_figure``: each event in the
    therapist's words, or, without its text (names hidden), only whether mood was better or worse."""
    return {number: [(e.mood, e.words(display_name) if show_text else "a life event") for e in found]
            for number, found in events.items()}


def score_ticks(top: int) -> list[int]:
    """Tick values from 0 to the scale's ``top`` (none above it, where the event strip is).

    >>> score_ticks(27), score_ticks(52), score_ticks(10)
    ([0, 5, 10, 15, 20, 25], [0, 10, 20, 30, 40, 50], [0, 2, 4, 6, 8, 10])
    """
    step = 2 if top <= 10 else 5 if top <= 30 else 10
    return list(range(0, top + 1, step))


def event_key(number: int) -> str:
    """What an event mark carries: its session, without a name or typed id, so a click can light the
    people of that session's events.

    >>> event_key(6), event_session(event_key(6)), event_session("person-2")
    ('event 6', 6, None)
    """
    return f"event {number}"


def event_session(key: object) -> int | None:
    """The session of an ``event_key``; ``None`` for anything else."""
    parts = key.split() if isinstance(key, str) else []
    return int(parts[1]) if len(parts) == 2 and parts[0] == "event" and parts[1].isdigit() else None


def _event_traces(marks: EventMarks, top: int, dates: Mapping[int, dt.date] | None) -> list[dict]:
    """One mark per mood and session; a session's marks share one place and one hover text listing all
    its events, whichever mark the pointer finds."""
    said = {n: "<br>".join(f"<b>Mood {mood}</b>: {escape(words)}" for mood, words in marks[n]) for n in marks}
    traces = []
    for mood, (word, symbol, colour) in EVENT_MARKS.items():
        chosen = [n for n in sorted(marks) if any(m == mood for m, _ in marks[n])]
        if not chosen:
            continue
        traces.append({
            "type": "scatter", "mode": "markers", "name": word, "legendgroup": f"event:{mood}", "xaxis": "x?",
            "yaxis": "y?", "showlegend": True, "x": chosen, "y": [top + 0.5 + EVENT_STRIP * top / 2] * len(chosen),
            "customdata": [event_key(n) for n in chosen], "cliponaxis": False,
            "hovertemplate": "%{hovertext}<extra></extra>",
            "hovertext": [f"{session_hover(n, dates)}<br>{said[n]}" for n in chosen],
            "marker": {"symbol": symbol, "color": colour, "size": 12, "line": {"width": 2, "color": colour}}})
    return traces


def band_edges(bands: Sequence[tuple[int, str]], top: int) -> list[tuple[float, float, str]]:
    """``(y0, y1, name)`` of each band, meeting half-way between whole scores.

    >>> band_edges(BANDS[Instrument.GAD7], 21)
    [(-0.5, 4.5, 'minimal'), (4.5, 9.5, 'mild'), (9.5, 14.5, 'moderate'), (14.5, 21.5, 'severe')]
    """
    lows = [low for low, _ in bands]
    highs = [*lows[1:], top + 1]
    return [(low - 0.5, high - 0.5, name) for (low, name), high in zip(bands, highs, strict=True)]


def band_of(bands: Sequence[tuple[int, str]], score: float) -> str | None:
    """The name of the band holding ``score``."""
    names = [name for low, name in bands if score >= low]
    return names[-1] if names else None


def _band_shapes(bands: Sequence[tuple[int, str]], top: int) -> tuple[list[dict], list[dict]]:
    shapes, labels = [], []
    edges = band_edges(bands, top)
    for index, (y0, y1, name) in enumerate(edges):
        fill = BAND_FILLS[round(index * (len(BAND_FILLS) - 1) / max(len(edges) - 1, 1))]
        shapes.append({"type": "rect", "xref": "x? domain", "yref": "y?", "x0": 0, "x1": 1, "y0": y0, "y1": y1,
                       "fillcolor": fill, "line": {"width": 0}, "layer": "below", "name": f"band:{name}"})
        labels.append({"xref": "x? domain", "yref": "y?", "x": 1.01, "y": (y0 + y1) / 2, "xanchor": "left",
                       "text": name.capitalize(), "showarrow": False, "font": {"size": 11, "color": MUTED}})
    return shapes, labels


def _flag_traces(name: str, scores: pd.Series, flags: Mapping[int, Collection[str]], span: float,
                 dates: Mapping[int, dt.date] | None, legend_done: set[str]) -> list[dict]:
    traces = []
    for flag, (word, meaning, symbol, colour, offset) in FLAGS.items():
        numbers = [n for n in sorted(flags) if flag in flags[n] and pd.notna(scores.get(n))]
        if not numbers:
            continue
        traces.append({
            "type": "scatter", "mode": "markers", "name": word, "legendgroup": flag, "xaxis": "x?",
            "yaxis": "y?", "showlegend": flag not in legend_done, "x": numbers,
            "y": [float(scores[n]) + offset * span for n in numbers], "cliponaxis": False,
            "hovertext": [f"{session_hover(n, dates)}<br><b>{word}</b> ({escape(name)}): {meaning}"
                          for n in numbers],
            "hovertemplate": "%{hovertext}<extra></extra>",
            "marker": {"symbol": symbol, "color": colour, "size": 20 if symbol == "circle-open" else 12,
                       "line": {"width": 2.5 if symbol == "circle-open" else 1, "color": colour
                                if symbol == "circle-open" else "white"}}})
        legend_done.add(flag)
    return traces


def mood_figure(mood_table: pd.DataFrame, *, phases: Sequence[tuple[int, str]],
                instrument_bands: Bands = BANDS, markers: Markers | None = None,
                network_series: pd.DataFrame | None = None, dates: Mapping[int, dt.date] | None = None,
                title: str | None = None, show_scores: bool = True, events: EventMarks | None = None) -> dict:
    """Mood scores over sessions as a plotly figure dict.

    Parameters
    ----------
    mood_table
        ``scales.mood_table``: a row per session (index = session number), a column per
        instrument, NaN where not recorded. Instruments never recorded are left out.
    phases
        ``(session number, phase)`` pairs for the phase ribbon.
    instrument_bands
        Severity bands per instrument; instruments without bands (mood-0-10) get none.
    markers
        Instrument → session → flags (see ``mood_markers``).
    network_series
        Optional network measures (a column each, same session index), drawn in rows below.
    dates
        Session number → date, for hover text.
    events
        Life events linked to mood (see ``event_marks``), marked along the top of the first row.
    show_scores
        Scores and measure values on hover and on the y axes; without them (the client's view
        unless scores are asked for) the hover text keeps the range in words, and bands, phases
        and markers stay.
    """
    rows: list[Row] = []
    legend_done: set[str] = set()
    for name in mood_table.columns:
        scores = mood_table[name].dropna()
        if scores.empty:
            continue
        top = INSTRUMENT_MAX[Instrument(name)]
        bands = instrument_bands.get(name, ())
        shapes, labels = _band_shapes(bands, top) if bands else ([], [])
        line = series_trace(scores, name, dates=dates, colour=SLATE)
        line["hovertext"] = [f"{session_hover(int(n), dates)}<br>{escape(name)}"
                             + (f": {score:g}" if show_scores else "")
                             + (f" ({band_of(bands, score)})" if bands else "") for n, score in scores.items()]
        line["marker"]["size"] = 8
        flags = _flag_traces(name, scores, (markers or {}).get(name, {}), top, dates, legend_done)
        strip, ticks = 0.0, None
        if events and not rows:
            flags += _event_traces(events, top, dates)
            strip, ticks = EVENT_STRIP * top, score_ticks(top)
        rows.append(Row(INSTRUMENT_WORDS[Instrument(name)], INSTRUMENT_ROW, [-0.5, top + 0.5 + strip],
                        [line, *flags], shapes, labels, ticks))
    for index, column in enumerate(network_series.columns if network_series is not None else ()):
        values = network_series[column]
        label = MEASURE_WORDS.get(column, column.replace("_", " ").capitalize())
        trace = series_trace(values, label, dates=dates, colour=SERIES_COLOURS[index % len(SERIES_COLOURS)],
                             dash=SERIES_DASHES[index % len(SERIES_DASHES)], show_values=show_scores)
        rows.append(Row(label, NETWORK_ROW, padded_range(values), [trace]))
    sessions = sorted({int(n) for n in mood_table.index} | {n for n, _ in phases})
    figure = stacked_figure(rows, sessions=sessions, phases=phases, title=title, right_margin=130)
    for key, axis in figure["layout"].items():
        if key.startswith("yaxis") and not show_scores:
            axis["showticklabels"] = False
    return figure


def mood_summary(mood_table: pd.DataFrame, *, instrument_bands: Bands = BANDS,
                 markers: Markers | None = None) -> str:
    """Each instrument's first and latest score in words, with any reliable change named.

    >>> table = pd.DataFrame({"PHQ-9": [18.0, 11.0, 9.0]}, index=pd.Index([1, 2, 3], name="session"))
    >>> mood_summary(table, markers={"PHQ-9": {3: ["reliable_improvement", "response"]}})
    'PHQ-9 went from 18 (moderately severe) at S1 to 9 (mild) at S3; reliable improvement at S3; response at S3.'
    """
    sentences = []
    for name in mood_table.columns:
        scores = mood_table[name].dropna()
        if scores.empty:
            continue
        bands = instrument_bands.get(name, ())

        def told(n: int, score: float, bands: Sequence[tuple[int, str]] = bands) -> str:
            band = band_of(bands, score) if bands else None
            return f"{score:g}" + (f" ({band})" if band else "") + f" at S{n}"

        (first, a), (last, b) = next(scores.items()), list(scores.items())[-1]
        text = (f"{name} was {told(int(first), a)}" if first == last
                else f"{name} went from {told(int(first), a)} to {told(int(last), b)}")
        flags = (markers or {}).get(name, {})
        for flag, (word, *_rest) in FLAGS.items():
            where = [n for n in flags if flag in flags[n]]
            if where:
                text += f"; {word.lower()} at {list_in_words(session_spans(where))}"
        sentences.append(text + ".")
    return " ".join(sentences) or "No mood scores recorded yet."
