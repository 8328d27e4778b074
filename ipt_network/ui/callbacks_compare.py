"""Callback of the comparison panel: two sessions side by side and what changed, in words.

The earlier session is always drawn first and the change is read from earlier to later, whichever
of the two is on show: "since session 4" reads the same from session 8 as from session 4. Words
come in the chosen voice and every name goes through the names switch; the table of measures is
for the therapist only.
"""

from __future__ import annotations

from collections.abc import Callable

import dash
from dash import Input, Output, State, dcc, html

from ipt_network.change import SessionChange
from ipt_network.figures.keys import pseudonyms, rekey, still
from ipt_network.figures.network import comparison_figures
from ipt_network.overview import CourseAnalysis
from ipt_network.ui import ids
from ipt_network.ui.courses import Courses
from ipt_network.ui.labels import CHANGE_TABLE_NAMES, CLIENT, THERAPIST, measure_change, measure_value
from ipt_network.ui.modebar import download_only
from ipt_network.ui.view import namer, picture_in_words, scores_shown, selection_of, view_prefs
from ipt_network.words import plural

COMPARE_HEIGHT = 600
"""Tall enough that the circles fill the width of half the page above their legend."""

PROMPT = {
    THERAPIST: "Choose a session to see its network beside this one, with the changes between them.",
    CLIENT: "Pick another session to see both side by side, and what changed.",
}
NO_CHANGE = {THERAPIST: "No changes in the network.", CLIENT: "Your circle is the same."}


def change_heading(change: SessionChange, voice: str) -> str:
    """``"From session 4 to session 8: 7 changes"`` (therapist), ``"Since session 4"`` (client)."""
    if voice == CLIENT:
        return f"Since session {change.before}"
    return f"From session {change.before} to session {change.after}: {plural(len(change.items), 'change')}"


def change_list(change: SessionChange, voice: str) -> html.Ul | html.P:
    """Each change as a sentence in ``voice``, in the analytics' order (joined, left, rings, ratings…)."""
    if not change.items:
        return html.P(NO_CHANGE[voice])
    sentences = (getattr(item, voice) for item in change.items)
    return html.Ul(className="change-list", children=[html.Li(text[:1].upper() + text[1:]) for text in sentences])


def measure_table(course: CourseAnalysis, change: SessionChange) -> html.Table:
    """The measures of both sessions and their difference (therapist's words)."""
    before, after = course.measures(change.before), course.measures(change.after)
    return html.Table(className="table table-sm change-table", children=[
        html.Caption(f"Measures, session {change.before} and session {change.after}"),
        html.Thead(html.Tr([html.Th("Measure", scope="col"), html.Th(f"S{change.before}", scope="col"),
                            html.Th(f"S{change.after}", scope="col"), html.Th("Change", scope="col")])),
        html.Tbody([html.Tr([html.Th(name, scope="row"), html.Td(measure_value(before[key])),
                             html.Td(measure_value(after[key])), html.Td(measure_change(change.deltas[key]))])
                    for key, name in CHANGE_TABLE_NAMES.items()]),
    ])


def side_by_side(course: CourseAnalysis, first: int, second: int, shown: Callable[[str], str],
                 voice: str, *, hide_names: bool, show_scores: bool) -> html.Div:
    """Both networks, each with its summary in words under it; people keep their places, and the
    people needing attention in each session are ringed as in the main picture. With names hidden
    the figures carry neutral keys instead of the people's ids."""
    hotspots = {number: {h.person: [getattr(h, voice)] for h in course.findings(number, shown).hotspots}
                for number in (first, second)}
    figures = comparison_figures(course.doc, first, second, display_name=shown, hotspots=hotspots,
                                 show_scores=show_scores, thresholds=course.thresholds, height=COMPARE_HEIGHT)
    key_of = pseudonyms(course.doc) if hide_names else None
    columns = []
    for graph_id, number, figure in ((ids.COMPARE_BEFORE, first, figures[0]), (ids.COMPARE_AFTER, second, figures[1])):
        summary = picture_in_words(course, number, voice, shown, hotspots[number])
        columns.append(html.Div(className="col-lg-6", children=[
            html.Div(className="graph-card compare-graph", children=dcc.Graph(
                id=graph_id, figure=still(rekey(figure, key_of) if key_of else figure),
                config=download_only(f"session-{number}"))),
            html.P(summary, className="graph-summary"),
        ]))
    return html.Div(className="row g-3", children=columns)


def comparison(course: CourseAnalysis, first: int, second: int, prefs: dict, *, show_scores: bool = True) -> list:
    """The whole panel for sessions ``first`` < ``second``; ``show_scores`` puts ratings on hover."""
    shown = namer(course.doc, prefs)
    voice = prefs["voice"]
    change = course.change(first, second, name_of=shown)
    words = html.Div(className="col-lg-6", children=[html.H3(change_heading(change, voice), className="h6"),
                                                     change_list(change, voice)])
    details = [html.Div(className="col-lg-6", children=measure_table(course, change))] if voice == THERAPIST else []
    return [side_by_side(course, first, second, shown, voice, hide_names=prefs["hide_names"],
                         show_scores=show_scores),
            html.Div(className="row g-3 mt-1", children=[words, *details])]


def register(app: dash.Dash, courses: Courses) -> None:
    @app.callback(
        Output(ids.COMPARE_PANEL, "children"),
        Input(ids.SHOWN, "data"),
        Input(ids.VOICE, "value"),
        Input(ids.HIDE_NAMES, "value"),
        Input(ids.SHOW_NUMBERS, "value"),
        Input(ids.DATA_VERSION, "data"),
        State(ids.REVIEW_CLIENT, "data"),
    )
    def show_comparison(selection, voice, hide, numbers, _data_version, client_id):
        chosen = selection_of(selection)
        prefs = view_prefs(voice, hide)
        if chosen.session is None or chosen.compare is None:
            return html.P(PROMPT[prefs["voice"]], className="text-secondary mb-0")
        first, second = sorted((chosen.session, chosen.compare))
        return comparison(courses.get(client_id), first, second, prefs,
                          show_scores=scores_shown(prefs["voice"], numbers))
