"""Callbacks of the client list page: search, add a client, import a file.

Each reads or writes through the ``Store`` and renders plain text: labels and file contents are
children of ordinary elements, so a label such as ``<script>`` is shown, never run.
"""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from ipt_network.errors import IPTNetworkError
from ipt_network.model import Document
from ipt_network.store import ClientSummary, Store
from ipt_network.ui import ids
from ipt_network.ui.forms import client_from_form, suggest_client_id
from ipt_network.ui.labels import optional_day, problem_areas
from ipt_network.ui.upload import read_upload
from ipt_network.ui.urls import client_path
from ipt_network.ui.view import refusal
from ipt_network.words import plural


def client_row(summary: ClientSummary) -> html.Tr:
    return html.Tr([
        html.Td(dcc.Link(summary.label, href=client_path(summary.id), className="client-link")),
        html.Td(problem_areas(summary.problem_areas)),
        html.Td(summary.session_count, className="text-end"),
        html.Td(optional_day(summary.last_session_date)),
    ])


def success(text: str, client_id: str, label: str) -> html.Div:
    return html.Div(className="alert alert-success mb-0", children=[
        text, " ", dcc.Link(f"Open {label}", href=client_path(client_id)), ".",
    ])


def register(app: dash.Dash, store: Store) -> None:
    @app.callback(
        Output(ids.CLIENT_ROWS, "children"),
        Output(ids.CLIENT_COUNT, "children"),
        Input(ids.CLIENT_SEARCH, "value"),
        Input(ids.CLIENTS_CHANGED, "data"),
    )
    def list_clients(search, _changed):
        term = (search or "").strip()
        found = store.list_clients(term)
        if not found:
            empty = "No client matches this search." if term else "No clients yet: add one or import a file."
            return html.Tr(html.Td(empty, colSpan=4, className="text-secondary")), ""
        shown = plural(len(found), "client")
        return [client_row(s) for s in found], f"{shown} matching “{term}”" if term else shown

    @app.callback(Output(ids.NEW_ID, "placeholder"), Input(ids.NEW_LABEL, "value"))
    def suggest_id(label):
        return suggest_client_id(label) or "made from the label"

    @app.callback(
        Output(ids.NEW_MESSAGE, "children"),
        Output(ids.CLIENTS_CHANGED, "data", allow_duplicate=True),
        Output(ids.NEW_LABEL, "value"),
        Output(ids.NEW_ID, "value"),
        Input(ids.NEW_CREATE, "n_clicks"),
        State(ids.NEW_LABEL, "value"),
        State(ids.NEW_ID, "value"),
        State(ids.NEW_AREAS, "value"),
        State(ids.NEW_START, "value"),
        State(ids.CLIENTS_CHANGED, "data"),
        prevent_initial_call=True,
    )
    def create_client(_clicks, label, client_id, areas, start_date, changed):
        try:
            client = client_from_form(label, client_id, areas, start_date)
            store.create_client(client)
        except IPTNetworkError as exc:
            return refusal(exc, "The client was not added:"), no_update, no_update, no_update
        return success(f"Added {client.label}.", client.id, client.label), changed + 1, "", ""

    app.clientside_callback(  # assets/upload.js
        ClientsideFunction(namespace="upload", function_name="checked"),
        Output(ids.UPLOAD_ACCEPTED, "data"),
        Output(ids.UPLOAD_MESSAGE, "children", allow_duplicate=True),
        Output(ids.UPLOAD, "contents", allow_duplicate=True),
        Input(ids.UPLOAD, "contents"),
        State(ids.UPLOAD, "filename"),
        State(ids.UPLOAD_LIMIT, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.UPLOAD_MESSAGE, "children"),
        Output(ids.UPLOAD_CONFIRM, "hidden"),
        Output(ids.UPLOAD_CONFIRM_TEXT, "children"),
        Output(ids.UPLOAD, "contents"),
        Output(ids.CLIENTS_CHANGED, "data", allow_duplicate=True),
        Input(ids.UPLOAD_ACCEPTED, "data"),
        Input(ids.UPLOAD_REPLACE, "n_clicks"),
        Input(ids.UPLOAD_KEEP, "n_clicks"),
        State(ids.UPLOAD, "filename"),
        State(ids.CLIENTS_CHANGED, "data"),
        prevent_initial_call=True,
    )
    def import_file(contents, _replace, _keep, filename, changed):
        if contents is None:
            raise PreventUpdate
        if ctx.triggered_id == ids.UPLOAD_KEEP:
            return "Nothing was imported; the existing client is unchanged.", True, "", None, no_update
        try:
            doc = read_upload(contents, filename)
            replace = ctx.triggered_id == ids.UPLOAD_REPLACE
            if not replace and _exists(store, doc):
                question = (f"A client with the id “{doc.client.id}” already exists. "
                            "Replace their whole record with this file?")
                return "", False, question, no_update, no_update
            store.import_document(doc, replace=replace)
        except IPTNetworkError as exc:
            return refusal(exc, "Nothing was imported. The file has these problems:"), True, "", None, no_update
        sessions = plural(len(doc.sessions), "session")
        message = success(f"Imported {doc.client.label} with {sessions}.", doc.client.id, doc.client.label)
        return message, True, "", None, changed + 1


def _exists(store: Store, doc: Document) -> bool:
    return any(summary.id == doc.client.id for summary in store.list_clients(doc.client.id))
