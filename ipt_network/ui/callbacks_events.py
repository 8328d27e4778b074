"""The recording panel's life-event link: choose an event of the session on show, say with whom it
happened and how mood went, save (``event_edits.link_event``) with Undo and two-tab safety."""

from __future__ import annotations

import dash
from dash import Input, Output, State
from dash.exceptions import PreventUpdate

from ipt_network.store import Store
from ipt_network.ui import ids
from ipt_network.ui.callbacks_edit import edit_action
from ipt_network.ui.courses import Courses
from ipt_network.ui.event_edits import NOT_SAID, event_choices, event_link, link_event
from ipt_network.ui.view import names_hidden, stored_course


def register(app: dash.Dash, store: Store, courses: Courses) -> None:
    @app.callback(
        Output(ids.EDIT_EVENT_CHOICE, "options"),
        Output(ids.EDIT_EVENT_CHOICE, "value"),
        Output(ids.EDIT_EVENT_PEOPLE, "options"),
        Input(ids.EDIT_SESSION_SAVED, "data"),
        Input(ids.EDIT_PERSON_CHOICE, "options"),
        State(ids.HIDE_NAMES, "value"),
        State(ids.REVIEW_CLIENT, "data"),
        State(ids.EDIT_EVENT_CHOICE, "value"),
    )
    def list_events(saved, people, hide, client_id, chosen):
        """The session's events to choose from (the choice kept while it is still there), and the
        people, named as the panel names them."""
        if not saved:
            return [], None, people or []
        doc = stored_course(courses, client_id).document
        options = event_choices(doc, saved["session"], hidden=names_hidden(hide))
        kept = chosen if any(option["value"] == chosen for option in options) else None
        return options, kept if kept is not None else (options[0]["value"] if options else None), people or []

    @app.callback(
        Output(ids.EDIT_EVENT_PEOPLE, "value"),
        Output(ids.EDIT_EVENT_MOOD, "value"),
        Input(ids.EDIT_EVENT_CHOICE, "value"),
        Input(ids.EDIT_SESSION_SAVED, "data"),
        State(ids.REVIEW_CLIENT, "data"),
    )
    def show_link(index, saved, client_id):
        """The chosen event's people and mood as stored."""
        if index is None or not saved:
            return [], NOT_SAID
        try:
            return event_link(stored_course(courses, client_id).document, saved["session"], index)
        except IndexError:  # the event went with an edit made meanwhile
            raise PreventUpdate from None

    edit_action(app, store, Input(ids.EDIT_EVENT_SAVE, "n_clicks"), State(ids.EDIT_EVENT_CHOICE, "value"),
                State(ids.EDIT_EVENT_PEOPLE, "value"), State(ids.EDIT_EVENT_MOOD, "value"))(link_event)
