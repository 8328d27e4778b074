"""Callbacks of the case card: the case frame in words, in the voice on show, and its form.

The card follows the session on show (``ids.SHOWN``) and every save (``ids.DATA_VERSION``). Its saves
are edit actions (``callbacks_edit.edit_action``): saved at once with the versions the page holds,
refused as stale when another tab saved first, said next to the card, undone from the change log.
In the client's words the card shows the goals and the relapse plan in plain words, and no
formulation, no history and no form; with names hidden the typed text (formulation, a goal's words,
the history's and the plan's words) stays off screen and is kept. The history and the relapse
plan have their form in ``callbacks_case_history``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import dash
from dash import Input, Output, Patch, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

from ipt_network.case import goal_states
from ipt_network.contract import contract
from ipt_network.figures.style import day
from ipt_network.model import Document
from ipt_network.store import CASE_KEY, Store, case_fields
from ipt_network.ui import editing, ids
from ipt_network.ui.callbacks_edit import edit_action, outcome_changes
from ipt_network.ui.case_edits import NEW, goal_status, save_frame, save_goal
from ipt_network.ui.courses import Courses
from ipt_network.ui.editing import Change
from ipt_network.ui.forms import kept_choice, refill
from ipt_network.ui.labels import CLIENT, PROBLEM_AREAS, THERAPIST, problem_areas
from ipt_network.ui.urls import Selection
from ipt_network.ui.view import namer, names_hidden, stored_course, view_prefs

CASE = "case"
"""The ``where`` of this card's saves in an outcome."""
HIDDEN_TEXT = "Hidden while names are hidden."
RELAPSE_WORDS = {THERAPIST: ("Relapse plan", "Warning signs", "What to do", "People to turn to"),
                 CLIENT: ("My plan for staying well", "Signs to watch for", "What helps", "People I can turn to")}
"""The relapse plan's title and parts in each voice."""


def goal_label(index: int, text: str, hidden: bool) -> str:
    """A goal as the page names it: its words, or "Goal 2" while names are hidden."""
    return f"Goal {index}" if hidden else text


def case_view(doc: Document, number: int | None, voice: str, hidden: bool) -> list:
    """The case frame in words at session ``number``: the therapist's (focus with "agreed at session N",
    plan, onset, formulation with "shared at session N", goals with area and status) or the client's
    (the plan, what the work is about and the goals, in plain words)."""
    client = doc.client
    states = goal_states(doc, number or 0)
    goals = [dataclasses.replace(state, goal=state.goal.model_copy(
        update={"text": goal_label(index, state.goal.text, hidden)})) for index, state in enumerate(states, 1)]
    where = contract(doc, number) if number in {s.number for s in doc.sessions} else None
    plan = where.words if where else (f"{client.planned_sessions} sessions planned" if client.planned_sessions
                                      else "No number of sessions planned yet")
    if voice == CLIENT:
        rows = [("Our sessions", plan)]
        if client.problem_areas:
            rows.append(("What we are working on", problem_areas(client.problem_areas, CLIENT)))
    else:
        agreed = f" (agreed at session {client.areas_agreed_at})" if client.areas_agreed_at else ""
        at = client.formulation_shared_at
        shared = f"shared at session {at}" if at else "not shared yet"
        formulation = HIDDEN_TEXT if hidden and client.formulation else (client.formulation or "Not written yet")
        rows = [("Problem areas", problem_areas(client.problem_areas) + agreed), ("Plan", plan),
                ("Onset", day(client.onset) if client.onset else "Not recorded"),
                (f"Formulation ({shared})", formulation)]
    items = [html.Li(state.words(voice)) for state in goals] or [html.Li("No goals agreed yet.",
                                                                         className="text-secondary")]
    shown = namer(doc, {"voice": voice, "hide_names": hidden})
    return [_facts(rows), html.H3("Goals" if voice != CLIENT else "Our goals", className="h6"),
            html.Ul(items, className="case-goals"),
            *(history_view(doc, hidden, shown) if voice != CLIENT else ()), *relapse_view(doc, voice, hidden, shown)]


