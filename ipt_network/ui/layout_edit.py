"""The editing panel of the review page: record this session while sitting with the client. Skeleton only.

Five parts: the grid of everyone's ratings, links between people, mood, people, and the session
itself; above them "Start session N" and one status line that says what the last change did and
offers Undo. Every value
is filled by ``callbacks_edit``; the memory stores here never reach browser storage.
"""

from __future__ import annotations

import dash_ag_grid as dag
from dash import dcc, html

from ipt_network.model import INSTRUMENT_ITEMS, Attendance, Contact, Instrument, Phase, Role
from ipt_network.ui import ids
from ipt_network.ui.editing import ITEMS, NO, NONE, RINGS, TOTAL, YES
from ipt_network.ui.event_edits import NOT_SAID
from ipt_network.ui.labels import PROBLEM_AREAS, THERAPIST
from ipt_network.ui.layout_safety import item9_warning, risk_part

ITEM_LABELS = {
    Instrument.PHQ9: ("Little interest or pleasure", "Feeling down, depressed or hopeless", "Sleep",
                      "Tired or little energy", "Appetite", "Feeling bad about yourself",
                      "Trouble concentrating", "Moving or speaking slowly / restless",
                      "Thoughts of being better off dead or self-harm"),
    Instrument.GAD7: ("Feeling nervous, anxious or on edge", "Not able to stop or control worrying",
                      "Worrying too much about different things", "Trouble relaxing",
                      "So restless it is hard to sit still", "Easily annoyed or irritable",
                      "Afraid as if something awful might happen"),
}
"""Short labels of the questionnaire items, in the order of the published forms (PHQ-9: Kroenke
et al. 2001; GAD-7: Spitzer et al. 2006)."""

ANSWERS = "0 not at all · 1 several days · 2 more than half the days · 3 nearly every day"
"""What the item answers 0–3 mean (the same for PHQ-9 and GAD-7: "over the last 2 weeks")."""

ROLE_WORDS = {role: role.value.replace("_", " ").capitalize() for role in Role}
PHASE_WORDS = {Phase.INITIAL: "Initial", Phase.MIDDLE: "Middle", Phase.TERMINATION: "Termination"}
CONTACT_WORDS = {contact.value: "No contact" if contact is Contact.NONE else contact.value.capitalize()
                 for contact in Contact}
FOCUS_WORDS = {area.value: word for area, word in PROBLEM_AREAS[THERAPIST].items()}


def choice(words: dict) -> dict:
    """A grid column chosen from a short menu: the stored values, each shown as its words; one click opens it."""
    return {"cellEditor": "agSelectCellEditor", "cellEditorParams": {"values": list(words)}, "refData": words,
            "singleClickEdit": True}


RATING = {"cellEditor": "agNumberCellEditor", "type": "rightAligned", "maxWidth": 140,
          "cellClassRules": {"grid-carried": f"params.data.rated === '{NO}'"}}
"""A rating column; a rating carried forward by "start next session" and not given again shows as such."""
ATTENDANCE_WORDS = {Attendance.ATTENDED: "Took place", Attendance.CANCELLED: "Cancelled",
                    Attendance.DID_NOT_ATTEND: "Did not attend"}

GRID_COLUMNS = [
    {"field": "name", "headerName": "Person", "editable": False, "minWidth": 260,
     "cellRenderer": "PersonWithInventory"},  # assets/grid.js: the name and a button to their inventory
    {"field": "in_session", "headerName": "In this session", **choice({YES: "Yes", NO: "No"})},
    {"field": "circle", "headerName": "Ring", **choice({ring: f"{ring} {word}" for ring, word in RINGS.items()})},
    # No bounds in the editor: it would drop "12" or "7.5" silently; the server refuses them in words.
    {"field": "support", "headerName": "Support 0–10", **RATING},
    {"field": "conflict", "headerName": "Conflict 0–10", **RATING},
    {"field": "rated", "headerName": "Rated", "minWidth": 150, **choice({YES: "This session", NO: "Carried forward"})},
    {"field": "contact", "headerName": "Contact", **choice({NONE: "not set", **CONTACT_WORDS})},
    {"field": "focus", "headerName": "Focus", **choice({NONE: "none", **FOCUS_WORDS})},
    {"field": "note", "headerName": "Note", "cellEditor": "agTextCellEditor", "minWidth": 200, "flex": 2},
]
"""The grid's columns (AG Grid column definitions); ``grid_columns`` gives those of a view."""


