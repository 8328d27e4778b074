"""Callbacks of the editing panel: each change saved at once, refused changes explained, Undo from the log.

Every save is an edit action (``edit_action``): it gathers the page's context (session on show,
client, record versions, the page's name) into one ``editing.Edit``, runs the edit, and answers
with what happened (``ids.EDIT_OUTCOME``) and, in the same answer, the saved record's new
version, so a second save never waits for the panel to reload. ``show_outcome`` turns the outcome
into the status line and bumps ``ids.DATA_VERSION`` so the page redraws. A form is refilled only
when what is stored differs from what it shows and the person has not typed in it since it was
last filled or saved (``keeps_typing``); the grid saves each edited cell with what it showed before,
and is redrawn only in the cells whose stored value moved (``grid_redraw``). Undo and the list
of recent changes are read from the store's change log.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import uuid
from collections.abc import Callable

import dash
from dash import ALL, ClientsideFunction, Input, Output, Patch, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

from ipt_network.errors import NotFoundError, StaleEditError, StorageError, ValidationError
from ipt_network.figures.style import day
from ipt_network.model import INSTRUMENT_ITEMS, event_text
from ipt_network.store import LoggedChange, Store
from ipt_network.ui import editing, ids
from ipt_network.ui.courses import Courses
from ipt_network.ui.editing import ITEMS, TOTAL, Change, Edit
from ipt_network.ui.forms import keeps_typing, set_aside, take_back
from ipt_network.ui.layout_edit import CLOSE_LABEL, OPEN_LABEL, grid_columns
from ipt_network.ui.urls import Selection
from ipt_network.ui.view import namer, names_hidden, session_on_show, stored_course, view_prefs

STALE = ("This was changed in another tab or by someone else, so your change was not saved. "
         "The latest values are shown now.")
GONE = ("This is no longer in the record (a newer import may have replaced it), so nothing was saved. "
        "Reload the page to see what is stored.")
BUSY = ("The record could not be written just now (the database was busy or unavailable), so nothing was "
        "saved. Please try again in a moment.")

DROPPED = ("This session's details were changed in another tab or by someone else while what you typed here "
           "waited, so the saved details are shown and what you typed was not brought back.")
ITEM_IDS = {instrument.value: [ids.mood_item(instrument.value, number) for number in range(1, count + 1)]
            for instrument, count in INSTRUMENT_ITEMS.items()}
"""The answer controls of each questionnaire, in item order."""
ALL_ITEM_IDS = [item_id for item_ids in ITEM_IDS.values() for item_id in item_ids]

CONTEXT = (State(ids.SELECTION, "data"), State(ids.REVIEW_CLIENT, "data"), State(ids.EDIT_VERSIONS, "data"),
           State(ids.EDIT_TAB, "data"))
"""What every edit action reads besides its own fields: it becomes the action's ``Edit``."""

RECENT = 8
"""How many recent changes the panel lists."""

log = logging.getLogger(__name__)


def nothing_saved(exc: ValidationError) -> str:
    """The problems as one calm sentence that says nothing changed."""
    text = "; ".join(exc.problems)
    return f"{text[:1].upper()}{text[1:]}. Nothing was saved."


def attempt(action: Callable[[], Change | list[Change]], verb: str = "Saved") -> dict:
    """Run one edit (one change, or several made by one request) and say what happened, as the data of
    ``ids.EDIT_OUTCOME``: the last change under ``change``, any before it under ``earlier``."""
    try:
        made = action()
    except StaleEditError:
        return {"problem": STALE}
    except ValidationError as exc:
        return {"problem": nothing_saved(exc)}
    except NotFoundError:
        return {"problem": GONE}
    except StorageError:  # after StaleEditError, its kind: the database was busy or could not be written
        log.exception("an edit could not be written")
        return {"problem": BUSY}
    *earlier, change = made if isinstance(made, list) else [made]
    outcome = {"change": change.to_data(), "verb": verb}
    if earlier:
        outcome["earlier"] = [c.to_data() for c in earlier]
    return outcome


def outcome_changes(outcome: dict) -> list[Change]:
    """Every change an outcome reports, in the order they were made."""
    return [Change.from_data(data) for data in (*outcome.get("earlier", ()), outcome["change"])]


