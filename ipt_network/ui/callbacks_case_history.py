"""The case card's "Before and after therapy": the history before therapy and the relapse plan.

An event before therapy is chosen from the history by date (or "Add an event before therapy"), its
date, words and people filled in, saved or removed; the relapse plan's warning signs and actions
are typed one per line, its people chosen from the map. Both are saves of the case frame
(``case_edits``), answered in the card's status line with its Undo, and refused as stale when
another tab saved first. People are named as the page names them (by role while names are hidden);
typed words stay off screen while names are hidden, and are kept.
"""

from __future__ import annotations

import dash
from dash import Input, Output, State, ctx
from dash.exceptions import PreventUpdate

from ipt_network.store import Store
from ipt_network.ui import ids
from ipt_network.ui.callbacks_case import CASE
from ipt_network.ui.callbacks_edit import edit_action
from ipt_network.ui.case_edits import NEW, history_choices, remove_history, save_history, save_relapse_plan
from ipt_network.ui.courses import Courses
from ipt_network.ui.forms import kept_choice, refill
from ipt_network.ui.view import namer, names_hidden, stored_course, view_prefs

HISTORY_FIELDS = ("date", "text", "people")
RELAPSE_FIELDS = ("signs", "actions", "people")


def history_form(saved: dict, index: int | str | None, hidden: bool) -> dict:
    """What the history form shows for the event at ``index`` (empty for a new one)."""
    history = saved["history"]
    event = history[index] if isinstance(index, int) and 0 <= index < len(history) else {}
    return {"of": index, "date": event.get("date", ""), "text": "" if hidden else event.get("text", ""),
            "people": event.get("people", [])}


def relapse_form(saved: dict, hidden: bool) -> dict:
    """What the relapse plan form shows: the lines as typed, one per line, and the people chosen."""
    plan = saved["relapse_plan"] or {"warning_signs": [], "actions": [], "people": []}
    return {"of": "relapse plan", "signs": "" if hidden else "\n".join(plan["warning_signs"]),
            "actions": "" if hidden else "\n".join(plan["actions"]), "people": plan["people"]}


