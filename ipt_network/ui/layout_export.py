"""The review page's export card: the current session's picture, note and data as downloads."""

from __future__ import annotations

from dash import dcc, html

from ipt_network.ui import ids

EXPORTS = {
    "Picture": [("network-png", "Network (PNG)"), ("network-svg", "Network (SVG)"),
                ("mood-png", "Mood chart (PNG)")],
    "Session note": [("note-pdf", "Note (PDF)"), ("note-md", "Note (Markdown)"), ("note-html", "Note (HTML)")],
    "For the therapist's record": [("inventory-pdf", "Interpersonal inventory (PDF)"),
                                   ("review-pdf", "End-of-therapy review (PDF)"),
                                   ("review-html", "Review (HTML)"), ("review-md", "Review (Markdown)")],
    "Data": [("data-json", "Whole record (JSON)"), ("data-csv", "Whole record (CSV, .zip)"),
             ("data-graphml", "This session (GraphML)")],
}
"""What can be exported, grouped as a therapist looks for it; the key names the export and its format."""


def export_section() -> html.Section:
    """Buttons per export, a paper size for notes, and one place for the download and its message."""
    return html.Section(id=ids.EXPORT_PANEL, className="col-12", **{"aria-label": "Export for your notes"},
                        children=html.Div(className="card card-body", children=[
        html.H2("Export for your notes", className="h5"),
        html.P("Files are made for the session on show. With “Hide names” on, they carry no names, labels or "
               "notes.", className="text-secondary small"),
        html.Fieldset(className="mb-2", children=[
            html.Legend("Note for", className="form-label fs-6 mb-1"),
            dcc.RadioItems(id=ids.EXPORT_AUDIENCE, value="therapist", inline=True, className="choice-row",
                           options=[{"label": "Therapist (session note for the record)", "value": "therapist"},
                                    {"label": "Client (take-home page)", "value": "client"}]),
        ]),
        html.Div(className="export-groups", children=[
            html.Div(className="export-group", role="group", **{"aria-label": group}, children=[
                html.Div(group, className="form-label"),
                *[html.Button(label, id={"type": ids.EXPORT_BUTTON, "export": key}, n_clicks=0,
                              className="btn btn-outline-secondary btn-sm me-2 mb-2") for key, label in buttons],
            ]) for group, buttons in EXPORTS.items()
        ]),
        html.Fieldset(className="mb-2", children=[
            html.Legend("Paper for the PDF note", className="form-label fs-6 mb-1"),
            dcc.RadioItems(id=ids.EXPORT_PAPER, value="a4", inline=True, className="choice-row",
                           options=[{"label": "A4", "value": "a4"}, {"label": "Letter", "value": "letter"}]),
        ]),
        dcc.Loading(type="dot", children=html.P(id=ids.EXPORT_MESSAGE, className="small mb-0",
                                                  **{"aria-live": "polite"})),
        dcc.Download(id=ids.EXPORT_DOWNLOAD),
    ]))