def version_patch(outcome: dict) -> Patch:
    """The saved records' new versions, patched into the page's versions (nothing when nothing was saved)."""
    if "change" not in outcome:
        return no_update
    patch = Patch()
    for change in outcome_changes(outcome):
        patch[editing.version_key(change.key)] = change.version
    return patch


def grid_redraw(rows: list[dict], columns: list[dict], number: int, drawn: dict | None, showing: list[dict] | None,
                *, refused: bool) -> dict:
    """The grid for the stored ``rows`` of session ``number``, and its drawn copy: only the cells whose
    stored value moved since ``drawn`` (or that a ``refused`` save typed over) and are not on show yet,
    set in the page (``cells``); the whole grid for a new session, other people or other columns."""
    now = {"session": number, "rows": rows, "fields": [column["field"] for column in columns]}
    cells = (None if not drawn or (drawn["session"], drawn.get("fields")) != (number, now["fields"]) else
             editing.redrawn_cells(rows, drawn["rows"], showing or [], refused=refused))
    if cells is None:
        return {"grid": rows, "columns": columns, "cells": no_update, "drawn": now}
    return {"grid": no_update, "columns": no_update, "cells": cells or no_update,
            "drawn": now if drawn["rows"] != rows else no_update}


def saved_change(outcome: dict | None, kind: str) -> Change | None:
    """The (last) change of a record of ``kind`` an outcome reports, when it is a save (not an undo)."""
    if not outcome or "change" not in outcome or outcome.get("verb") != "Saved":
        return None
    return next((change for change in reversed(outcome_changes(outcome)) if change.kind == kind), None)


def triggered(component_id: str) -> bool:
    """Whether ``component_id`` is among the inputs that started this call (several can arrive at once)."""
    return component_id in ctx.triggered_prop_ids.values()


def outcome_alone(stored_id: str) -> bool:
    """Whether a form's refill was started by a save's outcome and not also by new stored values: when both
    arrive in one call (a session just started, then shown) the newly stored values win, so the form
    never keeps the previous session's values to be saved into the new one."""
    return triggered(ids.EDIT_OUTCOME) and not triggered(stored_id)


def items_by_instrument(values: list) -> dict[str, list]:
    """The values of ``ALL_ITEM_IDS`` split per questionnaire."""
    split, start = {}, 0
    for instrument, item_ids in ITEM_IDS.items():
        split[instrument] = list(values[start:start + len(item_ids)])
        start += len(item_ids)
    return split


def link_list(pairs: list[tuple[str, str, int, int]], shown: Callable[[str], str]) -> list:
    if not pairs:
        return [html.Li("No links recorded in this session.", className="text-secondary")]
    return [html.Li(className="edit-link", children=[
        html.Span(f"{shown(a)} – {shown(b)}: support {support}, conflict {conflict}"),
        html.Button("Remove", id={"type": ids.EDIT_LINK_REMOVE, "a": a, "b": b},
                    className="btn btn-link btn-sm", **{"aria-label": f"Remove the link {shown(a)} – {shown(b)}"}),
    ]) for a, b, support, conflict in pairs]


def change_list(changes: list[LoggedChange], shown: Callable[[str], str]) -> list:
    """The recent changes in plain words, newest first, with the time they were made."""
    if not changes:
        return [html.Li("No changes recorded yet.", className="text-secondary")]
    undone = {logged.undoes for logged in changes}
    items = []
    for logged in changes:
        words = editing.describe(Change.logged(logged), shown)
        if logged.undoes is not None:
            words = f"undone: {words}"
        elif logged.number in undone:
            words += " (undone)"
        items.append(html.Li(f"{logged.at.astimezone():%d %b %H:%M} · {words[:1].upper()}{words[1:]}"))
    return items


# --- the three forms, as the values they show ----------------------------------------------------------


def session_form(number: int, date, phase, attendance, notes, events) -> dict:
    return {"of": number, "date": date or "", "phase": phase, "attendance": attendance, "notes": notes or "",
            "events": events or ""}


