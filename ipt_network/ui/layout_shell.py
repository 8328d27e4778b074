"""The frame around every page: the address bar watcher, the top bar, and view preferences.

Nothing here touches client data; the page inside ``ids.PAGE`` is chosen by the router from the
address, so any view can be reopened from a link.
"""

from __future__ import annotations

from dash import dcc, html

from ipt_network.ui import ids
from ipt_network.ui.labels import THERAPIST
from ipt_network.ui.view import failure_alert

FAVICON = "/assets/favicon.svg"

DEFAULT_PREFS = {"voice": THERAPIST, "hide_names": False}
"""Fresh view preferences: clinical words, names shown. Kept in memory only, never in storage."""


def shell() -> html.Div:
    """The app layout: pages are swapped inside ``ids.PAGE``; preferences and the failure alert
    outlive page changes."""
    return html.Div(
        className="app",
        children=[
            dcc.Location(id=ids.URL, refresh="callback-nav"),
            dcc.Store(id=ids.VIEW_PREFS, storage_type="memory", data=DEFAULT_PREFS),
            html.Header(
                className="app-bar",
                children=html.Div(
                    className="container-fluid page-width d-flex align-items-center gap-3",
                    children=[
                        dcc.Link(className="app-name", href="/", children=[
                            html.Img(src=FAVICON, alt="", width=28, height=28),
                            "ipt-network",
                        ]),
                        html.Span("Relationships, session by session", className="app-tagline"),
                    ],
                ),
            ),
            html.Div(className="container-fluid page-width", children=failure_alert()),
            html.Main(id=ids.PAGE, className="container-fluid page-width py-3"),
        ],
    )


def missing_page() -> html.Div:
    """Shown for an address the app does not know."""
    return html.Div(
        className="notice",
        children=[
            html.H1("This page does not exist", className="h4"),
            html.P("The address may have been shortened or mistyped."),
            dcc.Link("Go to the list of clients", href="/"),
        ],
    )
