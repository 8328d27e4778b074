"""The client list page (``/``): find a client, add one, or import a file. Skeleton only.

The rows, counts and messages are filled by ``callbacks_clients``; nothing here reads the database.
"""

from __future__ import annotations

import datetime as dt

from dash import dcc, html

from ipt_network.formats.limits import MAX_FILE_BYTES
from ipt_network.model import ProblemArea
from ipt_network.ui import ids
from ipt_network.ui.labels import PROBLEM_AREAS, THERAPIST
from ipt_network.ui.upload import SUFFIXES

AREA_OPTIONS = [{"label": PROBLEM_AREAS[THERAPIST][area], "value": area.value} for area in ProblemArea]


def client_list_page() -> html.Div:
    return html.Div(
        className="row g-4",
        children=[
            dcc.Store(id=ids.CLIENTS_CHANGED, storage_type="memory", data=0),
            html.Section(className="col-lg-8", children=_client_table()),
            html.Aside(className="col-lg-4 d-flex flex-column gap-4",
                       children=[_new_client_form(), _import_form()]),
        ],
    )


def _client_table() -> list:
    return [
        html.H1("Clients", className="h3 mb-3"),
        html.Div(className="mb-2", children=[
            html.Label("Search", htmlFor=ids.CLIENT_SEARCH, className="form-label"),
            dcc.Input(id=ids.CLIENT_SEARCH, type="search", debounce=0.3,
                      placeholder="Label or id", autoComplete="off"),
        ]),
        html.P(id=ids.CLIENT_COUNT, className="text-secondary small mb-2", role="status"),
        html.Div(className="table-responsive card", children=html.Table(
            id=ids.CLIENT_TABLE,
            className="table table-hover align-middle mb-0",
            children=[
                html.Thead(html.Tr([
                    html.Th("Client", scope="col"),
                    html.Th("Problem areas", scope="col"),
                    html.Th("Sessions", scope="col", className="text-end"),
                    html.Th("Last session", scope="col"),
                ])),
                html.Tbody(id=ids.CLIENT_ROWS),
            ],
        )),
    ]


def _field(label: str, control, field_id: str, hint: str | None = None) -> html.Div:
    children = [html.Label(label, htmlFor=field_id, className="form-label"), control]
    if hint:
        children.append(html.Div(hint, className="form-text"))
    return html.Div(children, className="mb-3")


def _new_client_form() -> html.Section:
    return html.Section(
        className="card card-body",
        children=[
            html.H2("New client", className="h5"),
            _field("Label", dcc.Input(id=ids.NEW_LABEL, type="text",
                                      autoComplete="off", maxLength=200), ids.NEW_LABEL,
                   "A pseudonym or initials; a real name is not needed."),
            _field("Id", dcc.Input(id=ids.NEW_ID, type="text",
                                   autoComplete="off", maxLength=200), ids.NEW_ID,
                   "Leave empty to use the suggestion."),
            html.Fieldset(className="mb-3", children=[
                html.Legend("Problem areas", className="form-label fs-6"),
                dcc.Checklist(id=ids.NEW_AREAS, options=AREA_OPTIONS, value=[],
                              className="check-list"),
            ]),
            _field("Start date", dcc.Input(id=ids.NEW_START, type="text",
                                           value=dt.date.today().isoformat(), placeholder="YYYY-MM-DD",
                                           autoComplete="off", maxLength=10), ids.NEW_START,
                   "Written YYYY-MM-DD."),
            html.Button("Add client", id=ids.NEW_CREATE, className="btn btn-primary", type="button"),
            html.Div(id=ids.NEW_MESSAGE, className="mt-3", role="status"),
        ],
    )


def _import_form() -> html.Section:
    return html.Section(
        className="card card-body",
        children=[
            html.H2("Import a file", className="h5"),
            html.P("A JSON file in the ipt-network format, or a CSV bundle as a .zip. "
                   "A file with any problem is refused whole and nothing changes.",
                   className="small text-secondary"),
            dcc.Store(id=ids.UPLOAD_ACCEPTED, storage_type="memory"),
            dcc.Store(id=ids.UPLOAD_LIMIT, storage_type="memory", data=MAX_FILE_BYTES),
            dcc.Upload(
                id=ids.UPLOAD,
                accept=",".join(SUFFIXES),
                className="upload-zone",
                className_active="upload-zone active",
                children=html.Div([
                    html.Span("Drop a file here, or "),
                    html.Span("choose one", className="upload-choose"),
                ]),
            ),
            html.Div(id=ids.UPLOAD_CONFIRM, hidden=True, className="confirm mt-3", role="alertdialog",
                     **{"aria-labelledby": ids.UPLOAD_CONFIRM_TEXT}, children=[
                html.P(id=ids.UPLOAD_CONFIRM_TEXT),
                html.Div(className="d-flex gap-2 flex-wrap", children=[
                    html.Button("Keep the existing client", id=ids.UPLOAD_KEEP,
                                className="btn btn-primary", type="button"),
                    html.Button("Replace with this file", id=ids.UPLOAD_REPLACE,
                                className="btn btn-outline-danger", type="button"),
                ]),
            ]),
            html.Div(id=ids.UPLOAD_MESSAGE, className="mt-3", role="status"),
        ],
    )
