"""Callbacks of the review page: header, session selection kept in the address, the network picture.

The address is the source of truth for what is on show: the slider writes ``?session=N`` and a
pasted or back-button address moves the slider. ``ids.SELECTION`` always holds sessions that
exist, and is what every panel listens to.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import dash
from dash import Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

from ipt_network.errors import NotFoundError
from ipt_network.figures.names import display_namer
from ipt_network.figures.network import network_figure, network_summary
from ipt_network.graph import find_session, session_graph
from ipt_network.layout import ring_positions
from ipt_network.metrics import measures
from ipt_network.model import Document
from ipt_network.store import Store
from ipt_network.ui import ids
from ipt_network.ui.labels import CLIENT, THERAPIST, measure_rows, problem_areas, session_caption, voice_or_default
from ipt_network.ui.layout_review import BLANK_FIGURE, HIDE
from ipt_network.ui.urls import Selection, nearest_session, selection_from_search


def still(figure: dict) -> dict:
    """The figure without its animated transition.

    plotly.js throws ("reading '_plots'") when a graph is removed mid-transition, as when the
    therapist leaves the page within half a second of a redraw; a page error is never acceptable.
    """
    figure["layout"].pop("transition", None)
    return figure


def session_marks(numbers: list[int]) -> dict[int, str]:
    return {number: f"S{number}" for number in numbers}


def view_prefs(voice: str | None, hide: list[str] | None) -> dict:
    """The switches' values as the preferences of ``ids.VIEW_PREFS``."""
    return {"voice": voice_or_default(voice), "hide_names": HIDE in (hide or [])}


def namer(doc: Document, prefs: dict) -> Callable[[str], str]:
    """How people are shown: names, or roles when hidden; the client is "You" in the client's words."""
    hide = prefs["hide_names"]
    client_label = "You" if prefs["voice"] == CLIENT else "Client" if hide else doc.client.label
    return display_namer(doc, "roles" if hide else "names", client_label=client_label)


def summary_panel(doc: Document, number: int, display_name: Callable[[str], str], voice: str) -> list:
    children = [html.P(network_summary(doc, number, display_name=display_name))]
    if voice == THERAPIST:
        children.append(html.Dl(className="measures mb-0", children=[
            part for name, value in measure_rows(measures(session_graph(doc, number)))
            for part in (html.Dt(name), html.Dd(value))
        ]))
    return children


def register(app: dash.Dash, store: Store) -> None:
    @app.callback(
        Output(ids.REVIEW_LABEL, "children"),
        Output(ids.REVIEW_AREAS, "children"),
        Output(ids.SESSION_SLIDER, "marks"),
        Output(ids.SESSION_SLIDER, "min"),
        Output(ids.SESSION_SLIDER, "max"),
        Output(ids.REVIEW_BODY, "hidden"),
        Output(ids.REVIEW_NOT_FOUND, "hidden"),
        Input(ids.REVIEW_CLIENT, "data"),
        Input(ids.VOICE, "value"),
        Input(ids.DATA_VERSION, "data"),
    )
    def fill_header(client_id, voice, _data_version):
        try:
            doc = store.load(client_id).document
        except NotFoundError:
            return "", "", None, 1, 1, True, False
        numbers = sorted(s.number for s in doc.sessions)
        low, high = (numbers[0], numbers[-1]) if numbers else (1, 1)
        areas = problem_areas(doc.client.problem_areas, voice_or_default(voice))
        return doc.client.label, areas, session_marks(numbers), low, high, False, True

    @app.callback(
        Output(ids.REVIEW_URL, "search"),
        Output(ids.SESSION_SLIDER, "value"),
        Output(ids.SELECTION, "data"),
        Input(ids.REVIEW_URL, "search"),
        Input(ids.SESSION_SLIDER, "value"),
        Input(ids.SESSION_SLIDER, "marks"),
        State(ids.SELECTION, "data"),
    )
    def select_session(search, slider_value, marks, current):
        if marks is None:  # the client is not loaded (yet)
            raise PreventUpdate
        numbers = sorted(int(number) for number in marks)
        asked = selection_from_search(search)
        if f"{ids.SESSION_SLIDER}.value" in ctx.triggered_prop_ids:
            previous = (current or {}).get("session")
            asked = dataclasses.replace(asked, session=nearest_session(slider_value, numbers, previous))
        chosen = asked.within(numbers)
        wanted = dataclasses.asdict(chosen)
        return (
            chosen.to_search() if chosen.to_search() != (search or "") else no_update,
            chosen.session if chosen.session != slider_value else no_update,
            wanted if wanted != current else no_update,
        )

    @app.callback(
        Output(ids.NETWORK_GRAPH, "figure"),
        Output(ids.NETWORK_SUMMARY, "children"),
        Output(ids.SESSION_CAPTION, "children"),
        Input(ids.SELECTION, "data"),
        Input(ids.VOICE, "value"),
        Input(ids.HIDE_NAMES, "value"),
        Input(ids.DATA_VERSION, "data"),
        State(ids.REVIEW_CLIENT, "data"),
    )
    def draw_network(selection, voice, hide, _data_version, client_id):
        if not selection:
            raise PreventUpdate
        number = Selection(**selection).session
        if number is None:
            return BLANK_FIGURE, html.P("No sessions are recorded yet."), ""
        prefs = view_prefs(voice, hide)
        doc = store.load(client_id).document
        session = find_session(doc, number)
        shown = namer(doc, prefs)
        figure = still(network_figure(doc, number, positions=ring_positions(doc, number), display_name=shown))
        caption = session_caption(number, session.date, session.phase, prefs["voice"])
        return figure, summary_panel(doc, number, shown, prefs["voice"]), caption

    @app.callback(
        Output(ids.VIEW_PREFS, "data"),
        Input(ids.VOICE, "value"),
        Input(ids.HIDE_NAMES, "value"),
        prevent_initial_call=True,
    )
    def remember_view_prefs(voice, hide):
        """Carry the switches to the next page opened (in this tab's memory only)."""
        return view_prefs(voice, hide)
