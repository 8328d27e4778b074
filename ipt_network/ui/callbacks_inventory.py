"""Callbacks of the inventory card: one person's interpersonal inventory in words, in the voice on show,
and its form.

The person is chosen in the card's list or by clicking them on the circle. The card follows the session
on show (``ids.SHOWN``) and every save (``ids.DATA_VERSION``); its saves are edit actions
(``callbacks_edit.edit_action``): saved at once with the person's version as the page holds it, refused
as stale when another tab saved first, said next to the card, undone from the change log. In the
client's words the card shows the answers in plain words and no form; with names hidden the typed
answers stay off screen and are kept.
"""

from __future__ import annotations

import dash
from dash import Input, Output, Patch, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

from ipt_network.case import inventory_at
from ipt_network.model import Document
from ipt_network.store import Store
from ipt_network.ui import editing, ids
from ipt_network.ui.callbacks_case import HIDDEN_TEXT, card_outcome
from ipt_network.ui.callbacks_edit import edit_action
from ipt_network.ui.courses import Courses
from ipt_network.ui.forms import keeps_typing
from ipt_network.ui.inventory_edits import TEXTS, choice, save_inventory
from ipt_network.ui.labels import CLIENT, INVENTORY_QUESTIONS, SUPPORT_FLOWS
from ipt_network.ui.urls import Selection
from ipt_network.ui.view import namer, names_hidden, stored_course, view_prefs

INVENTORY = "inventory"
"""The ``where`` of this card's saves in an outcome."""
ANSWERS = {True: "Yes", False: "No"}
FORM_FIELDS = (*TEXTS, "support_flow", "confides", "knows_about_depression", "as_of")
"""The form's fields, in the order the fill callback returns them."""


def clicked_person(click: dict | None, doc: Document) -> str | None:
    """The person clicked on the circle (the network carries each person's id in ``customdata``);
    ``None`` for a click on the client, a link or nothing."""
    points = (click or {}).get("points") or [{}]
    person_id = points[0].get("customdata")
    return person_id if person_id in {person.id for person in doc.people} else None


def inventory_view(doc: Document, person_id: str, number: int | None, voice: str, hidden: bool) -> list:
    """The person's inventory as of session ``number`` in words: every question with its answer ("Not
    known" when not answered), the words kept off screen while names are hidden; or that none was taken
    by then."""
    person = doc.person(person_id)
    inventory = inventory_at(person, number)
    at = f"session {number}" if number is not None else "the start"
    if inventory is None:
        later = person.inventory.as_of if person.inventory else None
        said = (f"Not taken yet at {at} (taken at session {later})." if later else
                f"No inventory yet: fill it in {'together' if voice == CLIENT else 'with the client'}.")
        return [html.P(said, className="text-secondary")]
    questions = INVENTORY_QUESTIONS[voice]
    rows = []
    for field in TEXTS:
        text = getattr(inventory, field)
        rows.append((questions[field], HIDDEN_TEXT if hidden and text else text or "Not known"))
    flow = inventory.support_flow
    rows += [(questions["support_flow"], SUPPORT_FLOWS[voice][flow.value] if flow else "Not known"),
             (questions["confides"], ANSWERS.get(inventory.confides, "Not known")),
             (questions["knows_about_depression"], ANSWERS.get(inventory.knows_about_depression, "Not known"))]
    when = f"As of session {inventory.as_of}" if inventory.as_of is not None else "Not dated by a session"
    return [html.P(when, className="text-secondary small mb-1"),
            html.Dl(className="case-facts inventory-facts mb-2",
                    children=[part for term, value in rows for part in (html.Dt(term), html.Dd(value))])]


def saved_inventory(doc: Document, person_id: str, number: int | None) -> dict:
    """What the form is filled from: the person's stored inventory (the session on show as its session
    when none is stored)."""
    inventory = doc.person(person_id).inventory
    data = inventory.model_dump(mode="json") if inventory else {"as_of": number}
    return {"person": person_id, "session": number,
            **{field: data.get(field) for field in FORM_FIELDS}}


def inventory_form(saved: dict, hidden: bool) -> dict:
    """The form's values for ``saved``: typed answers empty while names are hidden."""
    return {"of": saved["person"], **{field: "" if hidden else saved[field] or "" for field in TEXTS},
            **{field: choice(saved[field]) for field in ("support_flow", "confides", "knows_about_depression")},
            "as_of": saved["as_of"]}


