"""The inventory card of the review page: one person's relationship with the client as the interpersonal
inventory records it (DESIGN section 9), and a form to fill it in while sitting with the client.
Skeleton only; ``callbacks_inventory`` fills it.
"""

from __future__ import annotations

from dash import dcc, html

from ipt_network.ui import ids
from ipt_network.ui.inventory_edits import NOT_KNOWN
from ipt_network.ui.labels import INVENTORY_QUESTIONS, SUPPORT_FLOWS, THERAPIST

QUESTIONS = INVENTORY_QUESTIONS[THERAPIST]
TEXT_BOXES = {"good": ids.INVENTORY_GOOD, "hard": ids.INVENTORY_HARD, "expectations": ids.INVENTORY_EXPECTATIONS,
              "wants_changed": ids.INVENTORY_WANTS_CHANGED}
"""Each answer in words and the box it is typed in."""
YES_NO_CHOICES = [{"label": "Yes", "value": "yes"}, {"label": "No", "value": "no"},
                  {"label": "Not known", "value": NOT_KNOWN}]


def inventory_section() -> html.Section:
    """The full-width section mounted in the review page."""
    return html.Section(className="col-12", **{"aria-label": "The inventory"}, children=html.Div(
        className="card card-body panel inventory-panel", children=[
            html.H2("Inventory", className="h5"),
            *(dcc.Store(id=store_id, storage_type="memory") for store_id in (ids.INVENTORY_SAVED, ids.INVENTORY_SHOWN)),
            html.Div(className="row g-3", children=[
                html.Div(className="col-lg-5", children=[
                    html.Label("Person", htmlFor=ids.INVENTORY_PERSON, className="form-label"),
                    dcc.Dropdown(id=ids.INVENTORY_PERSON, clearable=False, className="inventory-person"),
                    html.P("Or click someone on the circle.", className="text-secondary small mb-2"),
                    html.Div(id=ids.INVENTORY_VIEW, **{"aria-live": "polite"}),
                    html.Div(className="edit-status", children=[
                        html.P(id=ids.INVENTORY_MESSAGE, role="status", **{"aria-live": "polite"},
                               className="edit-message"),
                        html.Button("Undo", id=ids.INVENTORY_UNDO, hidden=True,
                                    className="btn btn-outline-secondary btn-sm"),
                    ]),
                ]),
                html.Div(id=ids.INVENTORY_FORM, hidden=True, className="col-lg-7 inventory-form", children=[
                    html.P(id=ids.INVENTORY_HINT, className="text-secondary small mb-1"),
                    html.Div(className="inventory-texts", children=[
                        html.Div(children=[
                            html.Label(QUESTIONS[field], htmlFor=box, className="form-label"),
                            dcc.Textarea(id=box, className="form-control", rows=2),
                        ]) for field, box in TEXT_BOXES.items()
                    ]),
                    _choices("support_flow", ids.INVENTORY_FLOW,
                             [{"label": words, "value": flow} for flow, words in SUPPORT_FLOWS[THERAPIST].items()]
                             + [{"label": "Not known", "value": NOT_KNOWN}]),
                    _choices("confides", ids.INVENTORY_CONFIDES, YES_NO_CHOICES),
                    _choices("knows_about_depression", ids.INVENTORY_KNOWS, YES_NO_CHOICES),
                    html.Div(className="case-row mt-2", children=[
                        html.Div(children=[
                            html.Label("Taken at session", htmlFor=ids.INVENTORY_AS_OF, className="form-label"),
                            # No min, max or step: the box would send nothing for 0 or 2.5, read as
                            # "no session"; the server refuses them in words instead.
                            dcc.Input(id=ids.INVENTORY_AS_OF, type="number", className="form-control case-number"),
                        ]),
                        html.Button("Save inventory", id=ids.INVENTORY_SAVE, className="btn btn-primary btn-sm"),
                    ]),
                ]),
            ]),
        ]))


def _choices(field: str, radio_id: str, options: list[dict]) -> html.Fieldset:
    return html.Fieldset(className="mt-2", children=[
        html.Legend(QUESTIONS[field], className="form-label fs-6 mb-1"),
        dcc.RadioItems(id=radio_id, options=options, inline=True, className="choice-row"),
    ])