def grid_columns(voice: str, notes: bool) -> list[dict]:
    """The grid's columns in a view: no notes while names are hidden (they may name people), and no focus
    in the client's words (the focus of the work is the therapist's, as on the circle).

    >>> [column["field"] for column in grid_columns("client", notes=False)]
    ['name', 'in_session', 'circle', 'support', 'conflict', 'rated', 'contact']
    >>> [column["field"] for column in grid_columns(THERAPIST, notes=True)][-2:]
    ['focus', 'note']
    """
    left_out = ({"note"} if not notes else set()) | ({"focus"} if voice != THERAPIST else set())
    return [column for column in GRID_COLUMNS if column["field"] not in left_out]


GRID_OPTIONS = {
    "domLayout": "autoHeight",
    "popupParent": {"function": "pageBody()"},  # assets/grid.js: menus drawn over the page, never clipped
    "stopEditingWhenCellsLoseFocus": True,
    "suppressMovableColumns": True,
    "rowClassRules": {"grid-out": f"params.data.in_session === '{NO}'"},
}

OPEN_LABEL = "Open to record ratings, mood and notes"
CLOSE_LABEL = "Close the recording panel"


def edit_section() -> html.Section:
    """The full-width section mounted in the review page (it holds ``ids.EDIT_PANEL``).

    The panel opens on request: reviewing is what most of a session is, and a closed panel is
    neither drawn nor filled, so moving between sessions stays quick.
    """
    return html.Section(className="col-12", **{"aria-label": "Record this session"}, children=html.Div(
        className="card card-body panel edit-panel", children=[
            html.H2("Record this session", className="h5"),
            html.Button(OPEN_LABEL, id=ids.EDIT_TOGGLE, className="btn btn-outline-primary",
                        **{"aria-expanded": "false", "aria-controls": ids.EDIT_PANEL}),
            html.Div(id=ids.EDIT_PANEL, hidden=True, children=[
                html.P(id=ids.EDIT_CAPTION, className="text-secondary mt-3"),
                *edit_panel(),
            ]),
        ]))


def edit_panel() -> list:
    return [
        dcc.Store(id=ids.DATA_VERSION, storage_type="memory", data=0),
        dcc.Store(id=ids.EDIT_VERSIONS, storage_type="memory", data={}),  # patched by saves and the case card
        *(dcc.Store(id=store_id, storage_type="memory") for store_id in (
            ids.EDIT_OUTCOME, ids.EDIT_UNDO_CHANGE, ids.EDIT_FOLLOW, ids.EDIT_MOOD_SAVED,
            ids.EDIT_PEOPLE_SAVED, ids.EDIT_SESSION_SAVED, ids.EDIT_TAB, ids.EDIT_SESSION_SHOWN,
            ids.EDIT_PERSON_SHOWN, ids.EDIT_MOOD_SHOWN, ids.EDIT_GRID_DRAWN, ids.EDIT_GRID_CELLS)),
        *(dcc.Store(id=store_id, storage_type="memory", data={})
          for store_id in (ids.EDIT_SESSION_DRAFTS, ids.EDIT_MOOD_DRAFTS)),
        html.Div(className="edit-start", children=[
            html.Button("Start next session", id=ids.EDIT_SESSION_NEXT, className="btn btn-outline-primary"),
            html.P("A copy of the last session's people, ratings and links, dated today; Undo takes it away "
                   "again while nothing is recorded in it.", className="text-secondary small mb-0"),
        ]),
        html.Div(className="edit-status", children=[
            html.P(id=ids.EDIT_MESSAGE, role="status", **{"aria-live": "polite"}, className="edit-message"),
            html.Button("Undo", id=ids.EDIT_UNDO, hidden=True, className="btn btn-outline-secondary btn-sm"),
        ]),
        html.P(id=ids.EDIT_UNSAVED, className="edit-unsaved", **{"data-unsaved": "false", "aria-live": "polite"}),
        html.Div(id=ids.EDIT_SESSION_PARTS, children=[_grid(), _links(), _mood()]),
        risk_part(),  # also after a session not held: a risk check by phone after a missed session is recorded
        _people(),
        _session(),
        _recent(),
    ]


def _recent() -> html.Div:
    return _part(
        "Recent changes",
        html.P("Kept on this computer with the record; the newest first.", className="text-secondary small"),
        html.Ul(id=ids.EDIT_CHANGES, className="edit-changes"),
    )


