"""The case card of the review page: the agreed focus, the plan, the formulation and the goals, the
history before therapy and the relapse plan, and a form to change them while sitting with the
client. Skeleton only; ``callbacks_case`` and ``callbacks_case_history`` fill it.
"""

from __future__ import annotations

from dash import dcc, html

from ipt_network.model import GoalStatus, ProblemArea
from ipt_network.ui import ids
from ipt_network.ui.labels import PROBLEM_AREAS, THERAPIST

STATUS_CHOICES = {GoalStatus.NOT_STARTED: "Not started", GoalStatus.PROGRESSING: "Progressing",
                  GoalStatus.MET: "Met"}


def case_section() -> html.Section:
    """The full-width section mounted in the review page."""
    return html.Section(className="col-12", **{"aria-label": "The case"}, children=html.Div(
        className="card card-body panel case-panel", children=[
            html.H2("Case", className="h5"),
            *(dcc.Store(id=store_id, storage_type="memory")
              for store_id in (ids.CASE_SAVED, ids.CASE_SHOWN, ids.CASE_GOAL_SHOWN, ids.CASE_HISTORY_SHOWN,
                               ids.CASE_RELAPSE_SHOWN, ids.CASE_BEFORE_AFTER_SAVED)),
            # The case frame in words beside its form, so a change is seen where it was made.
            html.Div(className="row g-3", children=[
                html.Div(className="col-lg-5", children=[
                    html.Div(id=ids.CASE_VIEW, **{"aria-live": "polite"}),
                    html.Div(className="edit-status", children=[
                        html.P(id=ids.CASE_MESSAGE, role="status", **{"aria-live": "polite"},
                               className="edit-message"),
                        html.Button("Undo", id=ids.CASE_UNDO, hidden=True,
                                    className="btn btn-outline-secondary btn-sm"),
                    ]),
                ]),
                html.Div(id=ids.CASE_FORM, hidden=True, className="col-lg-7 case-form", children=[
                    html.P(id=ids.CASE_HINT, className="text-secondary small mb-1"),
                    _frame_form(),
                    _goal_form(),
                    _before_and_after_form(),
                ]),
            ]),
        ]))


def _frame_form() -> html.Div:
    areas = [{"label": PROBLEM_AREAS[THERAPIST][area], "value": area.value} for area in ProblemArea]
    return html.Div(className="edit-part case-first", children=[
        html.H3("Focus, plan and formulation", className="h6"),
        html.Div(className="case-row", children=[
            _number("Planned sessions", ids.CASE_PLANNED),
            _number("Areas agreed at session", ids.CASE_AGREED_AT),
            _number("Formulation shared at session", ids.CASE_SHARED_AT),
            html.Div(children=[
                html.Label("Onset (YYYY-MM-DD)", htmlFor=ids.CASE_ONSET, className="form-label"),
                dcc.Input(id=ids.CASE_ONSET, type="text", placeholder="YYYY-MM-DD", className="form-control case-date"),
            ]),
        ]),
        html.Fieldset(className="mt-2", children=[
            html.Legend("Problem areas (one or two)", className="form-label fs-6 mb-1"),
            dcc.Checklist(id=ids.CASE_AREAS, options=areas, value=[], inline=True, className="choice-row"),
        ]),
        html.Label("Formulation", htmlFor=ids.CASE_FORMULATION, className="form-label"),
        dcc.Textarea(id=ids.CASE_FORMULATION, className="form-control", rows=4),
        html.Button("Save focus, plan and formulation", id=ids.CASE_SAVE, className="btn btn-primary btn-sm mt-2"),
    ])


