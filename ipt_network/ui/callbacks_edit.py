"""Callbacks of the editing panel: each change saved at once, refused changes explained, one Undo.

Every edit callback only writes ``ids.EDIT_OUTCOME`` (what happened); ``show_outcome`` turns that
into the status line, keeps the change for Undo, and bumps ``ids.DATA_VERSION`` so the panel and
the rest of the page redraw with the change. The forms and the grid are refilled only when the
stored values they show have changed, so typing in one place is not lost when another saves.
"""

from __future__ import annotations

from collections.abc import Callable

import dash
from dash import ALL, Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

from ipt_network.errors import NotFoundError, StaleEditError, ValidationError
from ipt_network.figures.style import day
from ipt_network.model import INSTRUMENT_ITEMS
from ipt_network.store import Store
from ipt_network.ui import editing, ids
from ipt_network.ui.callbacks_review import namer, view_prefs
from ipt_network.ui.courses import Courses
from ipt_network.ui.editing import ITEMS, TOTAL, Change
from ipt_network.ui.layout_edit import CLOSE_LABEL, GRID_COLUMNS, OPEN_LABEL
from ipt_network.ui.layout_review import names_hidden
from ipt_network.ui.urls import Selection

STALE = ("This was changed in another tab or by someone else, so your change was not saved. "
         "The latest values are shown now.")
GONE = "This record is no longer there, so nothing was saved. The latest values are shown now."

ITEM_IDS = {instrument.value: [ids.mood_item(instrument.value, number) for number in range(1, count + 1)]
            for instrument, count in INSTRUMENT_ITEMS.items()}
"""The answer controls of each questionnaire, in item order."""
ALL_ITEM_IDS = [item_id for item_ids in ITEM_IDS.values() for item_id in item_ids]


def refusal(exc: ValidationError) -> str:
    """The problems as one calm sentence that says nothing changed."""
    text = "; ".join(exc.problems)
    return f"{text[:1].upper()}{text[1:]}. Nothing was saved."


def attempt(action: Callable[[], Change], verb: str = "Saved") -> dict:
    """Run one edit and say what happened, as the data of ``ids.EDIT_OUTCOME``."""
    try:
        change = action()
    except StaleEditError:
        return {"problem": STALE}
    except ValidationError as exc:
        return {"problem": refusal(exc)}
    except NotFoundError:
        return {"problem": GONE}
    return {"change": change.to_data(), "verb": verb}


def session_of(selection: dict | None) -> int:
    number = Selection(**selection).session if selection else None
    if number is None:
        raise PreventUpdate
    return number


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


