"""Time on the review page: the Play button beside the session slider, and the timeline strip.

Play steps through the sessions one by one (``PLAY_STEP_MS`` apart), so therapist and client can
watch the network change over the course; the strip under the slider shows the phases and life
events, and a click on a session there selects it. Skeleton only: ``callbacks_time`` fills it.
"""

from __future__ import annotations

from dash import dcc, html

from ipt_network.ui import ids

PLAY_STEP_MS = 1200
"""Time on each session while playing: long enough for people to glide to their new places
(a 0.5 s transition) and for the eye to take in the picture before the next step."""

PLAY_LABEL = {False: ("▶ Play", "Play through the sessions"), True: ("❚❚ Pause", "Pause playing")}
"""Stopped or playing → (button text, name for screen readers)."""

TIMELINE_CONFIG = {"displayModeBar": False, "responsive": True}
"""A strip to glance at and click: no toolbar."""

TIMELINE_HEIGHT = 110


def play_button() -> html.Div:
    """The Play/Pause button and its (stopped) timer, to sit beside the slider."""
    text, name = PLAY_LABEL[False]
    return html.Div(className="play", children=[
        html.Button(text, id=ids.PLAY, type="button", className="btn btn-outline-primary btn-sm play-button",
                    **{"aria-label": name}),
        dcc.Interval(id=ids.PLAY_TIMER, interval=PLAY_STEP_MS, disabled=True),
    ])


def timeline_strip() -> html.Div:
    """The course as a strip (phases shaded, life events marked) with its summary in words."""
    return html.Div(className="timeline", children=[
        dcc.Graph(id=ids.TIMELINE_GRAPH, config=TIMELINE_CONFIG, className="timeline-graph",
                  figure={"data": [], "layout": {"height": TIMELINE_HEIGHT, "xaxis": {"visible": False},
                                                 "yaxis": {"visible": False}}},
                  style={"height": f"{TIMELINE_HEIGHT}px"}),
        html.P(id=ids.TIMELINE_SUMMARY, className="timeline-summary"),
    ])