def register(app: dash.Dash, store: Store, courses: Courses) -> None:
    @app.callback(
        Output(ids.CASE_HISTORY, "options"),
        Output(ids.CASE_HISTORY, "value"),
        Output(ids.CASE_HISTORY_PEOPLE, "options"),
        Output(ids.CASE_RELAPSE_PEOPLE, "options"),
        Output(ids.CASE_BEFORE_AFTER_SAVED, "data"),
        Input(ids.REVIEW_CLIENT, "data"),
        Input(ids.DATA_VERSION, "data"),
        Input(ids.HIDE_NAMES, "value"),
        State(ids.VOICE, "value"),
        State(ids.CASE_HISTORY, "value"),
    )
    def list_history(client_id, _data_version, hide, voice, chosen):
        """The events before therapy by date (the choice kept while it is still there), the map's people
        named as the page names them, and both parts as stored. Made when the page opens and after
        every save, not when the session changes: nothing here depends on the session."""
        doc = stored_course(courses, client_id).document
        options = history_choices(doc, hidden=names_hidden(hide))
        shown = namer(doc, view_prefs(voice, hide))
        people = [{"label": shown(person.id), "value": person.id} for person in doc.people]
        saved = doc.client.model_dump(mode="json", include={"history", "relapse_plan"})
        return options, kept_choice(options, chosen), people, people, saved

    @app.callback(
        Output(ids.CASE_HISTORY_DATE, "value"),
        Output(ids.CASE_HISTORY_TEXT, "value"),
        Output(ids.CASE_HISTORY_PEOPLE, "value"),
        Output(ids.CASE_HISTORY_SHOWN, "data"),
        Output(ids.CASE_HISTORY_TEXT, "disabled"),
        Output(ids.CASE_HISTORY_REMOVE, "disabled"),
        Input(ids.CASE_HISTORY, "value"),
        Input(ids.CASE_HISTORY_PEOPLE, "options"),
        Input(ids.HIDE_NAMES, "value"),
        State(ids.CASE_BEFORE_AFTER_SAVED, "data"),
        State(ids.CASE_HISTORY_DATE, "value"),
        State(ids.CASE_HISTORY_TEXT, "value"),
        State(ids.CASE_HISTORY_PEOPLE, "value"),
        State(ids.CASE_HISTORY_SHOWN, "data"),
    )
    def fill_history(index, _people, hide, saved, date, text, people, shown):
        """The chosen event's date, words and people; left as they are while the person is typing.
        Filled after the people to choose from (made again after every save): a menu drops a value it
        has no option for."""
        if not saved or index is None:
            raise PreventUpdate
        off = names_hidden(hide)
        typed = {"of": index, "date": date or "", "text": text or "", "people": people or []}
        return (*refill(HISTORY_FIELDS, history_form(saved, index, off), typed, shown,
                        saved=ctx.triggered_id == ids.CASE_HISTORY_PEOPLE), off, index == NEW)

    @app.callback(
        Output(ids.CASE_RELAPSE_SIGNS, "value"),
        Output(ids.CASE_RELAPSE_ACTIONS, "value"),
        Output(ids.CASE_RELAPSE_PEOPLE, "value"),
        Output(ids.CASE_RELAPSE_SHOWN, "data"),
        Output(ids.CASE_RELAPSE_SIGNS, "disabled"),
        Output(ids.CASE_RELAPSE_ACTIONS, "disabled"),
        Input(ids.CASE_RELAPSE_PEOPLE, "options"),
        Input(ids.HIDE_NAMES, "value"),
        State(ids.CASE_BEFORE_AFTER_SAVED, "data"),
        State(ids.CASE_RELAPSE_SIGNS, "value"),
        State(ids.CASE_RELAPSE_ACTIONS, "value"),
        State(ids.CASE_RELAPSE_PEOPLE, "value"),
        State(ids.CASE_RELAPSE_SHOWN, "data"),
    )
    def fill_relapse_plan(_people, hide, saved, signs, actions, people, shown):
        """The stored relapse plan, filled after the people to choose from; left as it is while the
        person is typing in it."""
        if not saved:
            raise PreventUpdate
        off = names_hidden(hide)
        typed = {"of": "relapse plan", "signs": signs or "", "actions": actions or "", "people": people or []}
        return (*refill(RELAPSE_FIELDS, relapse_form(saved, off), typed, shown,
                        saved=ctx.triggered_id == ids.CASE_RELAPSE_PEOPLE), off, off)

    @edit_action(app, store, Input(ids.CASE_HISTORY_SAVE, "n_clicks"), State(ids.CASE_HISTORY, "value"),
                 State(ids.CASE_HISTORY_DATE, "value"), State(ids.CASE_HISTORY_TEXT, "value"),
                 State(ids.CASE_HISTORY_PEOPLE, "value"), State(ids.HIDE_NAMES, "value"), session=False, where=CASE)
    def save_the_event(edit, index, date, text, people, hide):
        return save_history(edit, index, date, None if names_hidden(hide) else text or "", people)

    edit_action(app, store, Input(ids.CASE_HISTORY_REMOVE, "n_clicks"), State(ids.CASE_HISTORY, "value"),
                session=False, where=CASE)(remove_history)

    @edit_action(app, store, Input(ids.CASE_RELAPSE_SAVE, "n_clicks"), State(ids.CASE_RELAPSE_SIGNS, "value"),
                 State(ids.CASE_RELAPSE_ACTIONS, "value"), State(ids.CASE_RELAPSE_PEOPLE, "value"),
                 State(ids.HIDE_NAMES, "value"), session=False, where=CASE)
    def save_the_relapse_plan(edit, signs, actions, people, hide):
        hidden = names_hidden(hide)
        return save_relapse_plan(edit, None if hidden else signs or "", None if hidden else actions or "", people)