def history_view(doc: Document, hidden: bool, shown: Callable[[str], str]) -> list:
    """The history before therapy by date, in the therapist's words: each event with the people in it
    (by name as the page shows them; "Event 2" in place of the words while names are hidden)."""
    events = sorted(doc.client.history, key=lambda event: event.date)
    items = [html.Li(f"{day(event.date)}: {f'Event {n}' if hidden else event.text}"
                     + (f" (with {', '.join(map(shown, event.people))})" if event.people else ""))
             for n, event in enumerate(events, 1)]
    return [html.H3("History before therapy", className="h6"),
            html.Ul(items or [html.Li("Nothing recorded yet.", className="text-secondary")], className="case-goals")]


def relapse_view(doc: Document, voice: str, hidden: bool, shown: Callable[[str], str]) -> list:
    """The relapse plan in the voice on show: for the therapist one line per part, for the client a list
    in plain words, as the client takes it home ("Signs to watch for", "What helps", "People I can
    turn to"). Its lines stay off screen while names are hidden (they may name people); the people
    are shown as the page names them."""
    title, *terms = RELAPSE_WORDS[CLIENT if voice == CLIENT else THERAPIST]
    plan = doc.client.relapse_plan
    if plan is None:
        return [] if voice == CLIENT else [html.H3(title, className="h6"),
                                           html.P("Not made yet (usually in the ending phase).",
                                                  className="text-secondary")]
    lines = [[HIDDEN_TEXT] if hidden and texts else texts for texts in (plan.warning_signs, plan.actions)]
    parts = [*lines, [shown(person) for person in plan.people]]
    if voice == CLIENT:  # a list to take home
        rows = [(term, html.Ul([html.Li(line) for line in texts], className="case-goals mb-0"))
                for term, texts in zip(terms, parts, strict=True) if texts]
    else:
        rows = [(term, separator.join(texts)) for term, texts, separator in zip(terms, parts, ("; ", "; ", ", "),
                                                                                 strict=True) if texts]
    return [html.H3(title, className="h6"), _facts(rows)]


def _facts(rows: list[tuple[str, Any]]) -> html.Dl:
    return html.Dl(className="case-facts mb-2", children=[part for term, value in rows
                                                         for part in (html.Dt(term), html.Dd(value))])


def saved_case(doc: Document, number: int | None) -> dict:
    """What the card's forms are filled from: the case frame and each goal's status at the session on show."""
    return {"session": number, "frame": case_fields(doc.client),
            "status": {goal.id: goal_status(doc, number or 0, goal.id) for goal in doc.client.goals}}


FRAME_FIELDS = ("planned", "areas", "agreed_at", "formulation", "shared_at", "onset")
GOAL_FIELDS = ("area", "text", "status")


def frame_form(saved: dict, hidden: bool) -> dict:
    frame = saved["frame"]
    return {"of": "frame", "planned": frame["planned_sessions"], "areas": frame["problem_areas"],
            "agreed_at": frame["areas_agreed_at"], "formulation": "" if hidden else frame["formulation"],
            "shared_at": frame["formulation_shared_at"], "onset": frame["onset"] or ""}


def goal_form(saved: dict, goal_id: str | None, hidden: bool) -> dict:
    goal = next((g for g in saved["frame"]["goals"] if g["id"] == goal_id), None)
    if goal is None:
        areas = saved["frame"]["problem_areas"]
        return {"of": [goal_id, saved["session"]], "area": areas[0] if areas else None, "text": "",
                "status": "not_started"}
    return {"of": [goal_id, saved["session"]], "area": goal["area"], "text": "" if hidden else goal["text"],
            "status": saved["status"].get(goal_id, "not_started")}


def saved_entry(change: Change, field: str) -> dict | None:
    """The entry of the case frame's list ``field`` (goals, history) a case change added or changed, if
    any, so the form can go on showing it; with its place in the list as ``"index"``."""
    if change.kind != "case" or not change.before:
        return None
    return next(({**entry, "index": index} for index, entry in enumerate(change.after[field])
                 if entry not in change.before[field]), None)


def card_versions(versions: dict[tuple, int], number: int | None) -> Patch:
    """The versions of the records the card saves (the case frame, the session on show), patched into the
    page's versions: the grid's own versions are left to the grid, so the card never races its saves."""
    patch = Patch()
    for key in (CASE_KEY, ("session", number)):
        if key in versions:
            patch[editing.version_key(key)] = versions[key]
    return patch


