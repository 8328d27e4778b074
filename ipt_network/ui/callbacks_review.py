"""Callbacks of the review page: header, session selection kept in the address, the network picture.

The address is the source of truth for what is on show: the slider writes ``?session=N`` and a
pasted or back-button address moves the slider. ``ids.SELECTION`` always holds sessions that
exist. The network listens to it and, once drawn, passes it on as ``ids.SHOWN``, which every
other panel listens to: the picture a session change is for comes first, the rest follows.

The network glides from one session to the next (the figure's ``layout.transition``). Two things
in plotly.js make that unsafe unless the figure is prepared for it: an axis animation that outlives
a graph removed mid-transition (the network figure keeps its axis ranges fixed, so there is none),
and a marker whose shape changes being morphed into invalid SVG (``figures.keys.glide`` gives such
a person a new key, so they are redrawn in place while everyone else moves).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import dash
from dash import Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

from ipt_network.contract import contract
from ipt_network.errors import NotFoundError
from ipt_network.events import mood_events
from ipt_network.figures.keys import glide, pseudonyms
from ipt_network.figures.network import network_figure
from ipt_network.graph import find_session
from ipt_network.layout import Point, force_positions, ring_positions
from ipt_network.metrics import tie_valences
from ipt_network.model import Document
from ipt_network.overview import CourseAnalysis
from ipt_network.ui import ids
from ipt_network.ui.courses import Courses
from ipt_network.ui.derived import derived
from ipt_network.ui.labels import THERAPIST, measure_rows, problem_areas, session_caption
from ipt_network.ui.layout_compare import compare_options
from ipt_network.ui.layout_review import BLANK_FIGURE, FORCE, LINKS
from ipt_network.ui.urls import nearest_session, selection_from_search
from ipt_network.ui.view import findings_in_view, namer, picture_in_words, scores_shown, selection_of, view_prefs


def course_force_positions(course: CourseAnalysis) -> dict[str, Point]:
    """One force-directed layout of everyone in the course, so people keep their places from session
    to session in the clusters view as they do in the closeness circle."""
    return force_positions(course.doc, course.numbers)


def session_marks(numbers: list[int]) -> dict[int, str]:
    return {number: f"S{number}" for number in numbers}


def header_label(doc: Document, prefs: dict) -> str:
    """The client's label, or "Client" while names are hidden."""
    return "Client" if prefs["hide_names"] else doc.client.label


def summary_panel(course: CourseAnalysis, number: int, display_name: Callable[[str], str], hotspots: dict,
                  *, voice: str, numbers: bool) -> list:
    """The picture in words, then the session's measures when numbers are on show."""
    children = [html.P(picture_in_words(course, number, voice, display_name, hotspots))]
    if numbers:
        children.append(html.Dl(className="measures mb-0", children=[
            part for name, value in measure_rows(course.measures(number))
            for part in (html.Dt(name), html.Dd(value))
        ]))
    return children


def event_people(doc: Document, number: int, lit: int | None) -> tuple[str, ...]:
    """The people of the life events linked to mood at session ``lit`` (chosen on the mood chart),
    while that session is on show."""
    if lit != number:
        return ()
    return tuple(dict.fromkeys(person for event in mood_events(doc).get(number, ()) for person in event.people))