def stored_session_form(saved: dict, hidden: bool) -> dict:
    return session_form(saved["session"], saved["date"], saved["phase"], saved["attendance"],
                        "" if hidden else saved["notes"], "" if hidden else "\n".join(map(event_text, saved["events"])))


def person_form(person_id: str | None, person: dict | None, hidden: bool) -> dict:
    person = person or {}
    return {"of": person_id, "name": "" if hidden else person.get("name", ""), "role": person.get("role"),
            "notes": "" if hidden else person.get("notes", ""), "died": person.get("deceased_on") or ""}


def mood_form(number: int, instrument: str, mode: str, items: list, total) -> dict:
    by_items = instrument in ITEM_IDS and mode == ITEMS
    return {"of": [number, instrument], "mode": mode,
            "value": list(items) if by_items else str(total if total is not None else "").strip()}


def stored_mood_form(number: int, instrument: str, score: dict | None) -> dict:
    mode = TOTAL if score and score["items"] is None else ITEMS
    count = len(ITEM_IDS.get(instrument, []))
    items = score["items"] if score and score["items"] is not None else [None] * count
    return mood_form(number, instrument, mode, items, str(score["score"]) if score else "")


def edit_action(app: dash.Dash, store: Store, trigger: Input, *fields: State, session: bool = True,
                verb: str = "Saved", where: str | None = None):
    """Register ``action(edit, *field values) -> Change`` as a save answered with its outcome and the
    saved record's new version. ``session`` ``False``: the action does not need a session on show (it
    is handed the one on show, if any). ``where`` names the card the save came from in the outcome, so
    that card can say what happened."""

    def register_action(action: Callable[..., Change]) -> Callable:
        @app.callback(
            Output(ids.EDIT_OUTCOME, "data", allow_duplicate=True),
            Output(ids.EDIT_VERSIONS, "data", allow_duplicate=True),
            trigger, *fields, *CONTEXT,
            prevent_initial_call=True,
        )
        def save(_trigger, *values):
            *values, selection, client_id, versions, tab = values
            number = session_on_show(selection) if session else Selection(**(selection or {})).session
            edit = Edit(store, client_id, number, versions or {}, tab)
            outcome = attempt(lambda: action(edit, *values), verb)
            if where:
                outcome["where"] = where
            return outcome, version_patch(outcome)

        return action

    return register_action