def register(app: dash.Dash, store: Store, courses: Courses) -> None:
    @app.callback(
        Output(ids.INVENTORY_PERSON, "options"),
        Output(ids.INVENTORY_PERSON, "value"),
        Input(ids.SHOWN, "data"),
        Input(ids.DATA_VERSION, "data"),
        Input(ids.VOICE, "value"),
        Input(ids.HIDE_NAMES, "value"),
        Input(ids.NETWORK_GRAPH, "clickData"),
        Input(ids.EDIT_GRID, "cellRendererData"),
        State(ids.INVENTORY_PERSON, "value"),
        State(ids.INVENTORY_PERSON, "options"),
        State(ids.REVIEW_CLIENT, "data"),
        prevent_initial_call=True,
    )
    def choose_person(selection, _data_version, voice, hide, click, opened, chosen, listed, client_id):
        """The client's people, named as the page names them; a person clicked on the circle, or whose
        "Inventory" was pressed in the grid, is chosen. A session change alone changes nothing once they
        are listed: the people are the same in every session."""
        if not selection or (ctx.triggered_id == ids.SHOWN and listed):
            raise PreventUpdate
        doc = stored_course(courses, client_id).document
        shown = namer(doc, view_prefs(voice, hide))
        options = [{"label": shown(person.id), "value": person.id} for person in doc.people]
        clicked = {ids.NETWORK_GRAPH: clicked_person(click, doc),
                   ids.EDIT_GRID: (opened or {}).get("value")}.get(ctx.triggered_id)
        if clicked in {person.id for person in doc.people}:
            return options, clicked
        known = chosen in {person.id for person in doc.people}
        return options, no_update if known else (doc.people[0].id if doc.people else None)

    @app.callback(
        Output(ids.INVENTORY_VIEW, "children"),
        Output(ids.INVENTORY_FORM, "hidden"),
        Output(ids.INVENTORY_HINT, "children"),
        Output(ids.INVENTORY_SAVED, "data"),
        Output(ids.EDIT_VERSIONS, "data", allow_duplicate=True),
        Input(ids.INVENTORY_PERSON, "value"),
        Input(ids.SHOWN, "data"),
        Input(ids.DATA_VERSION, "data"),
        Input(ids.VOICE, "value"),
        Input(ids.HIDE_NAMES, "value"),
        State(ids.REVIEW_CLIENT, "data"),
        prevent_initial_call=True,
    )
    def show_inventory(person_id, selection, _data_version, voice, hide, client_id):
        if not selection:
            raise PreventUpdate
        course = stored_course(courses, client_id)
        doc, hidden, number = course.document, names_hidden(hide), Selection(**selection).session
        if person_id not in {person.id for person in doc.people}:
            if doc.people:  # the list is choosing someone; drawn when they are chosen
                raise PreventUpdate
            return [html.P("No one is on the map yet.", className="text-secondary")], True, "", None, no_update
        hint = "Names are hidden: show names to read or change the answers in words." if hidden else ""
        versions = Patch()
        key = ("person", person_id)
        versions[editing.version_key(key)] = course.versions[key]
        return (inventory_view(doc, person_id, number, voice, hidden), voice == CLIENT, hint,
                saved_inventory(doc, person_id, number), versions)

    form_boxes = (ids.INVENTORY_GOOD, ids.INVENTORY_HARD, ids.INVENTORY_EXPECTATIONS, ids.INVENTORY_WANTS_CHANGED)
    form_ids = (*form_boxes, ids.INVENTORY_FLOW, ids.INVENTORY_CONFIDES, ids.INVENTORY_KNOWS, ids.INVENTORY_AS_OF)

    @app.callback(
        *(Output(box, "value") for box in form_ids),
        *(Output(box, "disabled") for box in form_boxes),
        Output(ids.INVENTORY_SHOWN, "data"),
        Input(ids.INVENTORY_SAVED, "data"),
        Input(ids.HIDE_NAMES, "value"),
        *(State(box, "value") for box in form_ids),
        State(ids.INVENTORY_SHOWN, "data"),
    )
    def fill_form(saved, hide, *typed_and_shown):
        """The chosen person's stored inventory; left as it is while the person is typing in it."""
        if not saved:
            raise PreventUpdate
        *values, shown = typed_and_shown
        off = names_hidden(hide)
        stored = inventory_form(saved, off)
        typed = {"of": saved["person"], **{field: value or "" if field in TEXTS else value
                                           for field, value in zip(FORM_FIELDS, values, strict=True)}}
        if ctx.triggered_id == ids.INVENTORY_SAVED and keeps_typing(stored, typed, shown):
            return (*(no_update,) * (len(form_ids) + len(form_boxes)), stored if typed == stored else no_update)
        return (*(stored[field] for field in FORM_FIELDS), *(off,) * len(form_boxes), stored)

    @edit_action(app, store, Input(ids.INVENTORY_SAVE, "n_clicks"), State(ids.INVENTORY_PERSON, "value"),
                 *(State(box, "value") for box in form_ids), State(ids.HIDE_NAMES, "value"), session=False,
                 where=INVENTORY)
    def save_the_inventory(edit, person_id, good, hard, expectations, wants_changed, flow, confides, knows, as_of,
                           hide):
        texts = None if names_hidden(hide) else dict(zip(TEXTS, (good, hard, expectations, wants_changed),
                                                           strict=True))
        return save_inventory(edit, person_id, texts, flow, confides, knows, as_of)

    @edit_action(app, store, Input(ids.INVENTORY_UNDO, "n_clicks"), State(ids.INVENTORY_UNDO, "value"),
                 session=False, verb="Undone", where=INVENTORY)
    def undo_inventory(edit, number):
        if not number:
            raise PreventUpdate
        return editing.undo(edit, int(number))

    @app.callback(
        Output(ids.INVENTORY_MESSAGE, "children"),
        Output(ids.INVENTORY_MESSAGE, "className"),
        Output(ids.INVENTORY_UNDO, "hidden"),
        Output(ids.INVENTORY_UNDO, "value"),
        Input(ids.EDIT_OUTCOME, "data"),
        State(ids.VOICE, "value"),
        State(ids.HIDE_NAMES, "value"),
        State(ids.REVIEW_CLIENT, "data"),
        prevent_initial_call=True,
    )
    def show_outcome(outcome, voice, hide, client_id):
        """What a save from this card did, or why nothing was saved; Undo offers the save just made."""
        return card_outcome(store, courses, outcome, INVENTORY, voice, hide, client_id)
