"""Callbacks of the hotspots card and the mood section of the review page.

Both follow the session on show, the voice and the names switch. A hotspot's button highlights that
person in the network (``ids.HIGHLIGHT``, which ``callbacks_review.draw_network`` draws): pressing
it again or "Clear highlight" removes the highlight (decided in the page, ``assets/hotspots.js``),
and it stays from session to session while that person is in the network. A press changes only
the buttons' ``aria-pressed``, never the list itself: redrawn buttons would take the keyboard
focus away from the one just pressed.

The mood chart is drawn once per course and choice of series; a session change only moves its
"this session" line (a ``Patch``), so it costs next to nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import dash
import pandas as pd
from dash import ALL, ClientsideFunction, Input, Output, Patch, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

from ipt_network.events import mood_events
from ipt_network.figures.mood import EventMarks, event_marks, event_session, mood_figure, mood_markers
from ipt_network.graph import find_session
from ipt_network.hotspots import Findings
from ipt_network.linkage import SERIES, linkage_from_tables, network_series
from ipt_network.model import Document
from ipt_network.overview import CourseAnalysis
from ipt_network.scales import MoodResult, mood_table
from ipt_network.ui import ids
from ipt_network.ui.courses import Courses
from ipt_network.ui.derived import derived
from ipt_network.ui.labels import CLIENT, THERAPIST
from ipt_network.ui.layout_insights import EMPTY_CHART
from ipt_network.ui.plain_words import linkage_words, mood_summary_words, mood_words
from ipt_network.ui.view import findings_in_view, namer, scores_shown, session_on_show, view_prefs

TITLE = {THERAPIST: "Isolation and conflict", CLIENT: "Support and strain"}
FLAGS_HEADING = {THERAPIST: "Isolation", CLIENT: "Support around you"}
NO_FLAGS = {THERAPIST: "No isolation flags this session.",
            CLIENT: "Nothing in this session's picture suggests you are cut off."}
HOTSPOTS_HEADING = {THERAPIST: "Conflict hotspots, most severe first", CLIENT: "Relationships with strain"}
NO_HOTSPOTS = {THERAPIST: "No conflict hotspots this session.",
               CLIENT: "No relationship stands out as a strain in this session."}
PICK_HINT = {THERAPIST: "Choose a name to highlight that person in the network.",
             CLIENT: "Choose a name to find that person in the picture."}

SESSION_HEADING = {THERAPIST: "Session {n}", CLIENT: "At session {n}"}
NO_MOOD = {THERAPIST: "No mood score was recorded at session {n}.", CLIENT: "No mood answers at session {n}."}
LINKAGE_HEADING = {THERAPIST: "Network and mood, sessions up to {n}",
                   CLIENT: "How your circle and your mood moved together, up to session {n}"}
NO_SERIES = {THERAPIST: "Choose a network measure above to compare it with mood.",
             CLIENT: "Choose something about your circle above to see how it moved with your mood."}
NOTHING_RECORDED = "No mood scores recorded yet."

SESSION_LINE = "#0B5C8E"
"""The accent colour of the page (7:1 on white): the line marking the session on show."""
LABEL_ROOM = 18
"""Pixels added above the mood chart for the "This session" label."""


# --- hotspots and isolation -------------------------------------------------------------------

def pressed(on: bool) -> str:
    return "true" if on else "false"


def hotspot_button(person: str, name: str, on: bool) -> html.Button:
    """A toggle that highlights ``person`` in the network; ``aria-pressed`` says whether it is on."""
    return html.Button(name, id={"type": ids.HOTSPOT_PICK, "person": person}, type="button",
                       title=f"Highlight {name} in the network", className="btn btn-sm hotspot-pick",
                       **{"aria-pressed": pressed(on)})


def hotspots_panel(findings: Findings, voice: str, shown: Callable[[str], str], highlight: str | None) -> list:
    """The flags as a list of reasons, then the hotspots, most severe first, each a button and its reasons."""
    flags = ([html.Ul(className="flag-list", children=[html.Li(getattr(f, voice)) for f in findings.flags])]
             if findings.flags else [html.P(NO_FLAGS[voice])])
    if findings.hotspots:
        hotspots = [html.P(PICK_HINT[voice], className="hint"), html.Ol(className="hotspot-list", children=[
            html.Li([hotspot_button(h.person, shown(h.person), h.person == highlight),
                     html.Span(getattr(h, voice), className="reason")]) for h in findings.hotspots])]
    else:
        hotspots = [html.P(NO_HOTSPOTS[voice])]
    return [html.H3(FLAGS_HEADING[voice], className="h6"), *flags,
            html.H3(HOTSPOTS_HEADING[voice], className="h6 mt-3"), *hotspots]


# --- mood -------------------------------------------------------------------------------------

def course_mood_table(course: CourseAnalysis) -> pd.DataFrame:
    return mood_table(course.doc)


def course_mood_markers(course: CourseAnalysis, item9: bool = False) -> dict:
    """The chart's marks; ``item9`` (PHQ-9 item 9 above 0) only in the therapist's words."""
    return mood_markers({number: course.mood(number) for number in course.numbers}, item9=item9)


def session_linkage(course: CourseAnalysis, number: int, instrument: str, series: tuple[str, ...]) -> list:
    """How each of ``series`` moved with ``instrument`` from one session to the next, over sessions 1 to
    ``number`` (the words are built on changes; a sentence says so when both series merely trended)."""
    mood = derived(course, course_mood_table).loc[:number, [instrument]]
    links = linkage_from_tables(course.measure_table(number), mood, course.thresholds, series_wanted=list(series))
    return [link for link in links if link.on == "changes"]


def session_line(number: int) -> dict:
    """A dotted line through every row of the mood chart at the session on show."""
    return {"type": "line", "xref": "x", "yref": "paper", "x0": number, "x1": number, "y0": 0, "y1": 1,
            "line": {"color": SESSION_LINE, "width": 2, "dash": "dot"}, "layer": "above", "name": "this session"}


def session_label(number: int) -> dict:
    return {"xref": "x", "yref": "paper", "x": number, "y": 1, "yanchor": "bottom", "text": "This session",
            "showarrow": False, "font": {"size": 11, "color": SESSION_LINE}}


def mood_chart(course: CourseAnalysis, series: list[str], current: int, *, numbers: bool,
               voice: str = THERAPIST, events: EventMarks | None = None) -> dict:
    """Mood over the course with the chosen network series below it, the session on show marked and,
    when given, the events that moved mood (``figures.mood.event_marks``).

    The marker is the first shape and the first annotation, where a session change patches it.
    """
    doc = course.doc
    network = network_series(course.measure_table())[series] if series else None
    figure = mood_figure(derived(course, course_mood_table), phases=[(s.number, s.phase.value) for s in doc.sessions],
                         markers=derived(course, course_mood_markers, voice == THERAPIST), network_series=network,
                         dates={s.number: s.date for s in doc.sessions}, show_scores=numbers, events=events)
    layout = figure["layout"]
    layout["shapes"].insert(0, session_line(current))
    layout["annotations"].insert(0, session_label(current))
    layout["margin"]["t"] += LABEL_ROOM
    layout["height"] += LABEL_ROOM
    return figure


def mood_event_marks(doc: Document, prefs: dict) -> EventMarks | None:
    """The events that moved mood, for the chart in the therapist's view only (``None`` in the client's);
    their words stay off while names are hidden."""
    if prefs["voice"] != THERAPIST:
        return None
    return event_marks(mood_events(doc), namer(doc, prefs), show_text=not prefs["hide_names"])


def safety_note(result: MoodResult, number: int) -> html.Div:
    """PHQ-9 item 9 above 0: said plainly and calmly, in the therapist's view only."""
    return html.Div(className="safety-note", role="note", children=[
        html.Strong("Check safety. "),
        f"{result.instrument.value} item 9 (thoughts of being better off dead or of hurting oneself) was answered "
        f"{result.self_harm_item} at session {number}. Please ask about it, whatever the total score.",
    ])