def register(app: dash.Dash, store: Store, courses: Courses) -> None:
    edit_action_here = functools.partial(edit_action, app, store)

    @app.callback(
        Output(ids.EDIT_PANEL, "hidden"),
        Output(ids.EDIT_TOGGLE, "children"),
        Output(ids.EDIT_TOGGLE, "aria-expanded"),
        Input(ids.EDIT_TOGGLE, "n_clicks"),
        prevent_initial_call=True,
    )
    def open_or_close(clicks):
        opened = clicks % 2 == 1
        return not opened, CLOSE_LABEL if opened else OPEN_LABEL, str(opened).lower()

    @app.callback(Output(ids.EDIT_TAB, "data"), Input(ids.EDIT_PANEL, "hidden"), State(ids.EDIT_TAB, "data"))
    def name_the_page(_closed, tab):
        """A random name for this page, made once per page load."""
        if tab:
            raise PreventUpdate
        return uuid.uuid4().hex

    @app.callback(
        output={"grid": Output(ids.EDIT_GRID, "rowData"), "drawn": Output(ids.EDIT_GRID_DRAWN, "data"),
                "columns": Output(ids.EDIT_GRID, "columnDefs"), "cells": Output(ids.EDIT_GRID_CELLS, "data"),
                "versions": Output(ids.EDIT_VERSIONS, "data"), "link_a": Output(ids.EDIT_LINK_A, "options"),
                "link_b": Output(ids.EDIT_LINK_B, "options"), "links": Output(ids.EDIT_LINK_LIST, "children"),
                "people_choice": Output(ids.EDIT_PERSON_CHOICE, "options"),
                "people": Output(ids.EDIT_PEOPLE_SAVED, "data"), "session": Output(ids.EDIT_SESSION_SAVED, "data"),
                "mood": Output(ids.EDIT_MOOD_SAVED, "data"), "caption": Output(ids.EDIT_CAPTION, "children"),
                "parts_hidden": Output(ids.EDIT_SESSION_PARTS, "hidden"),
                "fields_hidden": Output(ids.EDIT_SESSION_FIELDS, "hidden"),
                "next_label": Output(ids.EDIT_SESSION_NEXT, "children")},
        inputs={"selection": Input(ids.SHOWN, "data"), "_data_version": Input(ids.DATA_VERSION, "data"),
                "voice": Input(ids.VOICE, "value"), "hide": Input(ids.HIDE_NAMES, "value"),
                "closed": Input(ids.EDIT_PANEL, "hidden")},
        state={"client_id": State(ids.REVIEW_CLIENT, "data"), "people_then": State(ids.EDIT_PEOPLE_SAVED, "data"),
               "session_then": State(ids.EDIT_SESSION_SAVED, "data"), "mood_then": State(ids.EDIT_MOOD_SAVED, "data"),
               "drawn": State(ids.EDIT_GRID_DRAWN, "data"), "showing": State(ids.EDIT_GRID, "rowData"),
               "outcome": State(ids.EDIT_OUTCOME, "data")},
    )
    def show_course(selection, _data_version, voice, hide, closed, client_id, people_then, session_then, mood_then,
                    drawn, showing, outcome):
        """The grid, lists and stored values of the session on show, with the versions they came from;
        nothing while the panel is closed (opening it fills it). The grid is redrawn cell by cell where
        the stored value moved (``grid_redraw``), so typing in another cell is never interrupted."""
        if not selection or closed:
            raise PreventUpdate
        course = stored_course(courses, client_id)
        doc = course.document
        shown = namer(doc, view_prefs(voice, hide))
        notes = not names_hidden(hide)
        columns = grid_columns(voice, notes)
        people = editing.saved_people(doc)
        numbers = [s.number for s in doc.sessions]
        number = Selection(**selection).session
        common = {
            "versions": editing.page_versions(course),
            "people_choice": [{"label": shown(p.id), "value": p.id} for p in doc.people],
            "people": people if people != people_then else no_update,
            "next_label": f"Start session {max(numbers) + 1}" if numbers else "Start the first session",
        }
        if number not in numbers:
            caption = ("No sessions are recorded yet." if number is None else
                       f"Session {number} is no longer in the record (a newer import may have replaced it); "
                       "nothing can be saved to it. Choose another session.")
            return {**common, "grid": [], "columns": columns, "cells": no_update, "drawn": None, "link_a": [],
                    "link_b": [], "links": [], "session": None, "mood": None, "caption": caption,
                    "parts_hidden": True, "fields_hidden": True}
        session_now = {"session": number, **editing.saved_session(doc, number)}
        common["session"] = session_now if session_now != session_then else no_update
        if not doc.session(number).attended:
            caption = (f"Session {number} ({day(doc.session(number).date)}) did not take place: only its date, "
                       "phase, attendance and notes can be changed.")
            return {**common, "grid": [], "columns": columns, "cells": no_update, "drawn": None, "link_a": [],
                    "link_b": [], "links": [], "mood": None, "caption": caption, "parts_hidden": True,
                    "fields_hidden": False}
        tied = [{"label": shown(t.person), "value": t.person} for t in doc.session(number).ties]
        mood_now = {"session": number, "scores": editing.saved_mood(doc, number)}
        rows = editing.grid_rows(doc, number, shown, notes=notes)
        refused = ctx.triggered_id == ids.DATA_VERSION and bool(outcome) and "problem" in outcome
        return {
            **common,
            **grid_redraw(rows, columns, number, drawn, showing, refused=refused),
            "link_a": tied, "link_b": tied,
            "links": link_list(editing.link_pairs(doc, number), shown),
            "mood": mood_now if mood_now != mood_then else no_update,
            "caption": f"Changes are saved to session {number} ({day(doc.session(number).date)}) as you make them.",
            "parts_hidden": False, "fields_hidden": False,
        }

    # --- saying what happened, Undo and the recent changes --------------------------------------------

    @app.callback(
        Output(ids.EDIT_MESSAGE, "children"),
        Output(ids.EDIT_MESSAGE, "className"),
        Output(ids.DATA_VERSION, "data"),
        Input(ids.EDIT_OUTCOME, "data"),
        State(ids.VOICE, "value"),
        State(ids.HIDE_NAMES, "value"),
        State(ids.REVIEW_CLIENT, "data"),
        State(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def show_outcome(outcome, voice, hide, client_id, data_version):
        bumped = (data_version or 0) + 1
        if "problem" in outcome:
            return outcome["problem"], "edit-message refused", bumped
        if "text" in outcome:
            return outcome["text"], "edit-message saved", bumped
        shown = namer(courses.get(client_id).doc, view_prefs(voice, hide))
        said = "; ".join(editing.describe(change, shown) for change in outcome_changes(outcome))
        return f"{outcome['verb']}: {said}.", "edit-message saved", bumped

    @app.callback(
        Output(ids.EDIT_UNDO_CHANGE, "data"),
        Output(ids.EDIT_UNDO, "hidden"),
        Output(ids.EDIT_UNDO, "title"),
        Output(ids.EDIT_CHANGES, "children"),
        Input(ids.DATA_VERSION, "data"),
        Input(ids.EDIT_PANEL, "hidden"),
        Input(ids.VOICE, "value"),
        Input(ids.HIDE_NAMES, "value"),
        State(ids.REVIEW_CLIENT, "data"),
    )
    def show_changes(_data_version, closed, voice, hide, client_id):
        """Undo offers the client's latest change when it can be undone, read from the change log (so it
        is still offered after a reload); the list says what changed lately, names as the page shows them."""
        if closed or not client_id:
            raise PreventUpdate
        try:
            changes = store.changes(client_id, RECENT)
            shown = namer(courses.get(client_id).doc, view_prefs(voice, hide))
        except NotFoundError:
            raise PreventUpdate from None
        offered = editing.offered_undo(changes)
        if offered is None:
            return None, True, "", change_list(changes, shown)
        return (offered.number, False, f"Undo: {editing.describe(Change.logged(offered), shown)}",
                change_list(changes, shown))

    @edit_action_here(Input(ids.EDIT_UNDO, "n_clicks"), State(ids.EDIT_UNDO_CHANGE, "data"), session=False,
                 verb="Undone")
    def undo_last(edit, number):
        if not number:
            raise PreventUpdate
        return editing.undo(edit, number)

    # --- the grid ---------------------------------------------------------------------------------

    @edit_action_here(Input(ids.EDIT_GRID, "cellValueChanged"), State(ids.EDIT_GRID, "cellValueChanged"),
                 State(ids.EDIT_GRID, "rowData"), State(ids.EDIT_GRID_DRAWN, "data"))
    def save_grid_cells(edit, changed, showing, drawn):
        """The cells just edited (and any typed earlier whose save never arrived), saved to the session
        the grid was drawn for."""
        if not drawn or not changed:
            raise PreventUpdate
        edit = dataclasses.replace(edit, number=drawn["session"])
        changes = editing.save_cells(edit, editing.grid_edits(changed, drawn["rows"], showing or []))
        if not changes:
            raise PreventUpdate
        return changes

    app.clientside_callback(  # assets/grid.js
        ClientsideFunction(namespace="grid", function_name="setCells"),
        Output(ids.EDIT_GRID, "rowTransaction"),
        Input(ids.EDIT_GRID_CELLS, "data"),
        State(ids.EDIT_GRID, "id"),
        prevent_initial_call=True,
    )

    # --- links --------------------------------------------------------------------------------------

    @edit_action_here(Input(ids.EDIT_LINK_SAVE, "n_clicks"), State(ids.EDIT_LINK_A, "value"),
                 State(ids.EDIT_LINK_B, "value"), State(ids.EDIT_LINK_SUPPORT, "value"),
                 State(ids.EDIT_LINK_CONFLICT, "value"))
    def save_link(edit, a, b, support, conflict):
        return editing.save_link(edit, a, b, support, conflict)

    @edit_action_here(Input({"type": ids.EDIT_LINK_REMOVE, "a": ALL, "b": ALL}, "n_clicks"))
    def remove_link(edit):
        if not ctx.triggered_id or not ctx.triggered[0]["value"]:  # buttons drawn, not clicked
            raise PreventUpdate
        return editing.remove_link(edit, ctx.triggered_id["a"], ctx.triggered_id["b"])

    # --- mood ---------------------------------------------------------------------------------------

    @app.callback(
        *(Output(item_id, "value") for item_id in ALL_ITEM_IDS),
        Output(ids.EDIT_MOOD_TOTAL, "value"),
        Output(ids.EDIT_MOOD_MODE, "value"),
        Output(ids.EDIT_MOOD_SHOWN, "data"),
        Output(ids.EDIT_MOOD_DRAFTS, "data"),
        Input(ids.EDIT_MOOD_SAVED, "data"),
        Input(ids.EDIT_MOOD_INSTRUMENT, "value"),
        Input(ids.EDIT_OUTCOME, "data"),
        State(ids.EDIT_MOOD_MODE, "value"),
        State(ids.EDIT_MOOD_TOTAL, "value"),
        *(State(item_id, "value") for item_id in ALL_ITEM_IDS),
        State(ids.EDIT_MOOD_SHOWN, "data"),
        State(ids.EDIT_MOOD_DRAFTS, "data"),
    )
    def fill_mood(saved, instrument, outcome, mode, total, *rest):
        """The stored score of the chosen questionnaire, answer by answer when its items were recorded;
        left as it is while the person is answering. Answers not saved yet are kept as a draft when
        another session or questionnaire is shown, and come back with it."""
        *answers, shown, drafts = rest
        if not saved:
            raise PreventUpdate
        number = saved["session"]
        unchanged = (no_update,) * (len(ALL_ITEM_IDS) + 2)
        saved_now = saved_change(outcome, "mood")
        if outcome_alone(ids.EDIT_MOOD_SAVED):
            if saved_now is None or saved_now.session != number:
                raise PreventUpdate
            after = saved_now.after
            return *unchanged, stored_mood_form(number, after["instrument"], after), no_update
        score = (saved.get("scores") or {}).get(instrument)
        stored = stored_mood_form(number, instrument, score)
        split = items_by_instrument(answers)
        typed = mood_form(number, instrument, mode, split.get(instrument, []), total)
        if triggered(ids.EDIT_MOOD_SAVED) and keeps_typing(stored, typed, shown):
            return *unchanged, stored if typed == stored else no_update, no_update
        if shown:
            then_number, then_instrument = shown["of"]
            typed_then = mood_form(then_number, then_instrument, mode, split.get(then_instrument, []), total)
            drafts = set_aside(drafts or {}, typed_then, shown, stored["of"])
        draft, drafts, _ = take_back(drafts or {}, stored["of"], stored)
        shows = draft or stored
        filled = {name: [None] * len(item_ids) for name, item_ids in ITEM_IDS.items()}
        by_items = instrument in ITEM_IDS and shows["mode"] == ITEMS
        if by_items:
            filled[instrument] = shows["value"]
        total_shown = str(score["score"]) if score else ""
        if draft and not by_items:
            total_shown = draft["value"]
        return (*(answer for values in filled.values() for answer in values), total_shown, shows["mode"], stored,
                drafts)

    @app.callback(
        Output(ids.EDIT_MOOD_MODE_PART, "hidden"),
        Output(ids.EDIT_MOOD_ITEMS, "hidden"),
        *(Output(ids.mood_item_group(name), "hidden") for name in ITEM_IDS),
        Output(ids.EDIT_MOOD_TOTAL_PART, "hidden"),
        Output(ids.EDIT_MOOD_LIVE, "children"),
        Input(ids.EDIT_MOOD_INSTRUMENT, "value"),
        Input(ids.EDIT_MOOD_MODE, "value"),
        Input(ids.EDIT_MOOD_TOTAL, "value"),
        *(Input(item_id, "value") for item_id in ALL_ITEM_IDS),
    )
    def show_mood_form(instrument, mode, total, *answers):
        """Items or a total box, as the questionnaire allows; the running total and band as items change."""
        by_items = instrument in ITEM_IDS and mode == ITEMS
        if by_items:
            live = editing.live_total(instrument, items_by_instrument(answers)[instrument])
        else:
            try:
                live = editing.describe_total(instrument, total)
            except ValidationError:
                live = ""
        return (instrument not in ITEM_IDS, not by_items, *(name != instrument for name in ITEM_IDS),
                by_items, live)

    @edit_action_here(Input(ids.EDIT_MOOD_SAVE, "n_clicks"), State(ids.EDIT_MOOD_INSTRUMENT, "value"),
                 State(ids.EDIT_MOOD_MODE, "value"), State(ids.EDIT_MOOD_TOTAL, "value"),
                 *(State(item_id, "value") for item_id in ALL_ITEM_IDS))
    def save_mood(edit, instrument, mode, total, *answers):
        items = items_by_instrument(answers).get(instrument, [])
        return editing.save_mood(edit, instrument, mode, items, total)

    # --- people -------------------------------------------------------------------------------------

    @app.callback(
        Output(ids.EDIT_PERSON_NAME, "value"),
        Output(ids.EDIT_PERSON_NAME, "disabled"),
        Output(ids.EDIT_PERSON_NAME_HINT, "children"),
        Output(ids.EDIT_PERSON_ROLE, "value"),
        Output(ids.EDIT_PERSON_NOTES, "value"),
        Output(ids.EDIT_PERSON_NOTES, "disabled"),
        Output(ids.EDIT_PERSON_SAVE, "children"),
        Output(ids.EDIT_PERSON_DIED_PART, "hidden"),
        Output(ids.EDIT_PERSON_DIED_ON, "value"),
        Output(ids.EDIT_PERSON_SHOWN, "data"),
        Input(ids.EDIT_PERSON_CHOICE, "value"),
        Input(ids.EDIT_PEOPLE_SAVED, "data"),
        Input(ids.HIDE_NAMES, "value"),
        Input(ids.EDIT_OUTCOME, "data"),
        State(ids.EDIT_PERSON_NAME, "value"),
        State(ids.EDIT_PERSON_ROLE, "value"),
        State(ids.EDIT_PERSON_NOTES, "value"),
        State(ids.EDIT_PERSON_DIED_ON, "value"),
        State(ids.EDIT_PERSON_SHOWN, "data"),
    )
    def fill_person(person_id, people, hide, outcome, name, role, notes, died, shown):
        """The chosen person's details; the name and notes stay empty while names are hidden. Left as it
        is while the person is typing in it."""
        off = names_hidden(hide)
        unchanged = (no_update,) * 9
        saved_now = saved_change(outcome, "person")
        if outcome_alone(ids.EDIT_PEOPLE_SAVED):
            added_here = saved_now is not None and saved_now.before is None and person_id is None
            if saved_now is None or (saved_now.key[1] != person_id and not added_here):
                raise PreventUpdate
            return *unchanged, person_form(person_id, saved_now.after, off)
        person = (people or {}).get(person_id) if person_id else None
        stored = person_form(person_id, person, off)
        typed = {"of": person_id, "name": name or "", "role": role, "notes": notes or "", "died": died or ""}
        if triggered(ids.EDIT_PEOPLE_SAVED) and keeps_typing(stored, typed, shown):
            return *unchanged, stored if typed == stored else no_update
        hint = "Names are hidden: show names to add someone or change a name or a note." if off else ""
        if person is None:
            return stored["name"], off, hint, None, "", off, "Add person", True, "", stored
        return (stored["name"], off, hint, stored["role"], stored["notes"], off, "Save changes to this person",
                False, stored["died"], stored)

    @edit_action_here(Input(ids.EDIT_PERSON_SAVE, "n_clicks"), State(ids.EDIT_PERSON_CHOICE, "value"),
                 State(ids.EDIT_PERSON_NAME, "value"), State(ids.EDIT_PERSON_ROLE, "value"),
                 State(ids.EDIT_PERSON_NOTES, "value"), State(ids.HIDE_NAMES, "value"), session=False)
    def save_person(edit, person_id, name, role, notes, hide):
        name, notes = (None, None) if names_hidden(hide) else (name or "", notes or "")
        return editing.save_person(edit, person_id, name, role, notes)

    @edit_action_here(Input(ids.EDIT_PERSON_DIED_SAVE, "n_clicks"), State(ids.EDIT_PERSON_CHOICE, "value"),
                 State(ids.EDIT_PERSON_DIED_ON, "value"), session=False)
    def save_death(edit, person_id, on):
        return editing.mark_died(edit, person_id, on)

    # --- the session --------------------------------------------------------------------------------

    @app.callback(
        Output(ids.EDIT_SESSION_DATE, "value"),
        Output(ids.EDIT_SESSION_PHASE, "value"),
        Output(ids.EDIT_SESSION_ATTENDANCE, "value"),
        Output(ids.EDIT_SESSION_NOTES, "value"),
        Output(ids.EDIT_SESSION_EVENTS, "value"),
        Output(ids.EDIT_SESSION_NOTES, "disabled"),
        Output(ids.EDIT_SESSION_EVENTS, "disabled"),
        Output(ids.EDIT_SESSION_HINT, "children"),
        Output(ids.EDIT_SESSION_SHOWN, "data"),
        Output(ids.EDIT_SESSION_DRAFTS, "data"),
        Input(ids.EDIT_SESSION_SAVED, "data"),
        Input(ids.HIDE_NAMES, "value"),
        Input(ids.EDIT_OUTCOME, "data"),
        State(ids.EDIT_SESSION_DATE, "value"),
        State(ids.EDIT_SESSION_PHASE, "value"),
        State(ids.EDIT_SESSION_ATTENDANCE, "value"),
        State(ids.EDIT_SESSION_NOTES, "value"),
        State(ids.EDIT_SESSION_EVENTS, "value"),
        State(ids.EDIT_SESSION_SHOWN, "data"),
        State(ids.EDIT_SESSION_DRAFTS, "data"),
    )
    def fill_session(saved, hide, outcome, date, phase, attendance, notes, events, shown, drafts):
        """The session's stored details; notes and life events stay empty while names are hidden. Left as
        it is while the person is typing in it; what was typed and not saved is kept as a draft when
        another session is shown or names are hidden, and comes back with its session shown with names."""
        off = names_hidden(hide)
        unchanged = (no_update,) * 8
        if not saved:
            raise PreventUpdate
        saved_now = saved_change(outcome, "session")
        if outcome_alone(ids.EDIT_SESSION_SAVED):
            if saved_now is None or saved_now.session != saved["session"] or saved_now.after is None:
                raise PreventUpdate
            return *unchanged, stored_session_form({"session": saved_now.session, **saved_now.after}, off), no_update
        stored = stored_session_form(saved, off)
        typed = session_form(saved["session"], date, phase, attendance, notes, events)
        if triggered(ids.EDIT_SESSION_SAVED) and keeps_typing(stored, typed, shown):
            return *unchanged, stored if typed == stored else no_update, no_update
        if shown:  # hiding names empties the notes: what was typed in them waits as a draft too
            typed_then = session_form(shown["of"], date, phase, attendance, notes, events)
            drafts = set_aside(drafts or {}, typed_then, shown, None if off and triggered(ids.HIDE_NAMES) else
                               stored["of"])
        draft, rest, dropped = take_back(drafts or {}, stored["of"], stored)
        shows = stored if off or draft is None else draft
        hint = "Names are hidden: show names to read or change the notes and life events." if off else (
            DROPPED if dropped else "")
        return (shows["date"], shows["phase"], shows["attendance"], shows["notes"], shows["events"], off, off,
                hint, stored, drafts if off else rest)

    @edit_action_here(Input(ids.EDIT_SESSION_SAVE, "n_clicks"), State(ids.EDIT_SESSION_DATE, "value"),
                 State(ids.EDIT_SESSION_PHASE, "value"), State(ids.EDIT_SESSION_NOTES, "value"),
                 State(ids.EDIT_SESSION_EVENTS, "value"), State(ids.EDIT_SESSION_ATTENDANCE, "value"),
                 State(ids.HIDE_NAMES, "value"))
    def save_session(edit, date, phase, notes, events, attendance, hide):
        notes, events = (None, None) if names_hidden(hide) else (notes or "", events or "")
        return editing.save_session(edit, date, phase, notes, events, attendance)