def _event_link() -> html.Fieldset:
    """With whom a life event of the session happened, and whether the client felt better or worse."""
    return html.Fieldset(className="edit-event-link mt-3", children=[
        html.Legend("A life event: with whom, and how mood went", className="form-label fs-6"),
        html.Div(className="edit-row", children=[
            _field("Event", dcc.Dropdown(id=ids.EDIT_EVENT_CHOICE, options=[], clearable=False,
                                         placeholder="Choose an event")),
            _field("With whom", dcc.Dropdown(id=ids.EDIT_EVENT_PEOPLE, options=[], multi=True,
                                             placeholder="Nobody in particular")),
        ]),
        dcc.RadioItems(id=ids.EDIT_EVENT_MOOD, inline=True, className="choice-row", value=NOT_SAID,
                       options=[{"label": "Mood better", "value": "better"},
                                {"label": "Mood worse", "value": "worse"},
                                {"label": "Not said", "value": NOT_SAID}]),
        html.Button("Save the event's people and mood", id=ids.EDIT_EVENT_SAVE,
                    className="btn btn-outline-primary mt-2"),
    ])


def _part(title: str, *children) -> html.Div:
    return html.Div(className="edit-part", children=[html.H3(title, className="h6"), *children])


def _label(text: str, for_id: str) -> html.Label:
    return html.Label(text, htmlFor=for_id, className="form-label")


def _field(text: str, control) -> html.Div:
    return html.Div(className="edit-field", children=[_label(text, control.id), control])


def _text_box(box_id: str, **props) -> dcc.Input:
    return dcc.Input(id=box_id, type="text", debounce=False, className="form-control", **props)


def _grid() -> html.Div:
    return _part(
        "Everyone’s ratings this session",
        html.P("Change a cell and press Enter, or choose from its menu; each change is saved at once. "
               "Support and conflict are whole numbers from 0 (none) to 10 (the most imaginable). "
               "Ratings copied from the last session are in italics, Rated “Carried forward”, until they are "
               "given again; if they still hold, choose “This session” under Rated.",
               className="text-secondary small"),
        dag.AgGrid(
            id=ids.EDIT_GRID, columnDefs=GRID_COLUMNS, rowData=[], getRowId="params.data.id",
            defaultColDef={"editable": True, "sortable": False, "resizable": True, "flex": 1, "minWidth": 110},
            dashGridOptions=GRID_OPTIONS, className="edit-grid",
            eventListeners={"cellEditingStarted": ["openMenu(params)"]},  # assets/grid.js
        ),
    )


def _links() -> html.Div:
    return _part(
        "How people get on with each other",
        html.Div(className="edit-row", children=[
            _field("First person", dcc.Dropdown(id=ids.EDIT_LINK_A, options=[], clearable=True)),
            _field("Second person", dcc.Dropdown(id=ids.EDIT_LINK_B, options=[], clearable=True)),
            _field("Support 0–10", _text_box(ids.EDIT_LINK_SUPPORT, inputMode="numeric", size="4")),
            _field("Conflict 0–10", _text_box(ids.EDIT_LINK_CONFLICT, inputMode="numeric", size="4")),
            html.Button("Save link", id=ids.EDIT_LINK_SAVE, className="btn btn-primary edit-button"),
        ]),
        html.Ul(id=ids.EDIT_LINK_LIST, className="edit-links"),
    )


def _mood() -> html.Div:
    return _part(
        "Mood",
        html.Fieldset(children=[
            html.Legend("Questionnaire", className="form-label fs-6"),
            dcc.RadioItems(id=ids.EDIT_MOOD_INSTRUMENT, value=Instrument.PHQ9.value, inline=True,
                           className="choice-row", options=[i.value for i in Instrument]),
        ]),
        html.Fieldset(id=ids.EDIT_MOOD_MODE_PART, children=[
            html.Legend("Record", className="form-label fs-6"),
            dcc.RadioItems(id=ids.EDIT_MOOD_MODE, value=ITEMS, inline=True, className="choice-row",
                           options=[{"label": "Item by item", "value": ITEMS},
                                    {"label": "Total only", "value": TOTAL}]),
        ]),
        html.Div(id=ids.EDIT_MOOD_ITEMS, children=[
            html.P(f"Over the last 2 weeks: {ANSWERS}.", className="text-secondary small"),
            *(_item_group(instrument) for instrument in INSTRUMENT_ITEMS),
            item9_warning(),
        ]),
        html.Div(id=ids.EDIT_MOOD_TOTAL_PART, hidden=True, children=_field(
            "Total", _text_box(ids.EDIT_MOOD_TOTAL, inputMode="numeric", size="4"))),
        html.P(id=ids.EDIT_MOOD_LIVE, className="edit-live", **{"aria-live": "polite"}),
        html.Button("Save mood score", id=ids.EDIT_MOOD_SAVE, className="btn btn-primary"),
    )


