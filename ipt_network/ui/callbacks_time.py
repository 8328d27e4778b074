"""Callbacks of time on the review page: playing through the sessions, and the timeline strip.

Both move the session slider, never the selection itself: the slider's own callback keeps the
address and ``ids.SELECTION`` in step, so playing or clicking the strip is the same as moving
the slider (the address follows, the back button goes back).
"""

from __future__ import annotations

import dash
from dash import Input, Output, Patch, State, ctx, no_update
from dash.exceptions import PreventUpdate

from ipt_network.figures.timeline import timeline_figure, timeline_history, timeline_sessions, timeline_summary
from ipt_network.ui import ids
from ipt_network.ui.courses import Courses
from ipt_network.ui.layout_time import PLAY_LABEL, TIMELINE_HEIGHT
from ipt_network.ui.view import names_hidden, session_on_show

CURRENT_TRACE = "This session"
"""The timeline trace that rings the session on show (``timeline_figure`` names it so)."""


def play_step(numbers: list[int], current: int, *, pressed: bool, playing: bool) -> tuple[int | None, bool]:
    """What one press of Play/Pause (``pressed``) or one tick of the timer does.

    Returns the session to show next (``None``: stay) and whether playing goes on. Play on the
    last session starts again from the first; playing stops on reaching the last.

    >>> play_step([1, 2, 3], 1, pressed=False, playing=True), play_step([1, 2, 3], 2, pressed=False, playing=True)
    ((2, True), (3, False))
    >>> play_step([1, 2, 3], 3, pressed=True, playing=False), play_step([1, 2, 3], 2, pressed=True, playing=True)
    ((1, True), (None, False))
    """
    if pressed:
        if playing or len(numbers) < 2:
            return None, False
        return (numbers[0], True) if current == numbers[-1] else (None, True)
    later = [number for number in numbers if number > current]
    if not playing or not later:
        return None, False
    return later[0], later[0] != numbers[-1]


def clicked_session(click: dict | None) -> int | None:
    """The session number of a click on the timeline strip (its dots carry it as ``customdata``)."""
    points = (click or {}).get("points") or [{}]
    number = points[0].get("customdata")
    return number if isinstance(number, int) else None


def register(app: dash.Dash, courses: Courses) -> None:
    @app.callback(
        Output(ids.SESSION_SLIDER, "value", allow_duplicate=True),
        Output(ids.PLAY_TIMER, "disabled"),
        Output(ids.PLAY, "children"),
        Output(ids.PLAY, "aria-label"),
        Input(ids.PLAY, "n_clicks"),
        Input(ids.PLAY_TIMER, "n_intervals"),
        State(ids.PLAY_TIMER, "disabled"),
        State(ids.SESSION_SLIDER, "marks"),
        State(ids.SELECTION, "data"),
        prevent_initial_call=True,
    )
    def play(_clicks, _ticks, stopped, marks, selection):
        current = (selection or {}).get("session")
        if not marks or current is None:
            raise PreventUpdate
        numbers = sorted(int(number) for number in marks)
        following, playing = play_step(numbers, current, pressed=ctx.triggered_id == ids.PLAY,
                                       playing=not stopped)
        text, name = PLAY_LABEL[playing]
        return (no_update if following is None else following), not playing, text, name

    @app.callback(
        Output(ids.TIMELINE_GRAPH, "figure"),
        Output(ids.TIMELINE_SUMMARY, "children"),
        Input(ids.SHOWN, "data"),
        Input(ids.HIDE_NAMES, "value"),
        Input(ids.DATA_VERSION, "data"),
        State(ids.REVIEW_CLIENT, "data"),
        State(ids.TIMELINE_SUMMARY, "children"),
    )
    def draw_timeline(selection, hide, _data_version, client_id, drawn):
        """The whole strip when the course or the names switch change; only the ring otherwise."""
        current = session_on_show(selection)
        doc = courses.get(client_id).doc
        sessions = timeline_sessions(doc)
        figure = timeline_figure(sessions, current=current, show_event_text=not names_hidden(hide),
                                 height=TIMELINE_HEIGHT, history=timeline_history(doc))
        if drawn and ctx.triggered_prop_ids.keys() == {f"{ids.SHOWN}.data"}:
            index, ring = next((i, trace) for i, trace in enumerate(figure["data"]) if trace["name"] == CURRENT_TRACE)
            patch = Patch()
            patch["data"][index]["x"] = ring["x"]
            patch["data"][index]["y"] = ring["y"]
            return patch, no_update
        return figure, timeline_summary(sessions)

    @app.callback(
        Output(ids.SESSION_SLIDER, "value", allow_duplicate=True),
        Input(ids.TIMELINE_GRAPH, "clickData"),
        prevent_initial_call=True,
    )
    def select_from_timeline(click):
        number = clicked_session(click)
        if number is None:
            raise PreventUpdate
        return number
