"""Callbacks of the review page: header, session selection kept in the address, the network picture.

The address is the source of truth for what is on show: the slider writes ``?session=N`` and a
pasted or back-button address moves the slider. ``ids.SELECTION`` always holds sessions that
exist. The network listens to it and, once drawn, passes it on as ``ids.SHOWN``, which every
other panel listens to: the picture a session change is for comes first, the rest follows.

The network glides from one session to the next (the figure's ``layout.transition``). Two things
in plotly.js make that unsafe unless the figure is prepared for it: an axis animation that outlives
a graph removed mid-transition (the network figure keeps its axis ranges fixed, so there is none),
and a marker whose shape changes being morphed into invalid SVG (``glide`` gives such a person a
new key, so they are redrawn in place while everyone else moves).
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
from ipt_network.graph import find_session
from ipt_network.hotspots import Findings
from ipt_network.layout import Point, force_positions, ring_positions
from ipt_network.metrics import tie_valences
from ipt_network.model import Document
from ipt_network.overview import CourseAnalysis
from ipt_network.ui import ids
from ipt_network.ui.courses import Courses
from ipt_network.ui.derived import derived
from ipt_network.ui.labels import CLIENT, measure_rows, problem_areas, session_caption, voice_or_default
from ipt_network.ui.layout_compare import compare_options
from ipt_network.ui.layout_review import BLANK_FIGURE, FORCE, LINKS, names_hidden, scores_shown
from ipt_network.ui.urls import Selection, nearest_session, selection_from_search


def still(figure: dict) -> dict:
    """The figure without its animated transition.

    plotly.js throws ("reading '_plots'") when a graph is removed mid-transition, as when the
    therapist leaves the page within half a second of a redraw; a page error is never acceptable.
    """
    figure["layout"].pop("transition", None)
    return figure


def rekey(figure: dict, key_of: Callable[[str], str]) -> dict:
    """The network figure with the people's and the client's ids replaced by ``key_of`` wherever it
    holds them (see ``pseudonyms``)."""
    for trace in figure["data"]:
        if "ids" not in trace:
            continue
        trace["ids"] = [key_of(key) for key in trace["ids"]]
        if "customdata" in trace:
            trace["customdata"] = trace["ids"]
        if trace["name"] == "client":
            figure["layout"]["uirevision"] = f"network:{trace['ids'][0]}"
    return figure


def glide(figure: dict, key_of: Callable[[str], str] | None = None) -> dict:
    """The network figure ready to move smoothly from the one drawn before it.

    A person's key (``ids``) gains their marker shape, so a person whose shape changes (say from
    supportive to mixed) is redrawn in place: plotly.js would otherwise morph a diamond into a
    circle through invalid SVG paths, an error in the console at every frame. ``key_of`` first
    replaces the ids (``rekey``).
    """
    if key_of:
        rekey(figure, key_of)
    for trace in figure["data"]:
        if trace.get("name") == "people":
            trace["ids"] = [f"{key} {symbol}" for key, symbol in zip(trace["ids"], trace["marker"]["symbol"],
                                                                      strict=True)]
    return figure


def pseudonyms(doc: Document) -> Callable[[str], str]:
    """Keys that name nobody, for the figure's ids when names are hidden (ids are typed by people:
    ``p-arjun``). Numbered in the order people were recorded, so the same in every session.

    >>> from ipt_network.model import parse_document
    >>> doc = parse_document({"format": "ipt-network", "version": 1,
    ...     "client": {"id": "c-ana", "label": "Ana", "start_date": "2026-01-05"},
    ...     "people": [{"id": "p-dan", "name": "Dan", "role": "partner"}], "sessions": []})
    >>> key = pseudonyms(doc)
    >>> key("c-ana"), key("p-dan")
    ('client', 'person-1')
    """
    keys = {doc.client.id: "client", **{person.id: f"person-{i}" for i, person in enumerate(doc.people, 1)}}
    return keys.__getitem__


def course_force_positions(course: CourseAnalysis) -> dict[str, Point]:
    """One force-directed layout of everyone in the course, so people keep their places from session
    to session in the clusters view as they do in the closeness circle."""
    return force_positions(course.doc, course.numbers)


def session_marks(numbers: list[int]) -> dict[int, str]:
    return {number: f"S{number}" for number in numbers}


def view_prefs(voice: str | None, hide: list[str] | None) -> dict:
    """The switches' values as the preferences of ``ids.VIEW_PREFS``."""
    return {"voice": voice_or_default(voice), "hide_names": names_hidden(hide)}


def namer(doc: Document, prefs: dict) -> Callable[[str], str]:
    """How people are shown: names, or roles when hidden; the client is "You" in the client's words."""
    hide = prefs["hide_names"]
    client_label = "You" if prefs["voice"] == CLIENT else "Client" if hide else doc.client.label
    return display_namer(doc, "roles" if hide else "names", client_label=client_label)


def session_findings(course: CourseAnalysis, number: int, voice: str, hide_names: bool) -> Findings:
    """The session's flags and hotspots in the words of this view (see ``derived``)."""
    return course.findings(number, namer(course.doc, {"voice": voice, "hide_names": hide_names}))


def findings_in_view(course: CourseAnalysis, number: int, prefs: dict) -> Findings:
    """``session_findings``, made once per course, session and view."""
    return derived(course, session_findings, number, prefs["voice"], prefs["hide_names"])


def header_label(doc: Document, prefs: dict) -> str:
    """The client's label, or "Client" while names are hidden."""
    return "Client" if prefs["hide_names"] else doc.client.label


def summary_panel(course: CourseAnalysis, number: int, display_name: Callable[[str], str], hotspots: dict,
                  *, numbers: bool) -> list:
    """The picture in words, then the session's measures when numbers are on show."""
    children = [html.P(network_summary(course.doc, number, display_name=display_name, hotspots=hotspots,
                                       thresholds=course.thresholds))]
    if numbers:
        children.append(html.Dl(className="measures mb-0", children=[
            part for name, value in measure_rows(course.measures(number))
            for part in (html.Dt(name), html.Dd(value))
        ]))
    return children


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
        Input(ids.DATA_VERSION, "data"),
        State(ids.REVIEW_CLIENT, "data"),
        State(ids.SHOWN, "data"),
    )
    def draw_network(selection, voice, hide, numbers, arrangement, links, highlight, _data_version, client_id,
                     shown_before):
        """The network of the session selected, then ``ids.SHOWN`` so the other panels follow it."""
        if not selection:
            raise PreventUpdate
        shown_now = selection if selection != shown_before else no_update
        number = Selection(**selection).session
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
            positions=derived(course, course_force_positions) if force else ring_positions(doc, number),
            valence=tie_valences(course.graph(number), course.thresholds), show_links=LINKS in (links or []),
            show_rings=not force, show_scores=with_numbers, thresholds=course.thresholds)
        session = find_session(doc, number)
        caption = session_caption(number, session.date, session.phase, prefs["voice"])
        return (glide(figure, pseudonyms(doc) if prefs["hide_names"] else None),
                summary_panel(course, number, shown, hotspots, numbers=with_numbers), caption, shown_now)

    @app.callback(
        Output(ids.VIEW_PREFS, "data"),
        Input(ids.VOICE, "value"),
        Input(ids.HIDE_NAMES, "value"),
        prevent_initial_call=True,
    )
    def remember_view_prefs(voice, hide):
        """Carry the switches to the next page opened (in this tab's memory only)."""
        return view_prefs(voice, hide)