def _item_group(instrument: Instrument) -> html.Div:
    return html.Div(id=ids.mood_item_group(instrument.value), className="edit-items", children=[
        html.Fieldset(className="edit-item", children=[
            html.Legend(f"{number}. {label}", className="edit-item-label"),
            dcc.RadioItems(id=ids.mood_item(instrument.value, number), options=[0, 1, 2, 3], inline=True,
                           className="choice-row"),
        ])
        for number, label in enumerate(ITEM_LABELS[instrument], 1)
    ])


def _people() -> html.Div:
    return _part(
        "People",
        _field("Person", dcc.Dropdown(id=ids.EDIT_PERSON_CHOICE, options=[], clearable=True,
                                      placeholder="Someone new")),
        html.Div(className="edit-row", children=[
            _field("Name (as the client calls them)", _text_box(ids.EDIT_PERSON_NAME, maxLength=200)),
            _field("Role", dcc.Dropdown(id=ids.EDIT_PERSON_ROLE, clearable=False, options=[
                {"label": word, "value": role.value} for role, word in ROLE_WORDS.items()])),
        ]),
        html.P(id=ids.EDIT_PERSON_NAME_HINT, className="text-secondary small"),
        _field("Notes", dcc.Textarea(id=ids.EDIT_PERSON_NOTES, className="form-control", rows=2)),
        html.Button("Save person", id=ids.EDIT_PERSON_SAVE, className="btn btn-primary"),
        html.Div(id=ids.EDIT_PERSON_DIED_PART, hidden=True, className="edit-row mt-3", children=[
            _field("Mark as died on… (YYYY-MM-DD)", _text_box(ids.EDIT_PERSON_DIED_ON, placeholder="YYYY-MM-DD")),
            html.Button("Save date of death", id=ids.EDIT_PERSON_DIED_SAVE,
                        className="btn btn-outline-secondary edit-button"),
        ]),
    )


def _session() -> html.Div:
    return _part(
        "This session",
        html.Div(id=ids.EDIT_SESSION_FIELDS, children=[
            html.Div(className="edit-row", children=[
                _field("Date (YYYY-MM-DD)", _text_box(ids.EDIT_SESSION_DATE, placeholder="YYYY-MM-DD")),
                html.Fieldset(children=[
                    html.Legend("Phase", className="form-label fs-6"),
                    dcc.RadioItems(id=ids.EDIT_SESSION_PHASE, inline=True, className="choice-row",
                                   options=[{"label": word, "value": phase.value}
                                            for phase, word in PHASE_WORDS.items()]),
                ]),
                html.Fieldset(children=[
                    html.Legend("Attendance", className="form-label fs-6"),
                    dcc.RadioItems(id=ids.EDIT_SESSION_ATTENDANCE, inline=True, className="choice-row",
                                   options=[{"label": word, "value": attendance.value}
                                            for attendance, word in ATTENDANCE_WORDS.items()]),
                ]),
            ]),
            html.P("A session that did not take place keeps its date on the timeline and is left out of every "
                   "chart and series; the copy of the last session's ratings it started with goes with it.",
                   className="text-secondary small"),
            html.P(id=ids.EDIT_SESSION_HINT, className="text-secondary small"),
            _field("Session notes", dcc.Textarea(id=ids.EDIT_SESSION_NOTES, className="form-control", rows=3)),
            _field("Life events, one per line", dcc.Textarea(id=ids.EDIT_SESSION_EVENTS, className="form-control",
                                                             rows=3)),
            html.Button("Save session details", id=ids.EDIT_SESSION_SAVE, className="btn btn-primary"),
            _event_link(),
            _delete(),
        ]),
    )


def _delete() -> html.Div:
    """Deleting the session on show, after a question asked in the page (the therapist's words only)."""
    return html.Div(id=ids.EDIT_DELETE_PART, className="edit-delete mt-3", children=[
        html.Button("Delete this session…", id=ids.EDIT_DELETE_ASK, className="btn btn-outline-danger"),
        html.Div(id=ids.EDIT_DELETE_CONFIRM, hidden=True, role="group", className="edit-confirm mt-2",
                 **{"aria-labelledby": ids.EDIT_DELETE_QUESTION}, children=[
                     html.P(id=ids.EDIT_DELETE_QUESTION, className="mb-2"),
                     html.Button("Delete", id=ids.EDIT_DELETE_YES, className="btn btn-danger me-2"),
                     html.Button("Keep", id=ids.EDIT_DELETE_KEEP, className="btn btn-outline-secondary"),
                 ]),
    ])
