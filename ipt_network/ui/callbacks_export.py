"""The export card's one callback: make the chosen file for the session on show and hand it over."""

from __future__ import annotations

import logging

import dash
from dash import ALL, Input, Output, State, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

from ipt_network import export
from ipt_network.errors import IPTNetworkError, ValidationError
from ipt_network.store import Store
from ipt_network.ui import ids
from ipt_network.ui.labels import voice_or_default
from ipt_network.ui.view import names_hidden, selection_of

log = logging.getLogger(__name__)

FAILED = "Not exported: the file could not be made. Nothing was changed; the error was written to the log."


def make_download(store: Store, client_id: str, key: str, number: int, *, hide_names: bool, voice: str,
                  paper: str, show_scores: bool = False) -> export.Download:
    """The file named by ``key`` ("note-pdf", "network-png", ...), read fresh from the database; a note
    is the therapist's session note or, with ``voice="client"``, the client's take-home page. The
    inventory and the end-of-therapy review are the therapist's: never made as the client's."""
    doc = store.load(client_id).document
    kind, fmt = key.split("-")
    if kind in ("review", "inventory"):
        if voice != "therapist":
            raise ValidationError("the inventory and the end-of-therapy review are for the therapist's record; "
                                  "choose “Therapist” under “Note for”")
        made = export.review_file if kind == "review" else export.inventory_file
        return made(doc, fmt, number=number, hide_names=hide_names, paper=paper)
    if kind in ("network", "mood"):
        return export.picture(doc, fmt, number=number, what=kind, hide_names=hide_names)
    if kind == "note":
        return export.note_file(doc, fmt, number=number, hide_names=hide_names, voice=voice, paper=paper,
                                show_scores=show_scores)
    return export.data_file(doc, fmt, number=number, hide_names=hide_names)


def register(app: dash.Dash, store: Store) -> None:
    @app.callback(
        Output(ids.EXPORT_DOWNLOAD, "data"),
        Output(ids.EXPORT_MESSAGE, "children"),
        Input({"type": ids.EXPORT_BUTTON, "export": ALL}, "n_clicks"),
        State(ids.REVIEW_CLIENT, "data"),
        State(ids.SELECTION, "data"),
        State(ids.HIDE_NAMES, "value"),
        State(ids.EXPORT_AUDIENCE, "value"),
        State(ids.SHOW_NUMBERS, "value"),
        State(ids.EXPORT_PAPER, "value"),
        prevent_initial_call=True,
    )
    def download(clicks, client_id, selection, hide, audience, numbers, paper):
        if not ctx.triggered_id or not any(clicks):
            raise PreventUpdate
        number = selection_of(selection).session
        try:
            made = make_download(store, client_id, ctx.triggered_id["export"], number,
                                 hide_names=names_hidden(hide), voice=voice_or_default(audience), paper=paper,
                                 show_scores=bool(numbers))
        except IPTNetworkError as exc:
            return no_update, f"Not exported: {exc}"
        except Exception:  # a renderer that failed (a picture, a PDF): said next to the button, not lost
            log.exception("export %s of client %s failed", ctx.triggered_id["export"], client_id)
            return no_update, FAILED
        return dcc.send_bytes(made.content, made.filename), f"Ready: {made.filename}"