def _goal_form() -> html.Div:
    return html.Div(className="edit-part", children=[
        html.H3("Goals", className="h6"),
        html.Div(className="case-row", children=[
            html.Div(children=[
                html.Label("Goal", htmlFor=ids.CASE_GOAL, className="form-label"),
                dcc.Dropdown(id=ids.CASE_GOAL, clearable=False, className="case-goal-choice"),
            ]),
            html.Div(children=[
                html.Label("Area", htmlFor=ids.CASE_GOAL_AREA, className="form-label"),
                dcc.Dropdown(id=ids.CASE_GOAL_AREA, clearable=False, className="case-goal-area"),
            ]),
            html.Fieldset(children=[
                html.Legend("Status at this session", className="form-label fs-6 mb-1"),
                dcc.RadioItems(id=ids.CASE_GOAL_STATUS, inline=True, className="choice-row",
                               options=[{"label": words, "value": status.value}
                                        for status, words in STATUS_CHOICES.items()]),
            ]),
        ]),
        html.Label("The goal in words", htmlFor=ids.CASE_GOAL_TEXT, className="form-label mt-2"),
        html.Div(className="case-row", children=[
            dcc.Input(id=ids.CASE_GOAL_TEXT, type="text", className="form-control case-goal-text"),
            html.Button("Save goal", id=ids.CASE_GOAL_SAVE, className="btn btn-primary btn-sm"),
        ]),
    ])


def _before_and_after_form() -> html.Details:
    """The history before therapy and the relapse plan, folded away: they are written at the start and
    at the end of therapy, not every session."""
    return html.Details(className="edit-part case-before-after", children=[
        html.Summary("Before and after therapy: the history and the relapse plan", className="h6"),
        html.H4("History before therapy", className="h6 mt-2"),
        html.Div(className="case-row", children=[
            html.Div(children=[
                html.Label("Event", htmlFor=ids.CASE_HISTORY, className="form-label"),
                dcc.Dropdown(id=ids.CASE_HISTORY, clearable=False, className="case-goal-choice"),
            ]),
            html.Div(children=[
                html.Label("Date (YYYY-MM-DD)", htmlFor=ids.CASE_HISTORY_DATE, className="form-label"),
                dcc.Input(id=ids.CASE_HISTORY_DATE, type="text", placeholder="YYYY-MM-DD",
                          className="form-control case-date"),
            ]),
        ]),
        html.Label("What happened", htmlFor=ids.CASE_HISTORY_TEXT, className="form-label mt-2"),
        dcc.Input(id=ids.CASE_HISTORY_TEXT, type="text", className="form-control case-goal-text"),
        html.Label("With whom", htmlFor=ids.CASE_HISTORY_PEOPLE, className="form-label mt-2"),
        html.Div(className="case-row", children=[
            html.Div(className="case-people", children=dcc.Dropdown(id=ids.CASE_HISTORY_PEOPLE, multi=True,
                                                                  placeholder="Nobody in particular")),
            html.Button("Save event", id=ids.CASE_HISTORY_SAVE, className="btn btn-primary btn-sm"),
            html.Button("Remove event", id=ids.CASE_HISTORY_REMOVE, className="btn btn-outline-secondary btn-sm"),
        ]),
        html.H4("Relapse plan", className="h6 mt-3"),
        html.Div(className="case-row case-plan", children=[
            html.Div(children=[
                html.Label("Warning signs, one per line", htmlFor=ids.CASE_RELAPSE_SIGNS, className="form-label"),
                dcc.Textarea(id=ids.CASE_RELAPSE_SIGNS, className="form-control", rows=3),
            ]),
            html.Div(children=[
                html.Label("What to do, one per line", htmlFor=ids.CASE_RELAPSE_ACTIONS, className="form-label"),
                dcc.Textarea(id=ids.CASE_RELAPSE_ACTIONS, className="form-control", rows=3),
            ]),
        ]),
        html.Label("People to turn to", htmlFor=ids.CASE_RELAPSE_PEOPLE, className="form-label mt-2"),
        html.Div(className="case-row", children=[
            html.Div(className="case-people", children=dcc.Dropdown(id=ids.CASE_RELAPSE_PEOPLE, multi=True,
                                                                  placeholder="Nobody chosen yet")),
            html.Button("Save relapse plan", id=ids.CASE_RELAPSE_SAVE, className="btn btn-primary btn-sm"),
        ]),
    ])


def _number(label: str, input_id: str) -> html.Div:
    """A session number box. No bounds in the box: with them it sends nothing for "0" or "20" (clearing
    the stored value); the server refuses those in words."""
    return html.Div(children=[
        html.Label(label, htmlFor=input_id, className="form-label"),
        dcc.Input(id=input_id, type="number", className="form-control case-number"),
    ])
