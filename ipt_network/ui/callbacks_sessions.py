"""Whole sessions from the recording panel: start the next one, delete the one on show (after a
question asked in the page), and show the session that follows either, or an Undo of either.

Starting and deleting are logged like every other change, so the status line offers Undo for them
(``callbacks_edit.show_changes``) and the store decides what undoing them means.
"""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, State, no_update
from dash.exceptions import PreventUpdate

from ipt_network.errors import NotFoundError, ValidationError
from ipt_network.store import Store
from ipt_network.ui import editing, ids
from ipt_network.ui.callbacks_edit import edit_action, outcome_changes
from ipt_network.ui.courses import Courses
from ipt_network.ui.labels import THERAPIST
from ipt_network.ui.urls import Selection
from ipt_network.ui.view import names_hidden, session_on_show


def delete_question(number: int, label: str) -> str:
    """The question asked before a session is deleted.

    >>> delete_question(7, "Femi")
    'Delete session 7 of Femi and everything recorded in it?'
    """
    return f"Delete session {number} of {label} and everything recorded in it?"


def neighbour(numbers: list[int], gone: int) -> int | None:
    """The session to show once session ``gone`` is no more: the one before it, else the first after it.

    >>> neighbour([1, 2, 4], 3), neighbour([4, 5], 3), neighbour([], 3)
    (2, 4, None)
    """
    before = [number for number in numbers if number < gone]
    return max(before) if before else min(numbers, default=None)


def whole_session_change(outcome: dict | None) -> editing.Change | None:
    """The change of an outcome that made or took away a whole session (a deletion, or an Undo of a
    start or of a deletion), if it has one."""
    if not outcome or "change" not in outcome:
        return None
    found = [change for change in outcome_changes(outcome)
             if change.kind == "session" and None in (change.before, change.after)]
    return found[-1] if found else None


def register(app: dash.Dash, store: Store, courses: Courses) -> None:
    @app.callback(
        Output(ids.EDIT_OUTCOME, "data", allow_duplicate=True),
        Output(ids.EDIT_FOLLOW, "data"),
        Input(ids.EDIT_SESSION_NEXT, "n_clicks"),
        State(ids.REVIEW_CLIENT, "data"),
        prevent_initial_call=True,
    )
    def start_next_session(_clicks, client_id):
        try:
            number = store.start_next_session(client_id)
        except (ValidationError, NotFoundError) as exc:
            return {"problem": f"The next session could not be started: {exc}"}, no_update
        copied = f", a copy of session {number - 1}'s people, ratings and links" if number > 1 else ""
        return {"text": f"Started session {number}{copied}."}, number

    @app.callback(
        Output(ids.EDIT_DELETE_PART, "hidden"),
        Input(ids.VOICE, "value"),
    )
    def offer_delete(voice):
        """Deleting a session is the therapist's: it is not offered in the client's words."""
        return voice != THERAPIST

    @app.callback(
        Output(ids.EDIT_DELETE_CONFIRM, "hidden"),
        Output(ids.EDIT_DELETE_QUESTION, "children"),
        Input(ids.EDIT_DELETE_ASK, "n_clicks"),
        State(ids.SHOWN, "data"),
        State(ids.REVIEW_CLIENT, "data"),
        State(ids.HIDE_NAMES, "value"),
        prevent_initial_call=True,
    )
    def ask_before_deleting(_ask, selection, client_id, hide):
        """The question, in the page."""
        label = "this client" if names_hidden(hide) else courses.get(client_id).doc.client.label
        return False, delete_question(session_on_show(selection), label)

    app.clientside_callback(  # assets/sessions.js
        ClientsideFunction(namespace="sessions", function_name="putAway"),
        Output(ids.EDIT_DELETE_CONFIRM, "hidden", allow_duplicate=True),
        Input(ids.EDIT_DELETE_KEEP, "n_clicks"),
        Input(ids.SHOWN, "data"),
        Input(ids.EDIT_OUTCOME, "data"),
        prevent_initial_call=True,
    )

    @edit_action(app, store, Input(ids.EDIT_DELETE_YES, "n_clicks"), verb="Done")
    def delete_session(edit):
        return editing.delete_session(edit)

    @app.callback(
        Output(ids.REVIEW_URL, "search", allow_duplicate=True),
        Output(ids.EDIT_FOLLOW, "data", allow_duplicate=True),
        Input(ids.EDIT_OUTCOME, "data"),
        State(ids.REVIEW_CLIENT, "data"),
        prevent_initial_call=True,
    )
    def follow_whole_session(outcome, client_id):
        """A session deleted (or its start undone): show the one before it at once. A session brought
        back: show it once the slider lists it."""
        change = whole_session_change(outcome)
        if change is None:
            raise PreventUpdate
        if change.after is not None:
            return no_update, change.session
        numbers = [session.number for session in courses.get(client_id).doc.sessions]
        return Selection(session=neighbour(numbers, change.session)).to_search(), no_update

    @app.callback(
        Output(ids.REVIEW_URL, "search", allow_duplicate=True),
        Output(ids.EDIT_FOLLOW, "data", allow_duplicate=True),
        Input(ids.SESSION_SLIDER, "marks"),
        State(ids.EDIT_FOLLOW, "data"),
        prevent_initial_call=True,
    )
    def follow_new_session(marks, number):
        """Show a session just started or brought back, once the session slider lists it."""
        if number is None or str(number) not in (marks or {}):
            raise PreventUpdate
        return Selection(session=number).to_search(), None