def register(app: dash.Dash, courses: Courses) -> None:
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
        Input(ids.HIDE_NAMES, "value"),
        Input(ids.DATA_VERSION, "data"),
    )
    def fill_header(client_id, voice, hide, _data_version):
        try:
            doc = courses.get(client_id).doc
        except NotFoundError:
            return "", "", None, 1, 1, True, False
        numbers = sorted(s.number for s in doc.sessions)
        low, high = (numbers[0], numbers[-1]) if numbers else (1, 1)
        prefs = view_prefs(voice, hide)
        areas = problem_areas(doc.client.problem_areas, prefs["voice"])
        return header_label(doc, prefs), areas, session_marks(numbers), low, high, False, True

    @app.callback(
        Output(ids.REVIEW_URL, "search"),
        Output(ids.SESSION_SLIDER, "value"),
        Output(ids.COMPARE_WITH, "options"),
        Output(ids.COMPARE_WITH, "value"),
        Output(ids.SELECTION, "data"),
        Input(ids.REVIEW_URL, "search"),
        Input(ids.SESSION_SLIDER, "value"),
        Input(ids.COMPARE_WITH, "value"),
        Input(ids.SESSION_SLIDER, "marks"),
        State(ids.SELECTION, "data"),
    )
    def select_session(search, slider_value, compare_value, marks, current):
        """One callback keeps the address, the slider and the "Compare with" choice in step (the
        choice's options are set with its value, so it never holds a session it does not list)."""
        if marks is None:  # the client is not loaded (yet)
            raise PreventUpdate
        numbers = sorted(int(number) for number in marks)
        asked = selection_from_search(search)
        if f"{ids.SESSION_SLIDER}.value" in ctx.triggered_prop_ids:
            previous = (current or {}).get("session")
            asked = dataclasses.replace(asked, session=nearest_session(slider_value, numbers, previous))
        if f"{ids.COMPARE_WITH}.value" in ctx.triggered_prop_ids:
            asked = dataclasses.replace(asked, compare=compare_value)
        chosen = asked.within(numbers)
        wanted = dataclasses.asdict(chosen)
        return (
            chosen.to_search() if chosen.to_search() != (search or "") else no_update,
            chosen.session if chosen.session != slider_value else no_update,
            compare_options(numbers, chosen.session),
            chosen.compare if chosen.compare != compare_value else no_update,
            wanted if wanted != current else no_update,
        )

    @app.callback(
        Output(ids.NETWORK_GRAPH, "figure"),
        Output(ids.NETWORK_SUMMARY, "children"),
        Output(ids.SESSION_CAPTION, "children"),
        Output(ids.SHOWN, "data"),
        Input(ids.SELECTION, "data"),
        Input(ids.VOICE, "value"),
        Input(ids.HIDE_NAMES, "value"),
        Input(ids.SHOW_NUMBERS, "value"),
        Input(ids.NETWORK_ARRANGEMENT, "value"),
        Input(ids.NETWORK_LINKS, "value"),
        Input(ids.HIGHLIGHT, "data"),
        Input(ids.LIT_EVENT, "data"),
        Input(ids.DATA_VERSION, "data"),
        State(ids.REVIEW_CLIENT, "data"),
        State(ids.SHOWN, "data"),
    )
    def draw_network(selection, voice, hide, numbers, arrangement, links, highlight, lit_event, _data_version,
                     client_id, shown_before):
        """The network of the session selected, then ``ids.SHOWN`` so the other panels follow it."""
        number = selection_of(selection).session
        shown_now = selection if selection != shown_before else no_update
        if number is None:
            return BLANK_FIGURE, html.P("No sessions are recorded yet."), "", shown_now
        prefs = view_prefs(voice, hide)
        course = courses.get(client_id)
        doc = course.doc
        shown = namer(doc, prefs)
        hotspots = {h.person: [getattr(h, prefs["voice"])] for h in findings_in_view(course, number, prefs).hotspots}
        force = arrangement == FORCE
        with_numbers = scores_shown(prefs["voice"], numbers)
        figure = network_figure(
            doc, number, display_name=shown, hotspots=hotspots, highlight=highlight,
            lit=event_people(doc, number, lit_event),
            positions=derived(course, course_force_positions) if force else ring_positions(doc, number),
            valence=tie_valences(course.graph(number), course.thresholds), show_links=LINKS in (links or []),
            show_rings=not force, show_scores=with_numbers, thresholds=course.thresholds, height=None,
            private=prefs["voice"] == THERAPIST)
        session = find_session(doc, number)
        plan = contract(doc, number)
        caption = session_caption(number, session.date, session.phase, prefs["voice"], plan=plan and plan.words)
        return (glide(figure, pseudonyms(doc) if prefs["hide_names"] else None),
                summary_panel(course, number, shown, hotspots, voice=prefs["voice"], numbers=with_numbers),
                caption, shown_now)

    @app.callback(
        Output(ids.VIEW_PREFS, "data"),
        Input(ids.VOICE, "value"),
        Input(ids.HIDE_NAMES, "value"),
        prevent_initial_call=True,
    )
    def remember_view_prefs(voice, hide):
        """Carry the switches to the next page opened (in this tab's memory only)."""
        return view_prefs(voice, hide)
