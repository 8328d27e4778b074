"""The review page's hotspots card and mood section. Skeletons only: ``callbacks_insights`` fills them.

The hotspots card sits beside the network, so that choosing a person in its list and seeing them
highlighted in the picture happen side by side. The mood section spans the page: the chart with its
choices and summary, and the session's mood and its link with the network in words.
"""

from __future__ import annotations

from dash import dcc, html

from ipt_network.figures.trends import measure_words
from ipt_network.linkage import SERIES
from ipt_network.ui import ids
from ipt_network.ui.modebar import download_only

DEFAULT_SERIES = ["total_support"]
"""The network series drawn under mood until others are chosen."""

EMPTY_CHART = {"data": [], "layout": {"xaxis": {"visible": False}, "yaxis": {"visible": False},
                                      "height": 360, "margin": {"l": 0, "r": 0, "t": 0, "b": 0}}}


def hotspots_card() -> html.Section:
    """Isolation flags and conflict hotspots of the session; a hotspot's button highlights that person."""
    return html.Section(className="card card-body panel hotspots", **{"aria-labelledby": ids.HOTSPOTS_TITLE},
                        children=[
        dcc.Store(id=ids.HIGHLIGHT, storage_type="memory"),
        dcc.Store(id=ids.LIT_EVENT, storage_type="memory"),
        html.H2("Isolation and conflict", id=ids.HOTSPOTS_TITLE, className="h5"),
        html.Div(id=ids.HOTSPOTS_PANEL, **{"aria-live": "polite"}),
        html.Button("Clear highlight", id=ids.HIGHLIGHT_CLEAR, type="button", hidden=True,
                    className="btn btn-outline-secondary btn-sm mt-2"),
    ])


def mood_section() -> html.Section:
    """Mood over the course beside chosen network series, this session's mood in words, and the choices
    of what the chart sets beside mood (under it: the chart comes first)."""
    return html.Section(**{"aria-label": "Mood"}, className="card card-body panel mood", children=[
        html.H2("Mood", className="h5"),
        dcc.Graph(id=ids.MOOD_GRAPH, figure=EMPTY_CHART, config=download_only("mood")),
        html.P(id=ids.MOOD_SUMMARY, className="graph-summary", **{"aria-live": "polite"}),
        html.Div(id=ids.MOOD_PANEL, className="mood-words", **{"aria-live": "polite"}),
        html.Div(className="mood-options", children=[
            html.Fieldset(children=[
                html.Legend("Network beside mood", className="form-label fs-6 mb-1"),
                dcc.Checklist(id=ids.MOOD_SERIES, value=DEFAULT_SERIES, inline=True, className="check-row",
                              options=[{"label": measure_words(s), "value": s} for s in SERIES]),
            ]),
            html.Fieldset(children=[
                html.Legend("Compared with", className="form-label fs-6 mb-1"),
                dcc.RadioItems(id=ids.MOOD_INSTRUMENT, options=[], value=None, inline=True, className="choice-row"),
            ]),
        ]),
    ])