def register(app: dash.Dash, store: Store, courses: Courses) -> None:
    @app.callback(
        Output(ids.CASE_VIEW, "children"),
        Output(ids.CASE_FORM, "hidden"),
        Output(ids.CASE_HINT, "children"),
        Output(ids.CASE_SAVED, "data"),
        Output(ids.CASE_GOAL, "options"),
        Output(ids.CASE_GOAL, "value"),
        Output(ids.CASE_GOAL_AREA, "options"),
        Output(ids.EDIT_VERSIONS, "data", allow_duplicate=True),
        Input(ids.SHOWN, "data"),
        Input(ids.DATA_VERSION, "data"),
        Input(ids.VOICE, "value"),
        Input(ids.HIDE_NAMES, "value"),
        State(ids.REVIEW_CLIENT, "data"),
        State(ids.CASE_GOAL, "value"),
        prevent_initial_call=True,
    )
    def show_case(selection, _data_version, voice, hide, client_id, chosen):
        if not selection:
            raise PreventUpdate
        course = stored_course(courses, client_id)
        doc, hidden, number = course.document, names_hidden(hide), Selection(**selection).session
        goals = [{"label": goal_label(i, goal.text, hidden), "value": goal.id}
                 for i, goal in enumerate(doc.client.goals, 1)] + [{"label": "Add a new goal", "value": NEW}]
        areas = [{"label": PROBLEM_AREAS["therapist"][area], "value": area.value} for area in doc.client.problem_areas]
        hint = ("Names are hidden: show names to read or change the words of the formulation, the goals, the "
                "history and the relapse plan." if hidden else "")
        return (case_view(doc, number, voice, hidden), voice == CLIENT, hint, saved_case(doc, number), goals,
                kept_choice(goals, chosen), areas, card_versions(course.versions, number))

    @app.callback(
        Output(ids.CASE_PLANNED, "value"),
        Output(ids.CASE_AREAS, "value"),
        Output(ids.CASE_AGREED_AT, "value"),
        Output(ids.CASE_FORMULATION, "value"),
        Output(ids.CASE_SHARED_AT, "value"),
        Output(ids.CASE_ONSET, "value"),
        Output(ids.CASE_SHOWN, "data"),
        Output(ids.CASE_FORMULATION, "disabled"),
        Input(ids.CASE_SAVED, "data"),
        Input(ids.HIDE_NAMES, "value"),
        State(ids.CASE_PLANNED, "value"),
        State(ids.CASE_AREAS, "value"),
        State(ids.CASE_AGREED_AT, "value"),
        State(ids.CASE_FORMULATION, "value"),
        State(ids.CASE_SHARED_AT, "value"),
        State(ids.CASE_ONSET, "value"),
        State(ids.CASE_SHOWN, "data"),
    )
    def fill_frame(saved, hide, planned, areas, agreed_at, formulation, shared_at, onset, shown):
        """The stored focus, plan, formulation and onset; left as it is while the person is typing in it."""
        if not saved:
            raise PreventUpdate
        off = names_hidden(hide)
        typed = {"of": "frame", "planned": planned, "areas": areas or [], "agreed_at": agreed_at,
                 "formulation": formulation or "", "shared_at": shared_at, "onset": onset or ""}
        return (*refill(FRAME_FIELDS, frame_form(saved, off), typed, shown, saved=ctx.triggered_id == ids.CASE_SAVED),
                off)

    @app.callback(
        Output(ids.CASE_GOAL_AREA, "value"),
        Output(ids.CASE_GOAL_TEXT, "value"),
        Output(ids.CASE_GOAL_STATUS, "value"),
        Output(ids.CASE_GOAL_SHOWN, "data"),
        Output(ids.CASE_GOAL_TEXT, "disabled"),
        Input(ids.CASE_GOAL, "value"),
        Input(ids.CASE_SAVED, "data"),
        Input(ids.HIDE_NAMES, "value"),
        State(ids.CASE_GOAL_AREA, "value"),
        State(ids.CASE_GOAL_TEXT, "value"),
        State(ids.CASE_GOAL_STATUS, "value"),
        State(ids.CASE_GOAL_SHOWN, "data"),
    )
    def fill_goal(goal_id, saved, hide, area, text, status, shown):
        """The chosen goal's area, words and status at the session on show; left as it is while typing."""
        if not saved or not goal_id:
            raise PreventUpdate
        off = names_hidden(hide)
        typed = {"of": [goal_id, saved["session"]], "area": area, "text": text or "", "status": status}
        return (*refill(GOAL_FIELDS, goal_form(saved, goal_id, off), typed, shown,
                        saved=ctx.triggered_id == ids.CASE_SAVED), off)

    @edit_action(app, store, Input(ids.CASE_SAVE, "n_clicks"), State(ids.CASE_PLANNED, "value"),
                 State(ids.CASE_AREAS, "value"), State(ids.CASE_AGREED_AT, "value"),
                 State(ids.CASE_FORMULATION, "value"), State(ids.CASE_SHARED_AT, "value"),
                 State(ids.CASE_ONSET, "value"), State(ids.HIDE_NAMES, "value"), session=False, where=CASE)
    def save_the_frame(edit, planned, areas, agreed_at, formulation, shared_at, onset, hide):
        return save_frame(edit, planned, areas, agreed_at, None if names_hidden(hide) else formulation or "",
                          shared_at, onset)

    @edit_action(app, store, Input(ids.CASE_GOAL_SAVE, "n_clicks"), State(ids.CASE_GOAL, "value"),
                 State(ids.CASE_GOAL_AREA, "value"), State(ids.CASE_GOAL_TEXT, "value"),
                 State(ids.CASE_GOAL_STATUS, "value"), State(ids.HIDE_NAMES, "value"), State(ids.SHOWN, "data"),
                 session=False, where=CASE)
    def save_the_goal(edit, goal_id, area, text, status, hide, shown):
        """The status goes to the session the card shows; a goal can be agreed before any session."""
        edit = dataclasses.replace(edit, number=Selection(**(shown or {})).session)
        return save_goal(edit, goal_id, area, None if names_hidden(hide) else text or "", status)

    @edit_action(app, store, Input(ids.CASE_UNDO, "n_clicks"), State(ids.CASE_UNDO, "value"), session=False,
                 verb="Undone", where=CASE)
    def undo_case(edit, number):
        if not number:
            raise PreventUpdate
        return editing.undo(edit, int(number))

    @app.callback(
        Output(ids.CASE_MESSAGE, "children"),
        Output(ids.CASE_MESSAGE, "className"),
        Output(ids.CASE_UNDO, "hidden"),
        Output(ids.CASE_UNDO, "value"),
        Output(ids.CASE_GOAL, "value", allow_duplicate=True),
        Output(ids.CASE_HISTORY, "value", allow_duplicate=True),
        Input(ids.EDIT_OUTCOME, "data"),
        State(ids.VOICE, "value"),
        State(ids.HIDE_NAMES, "value"),
        State(ids.REVIEW_CLIENT, "data"),
        prevent_initial_call=True,
    )
    def show_outcome(outcome, voice, hide, client_id):
        """What a save from this card did, or why nothing was saved; Undo offers the save just made. The
        goal or the event before therapy just added (or moved by its date) stays chosen in the form."""
        said = card_outcome(store, courses, outcome, CASE, voice, hide, client_id)
        if not outcome or outcome.get("where") != CASE or "problem" in outcome:
            return *said, no_update, no_update
        changes = outcome_changes(outcome)
        goal, event = (next(filter(None, (saved_entry(change, field) for change in changes)), None)
                       for field in ("goals", "history"))
        return *said, goal["id"] if goal else no_update, event["index"] if event else no_update


def card_outcome(store: Store, courses: Courses, outcome: dict | None, where: str, voice: str, hide: list | None,
                 client_id: str) -> tuple[str, str, bool, str | None]:
    """A card's status line after a save: what a save from the card ``where`` did (names as the page shows
    them) or why nothing was saved, and whether Undo is offered (hidden, change number). A save from
    elsewhere clears it."""
    if not outcome or outcome.get("where") != where:
        return "", "edit-message", True, None
    if "problem" in outcome:
        return outcome["problem"], "edit-message refused", True, None
    shown = namer(courses.get(client_id).doc, view_prefs(voice, hide))
    said = "; ".join(editing.describe(change, shown) for change in outcome_changes(outcome))
    offered = editing.offered_undo(store.changes(client_id, 1)) if outcome["verb"] == "Saved" else None
    return (f"{outcome['verb']}: {said}.", "edit-message saved", offered is None,
            str(offered.number) if offered else None)