def mood_words_panel(course: CourseAnalysis, number: int, voice: str, *, numbers: bool, series: list[str],
                     instrument: str | None) -> list:
    """The session's mood in words (with the safety note when due), then how the chosen network series
    moved with the chosen instrument over the sessions up to this one, at lag 0 and lag 1."""
    results = course.mood(number)
    children: list = [safety_note(r, number) for r in results.values() if voice == THERAPIST and r.needs_safety_check]
    children.append(html.H3(SESSION_HEADING[voice].format(n=number), className="h6"))
    children.append(html.Ul([html.Li(mood_words(r, voice, numbers=numbers)) for r in results.values()])
                    if results else html.P(NO_MOOD[voice].format(n=number)))
    children.append(html.H3(LINKAGE_HEADING[voice].format(n=number), className="h6 mt-3"))
    if instrument is None:
        children.append(html.P(NOTHING_RECORDED))
    elif not series:
        children.append(html.P(NO_SERIES[voice]))
    else:
        links = derived(course, session_linkage, number, instrument, tuple(series))
        # The same words twice (both lags too short, say) are said once.
        sentences = dict.fromkeys(linkage_words(link, voice, numbers=numbers, min_n=course.thresholds.min_n_changes)
                                  for link in links)
        children.append(html.Ul(className="linkage-list", children=[html.Li(sentence) for sentence in sentences]))
    return children


