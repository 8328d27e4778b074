"""The router: the address decides the page, so every view can be reopened from a link."""

from __future__ import annotations

import dash
from dash import Input, Output, State, html

from ipt_network.ui import ids
from ipt_network.ui.layout_clients import client_list_page
from ipt_network.ui.layout_review import review_page
from ipt_network.ui.layout_shell import DEFAULT_PREFS, missing_page
from ipt_network.ui.urls import client_id_from_path


def page_for(pathname: str | None, prefs: dict | None) -> html.Div:
    """The page skeleton for an address: the client list, a client's review, or "no such page".

    ``prefs`` (the view preferences so far) set the review page's switches.
    """
    if pathname in (None, "", "/"):
        return client_list_page()
    client_id = client_id_from_path(pathname)
    return review_page(client_id, prefs or DEFAULT_PREFS) if client_id else missing_page()


def register(app: dash.Dash) -> None:
    app.callback(Output(ids.PAGE, "children"), Input(ids.URL, "pathname"), State(ids.VIEW_PREFS, "data"))(page_for)