def register(app: dash.Dash, store: Store, courses: Courses) -> None:
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

    @app.callback(
        Output(ids.EDIT_GRID, "data"),
        Output(ids.EDIT_GRID, "columns"),
        Output(ids.EDIT_VERSIONS, "data"),
        Output(ids.EDIT_LINK_A, "options"),
        Output(ids.EDIT_LINK_B, "options"),
        Output(ids.EDIT_LINK_LIST, "children"),
        Output(ids.EDIT_PERSON_CHOICE, "options"),
        Output(ids.EDIT_PEOPLE_SAVED, "data"),
        Output(ids.EDIT_SESSION_SAVED, "data"),
        Output(ids.EDIT_MOOD_SAVED, "data"),
        Output(ids.EDIT_CAPTION, "children"),
        Output(ids.EDIT_SESSION_PARTS, "hidden"),
        Output(ids.EDIT_SESSION_FIELDS, "hidden"),
        Output(ids.EDIT_SESSION_NEXT, "children"),
        Input(ids.SHOWN, "data"),
        Input(ids.DATA_VERSION, "data"),
        Input(ids.VOICE, "value"),
        Input(ids.HIDE_NAMES, "value"),
        Input(ids.EDIT_PANEL, "hidden"),
        State(ids.REVIEW_CLIENT, "data"),
        State(ids.EDIT_PEOPLE_SAVED, "data"),
        State(ids.EDIT_SESSION_SAVED, "data"),
        State(ids.EDIT_MOOD_SAVED, "data"),
        State(ids.EDIT_GRID, "data"),
    )
    def show_course(selection, _data_version, voice, hide, closed, client_id, people_then, session_then, mood_then,
                    grid_then):
        """The grid, lists and stored values of the session on show, with the versions they came from;
        nothing while the panel is closed (opening it fills it). A grid already showing what is stored
        (as after a cell saved as typed) is left alone, so typing in the next cell is not interrupted."""
        if not selection or closed:
            raise PreventUpdate
        try:
            course = courses.stored(client_id)
        except NotFoundError:
            raise PreventUpdate from None
        doc = course.document
        shown = namer(doc, view_prefs(voice, hide))
        notes = not names_hidden(hide)
        columns = GRID_COLUMNS if notes else [column for column in GRID_COLUMNS if column["id"] != "note"]
        people = editing.saved_people(doc)
        numbers = [s.number for s in doc.sessions]
        next_label = f"Start session {max(numbers) + 1}" if numbers else "Start the first session"
        number = Selection(**selection).session
        if number is None:
            return ([], columns, editing.page_versions(course), [], [], [], [], people, None, None,
                    "No sessions are recorded yet.", True, True, next_label)
        tied = [{"label": shown(t.person), "value": t.person} for t in doc.session(number).ties]
        session_now = {"session": number, **editing.saved_session(doc, number)}
        mood_now = {"session": number, "scores": editing.saved_mood(doc, number)}
        rows = editing.grid_rows(doc, number, shown, notes=notes)
        return (
            no_update if editing.same_cells(rows, grid_then) else rows,
            columns,
            editing.page_versions(course),
            tied, tied,
            link_list(editing.link_pairs(doc, number), shown),
            [{"label": shown(p.id), "value": p.id} for p in doc.people],
            people if people != people_then else no_update,
            session_now if session_now != session_then else no_update,
            mood_now if mood_now != mood_then else no_update,
            f"Changes are saved to session {number} ({day(doc.session(number).date)}) as you make them.",
            False, False, next_label,
        )

    # --- saying what happened, and Undo ----------------------------------------------------------

    @app.callback(
        Output(ids.EDIT_MESSAGE, "children"),
        Output(ids.EDIT_MESSAGE, "className"),
        Output(ids.EDIT_UNDO_CHANGE, "data"),
        Output(ids.EDIT_UNDO, "hidden"),
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
            undo_data = outcome.get("undo", no_update)
            hidden = no_update if undo_data is no_update else undo_data is None
            return outcome["problem"], "edit-message refused", undo_data, hidden, bumped
        if "text" in outcome:
            return outcome["text"], "edit-message saved", None, True, bumped
        change = Change.from_data(outcome["change"])
        shown = namer(courses.get(client_id).doc, view_prefs(voice, hide))
        text = f"{outcome['verb']}: {editing.describe(change, shown)}."
        keep = change.to_data() if outcome["verb"] == "Saved" and change.undoable else None
        return text, "edit-message saved", keep, keep is None, bumped

    @app.callback(
        Output(ids.EDIT_OUTCOME, "data", allow_duplicate=True),
        Input(ids.EDIT_UNDO, "n_clicks"),
        State(ids.EDIT_UNDO_CHANGE, "data"),
        State(ids.REVIEW_CLIENT, "data"),
        prevent_initial_call=True,
    )
    def undo_last(_clicks, change, client_id):
        if not change:
            raise PreventUpdate
        outcome = attempt(lambda: editing.undo(store, client_id, Change.from_data(change)), verb="Undone")
        return {**outcome, "undo": None} if "problem" in outcome else outcome

    # --- the grid ---------------------------------------------------------------------------------

    @app.callback(
        Output(ids.EDIT_OUTCOME, "data", allow_duplicate=True),
        Input(ids.EDIT_GRID, "data_timestamp"),
        State(ids.EDIT_GRID, "data"),
        State(ids.EDIT_GRID, "data_previous"),
        State(ids.SELECTION, "data"),
        State(ids.REVIEW_CLIENT, "data"),
        prevent_initial_call=True,
    )
    def save_grid_cell(_timestamp, rows, previous, selection, client_id):
        number = session_of(selection)
        try:
            cell = editing.changed_cell(previous, rows)
        except ValidationError as exc:
            return {"problem": refusal(exc)}
        if cell is None:
            raise PreventUpdate
        return attempt(lambda: editing.save_cell(store, client_id, number, *cell))

    # --- links --------------------------------------------------------------------------------------

    @app.callback(
        Output(ids.EDIT_OUTCOME, "data", allow_duplicate=True),
        Input(ids.EDIT_LINK_SAVE, "n_clicks"),
        State(ids.EDIT_LINK_A, "value"),
        State(ids.EDIT_LINK_B, "value"),
        State(ids.EDIT_LINK_SUPPORT, "value"),
        State(ids.EDIT_LINK_CONFLICT, "value"),
        State(ids.SELECTION, "data"),
        State(ids.REVIEW_CLIENT, "data"),
        State(ids.EDIT_VERSIONS, "data"),
        prevent_initial_call=True,
    )
    def save_link(_clicks, a, b, support, conflict, selection, client_id, versions):
        number = session_of(selection)
        return attempt(lambda: editing.save_link(store, client_id, number, versions, a, b, support, conflict))

    @app.callback(
        Output(ids.EDIT_OUTCOME, "data", allow_duplicate=True),
        Input({"type": ids.EDIT_LINK_REMOVE, "a": ALL, "b": ALL}, "n_clicks"),
        State(ids.SELECTION, "data"),
        State(ids.REVIEW_CLIENT, "data"),
        State(ids.EDIT_VERSIONS, "data"),
        prevent_initial_call=True,
    )
    def remove_link(_clicks, selection, client_id, versions):
        if not ctx.triggered_id or not ctx.triggered[0]["value"]:  # buttons drawn, not clicked
            raise PreventUpdate
        number = session_of(selection)
        a, b = ctx.triggered_id["a"], ctx.triggered_id["b"]
        return attempt(lambda: editing.remove_link(store, client_id, number, versions, a, b))

    # --- mood ---------------------------------------------------------------------------------------

    @app.callback(
        *(Output(item_id, "value") for item_id in ALL_ITEM_IDS),
        Output(ids.EDIT_MOOD_TOTAL, "value"),
        Output(ids.EDIT_MOOD_MODE, "value"),
        Input(ids.EDIT_MOOD_SAVED, "data"),
        Input(ids.EDIT_MOOD_INSTRUMENT, "value"),
    )
    def fill_mood(saved, instrument):
        """The stored score of the chosen questionnaire, answer by answer when its items were recorded."""
        score = ((saved or {}).get("scores") or {}).get(instrument)
        answers = {name: [None] * len(item_ids) for name, item_ids in ITEM_IDS.items()}
        if score and score["items"] is not None:
            answers[instrument] = score["items"]
        mode = TOTAL if score and score["items"] is None else ITEMS
        total = str(score["score"]) if score else ""
        return *(answer for values in answers.values() for answer in values), total, mode

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

    @app.callback(
        Output(ids.EDIT_OUTCOME, "data", allow_duplicate=True),
        Input(ids.EDIT_MOOD_SAVE, "n_clicks"),
        State(ids.EDIT_MOOD_INSTRUMENT, "value"),
        State(ids.EDIT_MOOD_MODE, "value"),
        State(ids.EDIT_MOOD_TOTAL, "value"),
        *(State(item_id, "value") for item_id in ALL_ITEM_IDS),
        State(ids.SELECTION, "data"),
        State(ids.REVIEW_CLIENT, "data"),
        State(ids.EDIT_VERSIONS, "data"),
        prevent_initial_call=True,
    )
    def save_mood(_clicks, instrument, mode, total, *rest):
        *answers, selection, client_id, versions = rest
        number = session_of(selection)
        items = items_by_instrument(answers).get(instrument, [])
        return attempt(lambda: editing.save_mood(store, client_id, number, versions, instrument, mode, items,
                                                 total))

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
        Input(ids.EDIT_PERSON_CHOICE, "value"),
        Input(ids.EDIT_PEOPLE_SAVED, "data"),
        Input(ids.HIDE_NAMES, "value"),
    )
    def fill_person(person_id, people, hide):
        """The chosen person's details; the name and notes stay empty while names are hidden."""
        person = (people or {}).get(person_id) if person_id else None
        off = names_hidden(hide)
        hint = "Names are hidden: show names to add someone or change a name or a note." if off else ""
        name = "" if off or person is None else person["name"]
        if person is None:
            return name, off, hint, None, "", off, "Add person", True, ""
        notes = "" if off else person["notes"]
        return (name, off, hint, person["role"], notes, off, "Save changes to this person", False,
                person["deceased_on"] or "")

    @app.callback(
        Output(ids.EDIT_OUTCOME, "data", allow_duplicate=True),
        Input(ids.EDIT_PERSON_SAVE, "n_clicks"),
        State(ids.EDIT_PERSON_CHOICE, "value"),
        State(ids.EDIT_PERSON_NAME, "value"),
        State(ids.EDIT_PERSON_ROLE, "value"),
        State(ids.EDIT_PERSON_NOTES, "value"),
        State(ids.HIDE_NAMES, "value"),
        State(ids.REVIEW_CLIENT, "data"),
        State(ids.EDIT_VERSIONS, "data"),
        prevent_initial_call=True,
    )
    def save_person(_clicks, person_id, name, role, notes, hide, client_id, versions):
        name, notes = (None, None) if names_hidden(hide) else (name or "", notes or "")
        return attempt(lambda: editing.save_person(store, client_id, versions, person_id, name, role, notes))

    @app.callback(
        Output(ids.EDIT_OUTCOME, "data", allow_duplicate=True),
        Input(ids.EDIT_PERSON_DIED_SAVE, "n_clicks"),
        State(ids.EDIT_PERSON_CHOICE, "value"),
        State(ids.EDIT_PERSON_DIED_ON, "value"),
        State(ids.REVIEW_CLIENT, "data"),
        State(ids.EDIT_VERSIONS, "data"),
        prevent_initial_call=True,
    )
    def save_death(_clicks, person_id, on, client_id, versions):
        return attempt(lambda: editing.mark_died(store, client_id, versions, person_id, on))

    # --- the session --------------------------------------------------------------------------------

    @app.callback(
        Output(ids.EDIT_SESSION_DATE, "value"),
        Output(ids.EDIT_SESSION_PHASE, "value"),
        Output(ids.EDIT_SESSION_NOTES, "value"),
        Output(ids.EDIT_SESSION_EVENTS, "value"),
        Output(ids.EDIT_SESSION_NOTES, "disabled"),
        Output(ids.EDIT_SESSION_EVENTS, "disabled"),
        Output(ids.EDIT_SESSION_HINT, "children"),
        Input(ids.EDIT_SESSION_SAVED, "data"),
        Input(ids.HIDE_NAMES, "value"),
    )
    def fill_session(saved, hide):
        """The session's stored details; notes and life events stay empty while names are hidden."""
        off = names_hidden(hide)
        hint = "Names are hidden: show names to read or change the notes and life events." if off else ""
        if not saved or off:
            return (saved or {}).get("date", ""), (saved or {}).get("phase"), "", "", off, off, hint
        return saved["date"], saved["phase"], saved["notes"], "\n".join(saved["events"]), False, False, hint

    @app.callback(
        Output(ids.EDIT_OUTCOME, "data", allow_duplicate=True),
        Input(ids.EDIT_SESSION_SAVE, "n_clicks"),
        State(ids.EDIT_SESSION_DATE, "value"),
        State(ids.EDIT_SESSION_PHASE, "value"),
        State(ids.EDIT_SESSION_NOTES, "value"),
        State(ids.EDIT_SESSION_EVENTS, "value"),
        State(ids.HIDE_NAMES, "value"),
        State(ids.SELECTION, "data"),
        State(ids.REVIEW_CLIENT, "data"),
        State(ids.EDIT_VERSIONS, "data"),
        prevent_initial_call=True,
    )
    def save_session(_clicks, date, phase, notes, events, hide, selection, client_id, versions):
        number = session_of(selection)
        notes, events = (None, None) if names_hidden(hide) else (notes or "", events or "")
        return attempt(lambda: editing.save_session(store, client_id, number, versions, date, phase, notes,
                                                    events))

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
        Output(ids.REVIEW_URL, "search", allow_duplicate=True),
        Output(ids.EDIT_FOLLOW, "data", allow_duplicate=True),
        Input(ids.SESSION_SLIDER, "marks"),
        State(ids.EDIT_FOLLOW, "data"),
        prevent_initial_call=True,
    )
    def follow_new_session(marks, number):
        """Show a session just started, once the session slider lists it."""
        if number is None or str(number) not in (marks or {}):
            raise PreventUpdate
        return Selection(session=number).to_search(), None