def chosen_series(chosen: list[str] | None) -> list[str]:
    """The ticked series in their fixed order (``linkage.SERIES``), whatever order they were ticked in."""
    return [series for series in SERIES if series in (chosen or [])]


def register(app: dash.Dash, courses: Courses) -> None:
    @app.callback(Output(ids.SHOW_NUMBERS_PART, "hidden"), Input(ids.VOICE, "value"))
    def offer_numbers(voice):
        """The therapist's view always has the numbers; only the client's offers the switch."""
        return voice != CLIENT

    app.clientside_callback(  # assets/hotspots.js
        ClientsideFunction(namespace="hotspots", function_name="toggle"),
        Output(ids.HIGHLIGHT, "data"),
        Input({"type": ids.HOTSPOT_PICK, "person": ALL}, "n_clicks"),
        Input(ids.HIGHLIGHT_CLEAR, "n_clicks"),
        State(ids.HIGHLIGHT, "data"),
        prevent_initial_call=True,
    )
    @app.callback(
        Output(ids.LIT_EVENT, "data"),
        Output(ids.SESSION_SLIDER, "value", allow_duplicate=True),
        Input(ids.MOOD_GRAPH, "clickData"),
        State(ids.LIT_EVENT, "data"),
        prevent_initial_call=True,
    )
    def choose_event(click, lit):
        """A life event's mark on the mood chart, clicked: its session on show with the people of its
        events aglow on the network; clicked again, the glow goes."""
        chosen = next((number for point in (click or {}).get("points") or []
                       if (number := event_session(point.get("customdata"))) is not None), None)
        if chosen is None:
            raise PreventUpdate
        return (None if lit == chosen else chosen), chosen

    app.clientside_callback(
        ClientsideFunction(namespace="hotspots", function_name="pressed"),
        Output({"type": ids.HOTSPOT_PICK, "person": ALL}, "aria-pressed"),
        Output(ids.HIGHLIGHT_CLEAR, "hidden"),
        Input(ids.HIGHLIGHT, "data"),
        State({"type": ids.HOTSPOT_PICK, "person": ALL}, "id"),
    )

    @app.callback(
        Output(ids.HOTSPOTS_TITLE, "children"),
        Output(ids.HOTSPOTS_PANEL, "children"),
        Output(ids.HIGHLIGHT, "data", allow_duplicate=True),
        Input(ids.SHOWN, "data"),
        Input(ids.VOICE, "value"),
        Input(ids.HIDE_NAMES, "value"),
        Input(ids.DATA_VERSION, "data"),
        State(ids.HIGHLIGHT, "data"),
        State(ids.REVIEW_CLIENT, "data"),
        prevent_initial_call=True,  # ``ids.SHOWN`` is set once the network is drawn
    )
    def show_hotspots(selection, voice, hide, _data_version, highlighted, client_id):
        """The session's flags and hotspots; a highlighted person who has left the network loses the
        highlight (it does not come back when they do)."""
        number = session_on_show(selection)
        prefs = view_prefs(voice, hide)
        course = courses.get(client_id)
        shown = namer(course.doc, prefs)
        findings = findings_in_view(course, number, prefs)
        present = highlighted is None or any(t.person == highlighted for t in find_session(course.doc, number).ties)
        highlighted = highlighted if present else None
        return (TITLE[prefs["voice"]], hotspots_panel(findings, prefs["voice"], shown, highlighted),
                no_update if present else None)

    @app.callback(
        Output(ids.MOOD_INSTRUMENT, "options"),
        Output(ids.MOOD_INSTRUMENT, "value"),
        Input(ids.SESSION_SLIDER, "marks"),
        Input(ids.DATA_VERSION, "data"),
        State(ids.REVIEW_CLIENT, "data"),
        State(ids.MOOD_INSTRUMENT, "value"),
    )
    def offer_instruments(marks, _data_version, client_id, chosen):
        """Every instrument recorded in the course; the choice is kept while it is still there."""
        if marks is None:  # the client is not loaded (yet)
            raise PreventUpdate
        instruments = list(derived(courses.get(client_id), course_mood_table).columns)
        keep = chosen if chosen in instruments else (instruments[0] if instruments else None)
        return [{"label": name, "value": name} for name in instruments], keep

    @app.callback(
        Output(ids.MOOD_GRAPH, "figure"),
        Output(ids.MOOD_GRAPH, "style"),
        Output(ids.MOOD_SUMMARY, "children"),
        Input(ids.SHOWN, "data"),
        Input(ids.MOOD_SERIES, "value"),
        Input(ids.VOICE, "value"),
        Input(ids.SHOW_NUMBERS, "value"),
        Input(ids.HIDE_NAMES, "value"),
        Input(ids.DATA_VERSION, "data"),
        State(ids.REVIEW_CLIENT, "data"),
        State(ids.MOOD_SUMMARY, "children"),
    )
    def draw_mood(selection, series, voice, numbers, hide, _data_version, client_id, drawn):
        """The whole chart when the course or a choice changes; only the session line otherwise.

        The graph's box takes the chart's height (it grows with the rows chosen)."""
        number = session_on_show(selection)
        course = courses.get(client_id)
        table = derived(course, course_mood_table)
        if table.columns.empty:
            return EMPTY_CHART, {}, NOTHING_RECORDED
        prefs = view_prefs(voice, hide)
        voice = prefs["voice"]
        with_numbers = scores_shown(voice, numbers)
        summary = mood_summary_words(table, derived(course, course_mood_markers), voice, numbers=with_numbers)
        summary += f" The dotted line marks session {number}."
        if drawn and ctx.triggered_prop_ids.keys() == {f"{ids.SHOWN}.data"}:
            patch = Patch()
            patch["layout"]["shapes"][0] = session_line(number)
            patch["layout"]["annotations"][0] = session_label(number)
            return patch, no_update, summary
        chart = mood_chart(course, chosen_series(series), number, numbers=with_numbers, voice=voice,
                           events=mood_event_marks(course.doc, prefs))
        return chart, {"height": f"{chart['layout']['height']}px"}, summary

    @app.callback(
        Output(ids.MOOD_PANEL, "children"),
        Input(ids.SHOWN, "data"),
        Input(ids.VOICE, "value"),
        Input(ids.SHOW_NUMBERS, "value"),
        Input(ids.MOOD_SERIES, "value"),
        Input(ids.MOOD_INSTRUMENT, "value"),
        Input(ids.DATA_VERSION, "data"),
        State(ids.REVIEW_CLIENT, "data"),
    )
    def tell_mood(selection, voice, numbers, series, instrument, _data_version, client_id):
        number = session_on_show(selection)
        voice = view_prefs(voice, None)["voice"]
        return mood_words_panel(courses.get(client_id), number, voice,
                                numbers=scores_shown(voice, numbers),
                                series=chosen_series(series), instrument=instrument)
