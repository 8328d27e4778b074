"""The review page (``/client/<id>``): header, session selector, network and its words. Skeleton only.

The client id is the only data placed here (from the address, shown as text); everything else is
filled by ``callbacks_review``. The mood, hotspot, comparison and editing panels are sections
with ids that their own callbacks fill.
"""

from __future__ import annotations

from dash import dcc, html

from ipt_network.ui import ids
from ipt_network.ui.labels import CLIENT, VOICE_CHOICES
from ipt_network.ui.layout_case import case_section
from ipt_network.ui.layout_compare import compare_section
from ipt_network.ui.layout_edit import edit_section
from ipt_network.ui.layout_export import export_section
from ipt_network.ui.layout_insights import hotspots_card, mood_section
from ipt_network.ui.layout_inventory import inventory_section
from ipt_network.ui.layout_safety import safety_cue
from ipt_network.ui.layout_time import play_button, timeline_strip
from ipt_network.ui.modebar import download_only
from ipt_network.ui.view import HIDE, NUMBERS

LINKS = "links"
"""The value of the "Who knows whom" switch when it is on."""
CIRCLE, FORCE = "circle", "force"
"""The two arrangements of the network: the closeness circle, and force-directed clusters."""

BLANK_FIGURE = {"data": [], "layout": {"xaxis": {"visible": False}, "yaxis": {"visible": False},
                                       "margin": {"l": 0, "r": 0, "t": 0, "b": 0}}}
"""The network's frame before the first drawing; its height, like the drawing's, is the graph box's
(``.network-frame`` in assets/app.css: the viewport's height under the session bar, within bounds)."""



def review_page(client_id: str, prefs: dict) -> html.Div:
    """The page for one client; ``prefs`` (see ``ids.VIEW_PREFS``) set the switches."""
    return html.Div(
        children=[
            dcc.Location(id=ids.REVIEW_URL, refresh="callback-nav"),
            dcc.Store(id=ids.REVIEW_CLIENT, storage_type="memory", data=client_id),
            dcc.Store(id=ids.SELECTION, storage_type="memory"),
            dcc.Store(id=ids.SHOWN, storage_type="memory"),
            _not_found(client_id),
            html.Div(id=ids.REVIEW_BODY, children=[
                html.Header(className="review-header", children=[
                    dcc.Link("← All clients", href="/", className="back-link"),
                    html.H1(id=ids.REVIEW_LABEL, className="h3 mb-0"),
                    html.P(id=ids.REVIEW_AREAS, className="text-secondary mb-0"),
                ]),
                _controls(prefs),
                # Network and mood side by side, so both are seen together on a laptop screen.
                html.Div(className="row g-3 review-main", children=[
                    html.Section(className="col-lg-7 network-column", **{"aria-label": "Network picture"}, children=
                                 html.Div(className="card graph-card", children=[
                                     _network_options(),
                                     html.Div(className="network-frame", children=dcc.Graph(
                                         id=ids.NETWORK_GRAPH, figure=BLANK_FIGURE, responsive=True,
                                         config=download_only("network"))),
                                 ])),
                    html.Div(className="col-lg-5 side-column", children=[
                        mood_section(),
                        html.Section(className="card card-body", **{"aria-label": "The network in words"}, children=[
                            html.H2("In words", className="h5"),
                            html.Div(id=ids.NETWORK_SUMMARY, **{"aria-live": "polite"}),
                        ]),
                        hotspots_card(),
                    ]),
                ]),
                html.Div(className="row g-3 mt-0", children=[
                    html.Section(className="col-12", **{"aria-label": "The course"}, children=
                                 html.Div(className="card card-body", children=[
                                     html.H2("The course", className="h5"), timeline_strip()])),
                    case_section(),
                    inventory_section(),
                    compare_section(),
                    export_section(),
                    edit_section(),
                ]),
            ]),
        ],
    )


def _not_found(client_id: str) -> html.Div:
    return html.Div(id=ids.REVIEW_NOT_FOUND, hidden=True, className="notice", children=[
        html.H1("We could not find this client", className="h4"),
        html.P(["No client has the id ", html.Code(client_id),
                ". It may have been renamed, or the link may be incomplete."]),
        dcc.Link("Go to the list of clients", href="/"),
    ])


def _controls(prefs: dict) -> html.Section:
    return html.Section(className="card card-body controls", **{"aria-label": "What to show"}, children=[
        html.Div(className="session-picker", children=[
            # Names the slider's thumb (assets/a11y.js: a slider's id + "-label").
            html.Div("Session", id=f"{ids.SESSION_SLIDER}-label", className="form-label"),
            html.Div(className="slider-row", children=[
                play_button(),
                dcc.Slider(id=ids.SESSION_SLIDER, min=1, max=1, step=1, marks=None, value=None,
                           included=False, allow_direct_input=False, className="session-slider"),
            ]),
            html.Div(className="session-caption-row", children=[
                html.P(id=ids.SESSION_CAPTION, className="session-caption", **{"aria-live": "polite"}),
                safety_cue(),
            ]),
        ]),
        html.Div(className="view-options", children=[
            html.Fieldset(children=[
                html.Legend("Words for", className="form-label fs-6 mb-1"),
                dcc.RadioItems(id=ids.VOICE, options=[{"label": text, "value": voice}
                                                      for voice, text in VOICE_CHOICES.items()],
                               value=prefs["voice"],
                               inline=True, className="choice-row"),
            ]),
            _switch(ids.HIDE_NAMES, "Hide names", HIDE, on=prefs["hide_names"]),
            html.Div(id=ids.SHOW_NUMBERS_PART, hidden=prefs["voice"] != CLIENT, children=
                     _switch(ids.SHOW_NUMBERS, "Show scores", NUMBERS, on=False)),
        ]),
    ])


def _network_options() -> html.Div:
    """How the network is drawn: closeness circle or clusters, and whether links between people show."""
    return html.Div(className="network-options", children=[
        html.Fieldset(children=[
            html.Legend("Arrange as", className="form-label fs-6 mb-0 me-2"),
            dcc.RadioItems(id=ids.NETWORK_ARRANGEMENT, value=CIRCLE, inline=True, className="choice-row",
                           options=[{"label": "Closeness circle", "value": CIRCLE},
                                    {"label": "Clusters", "value": FORCE}]),
        ]),
        _switch(ids.NETWORK_LINKS, "Who knows whom", LINKS, on=True),
    ])


def _switch(switch_id: str, label: str, value: str, *, on: bool) -> dcc.Checklist:
    """A one-option checklist drawn as an on/off switch."""
    return dcc.Checklist(id=switch_id, options=[{"label": label, "value": value}], value=[value] if on else [],
                         className="form-switch switch", inputClassName="form-check-input",
                         labelClassName="form-check-label")
