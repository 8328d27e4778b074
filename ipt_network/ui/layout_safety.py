"""Where safety shows on the review page, for the therapist only: the session bar's cue, the item 9
warning in the PHQ-9 form, and the risk record beside the mood form.

The cue is a small neutral symbol (◆) with no words, so it can stay on screen while the client
looks at it in their own words; docs/metrics.md tells therapists what it means.
"""

from __future__ import annotations

from dash import dcc, html

from ipt_network.model import RiskLevel
from ipt_network.ui import ids

CUE = "◆"
NOT_RECORDED = "unknown"
"""The form's value for a risk field left unanswered (stored as null)."""


def safety_cue() -> html.Span:
    return html.Span(CUE, id=ids.SAFETY_CUE, className="safety-cue", hidden=True, **{"aria-hidden": "true"})


def item9_warning() -> html.P:
    return html.P(id=ids.EDIT_ITEM9_WARNING, className="item9-warning", role="alert", hidden=True)


def _choice(legend: str, control_id: str, options: list[dict]) -> html.Fieldset:
    return html.Fieldset(className="edit-field", children=[
        html.Legend(legend, className="form-label fs-6"),
        dcc.RadioItems(id=control_id, options=options, inline=True, className="choice-row"),
    ])


def risk_part() -> html.Div:
    """The session's risk record: assessed, level, plan in place, note; saved with its own button."""
    yes_no = [{"label": "Yes", "value": "yes"}, {"label": "No", "value": "no"}]
    return html.Div(className="edit-part risk-part", children=[
        html.H3("Risk assessment (for the record only)", className="h6"),
        html.P("Your own assessment at this session. It is printed in your session note, never on the "
               "client's page. PHQ-9 item 9 prompts it and replaces none of it.", className="text-secondary small"),
        html.Div(className="edit-row", children=[
            _choice("Risk assessed", ids.EDIT_RISK_ASSESSED, yes_no),
            _choice("Level", ids.EDIT_RISK_LEVEL,
                    [{"label": level.value.capitalize(), "value": level.value} for level in RiskLevel]
                    + [{"label": "Not recorded", "value": NOT_RECORDED}]),
            _choice("Safety plan in place", ids.EDIT_RISK_PLAN,
                    [*yes_no, {"label": "Not recorded", "value": NOT_RECORDED}]),
        ]),
        html.Div(className="edit-field", children=[
            html.Label("Risk note", htmlFor=ids.EDIT_RISK_NOTE, className="form-label"),
            dcc.Textarea(id=ids.EDIT_RISK_NOTE, className="form-control", rows=2),
        ]),
        html.Button("Save risk record", id=ids.EDIT_RISK_SAVE, className="btn btn-primary"),
        dcc.Store(id=ids.EDIT_RISK_SHOWN, storage_type="memory"),
        dcc.Store(id=ids.EDIT_RISK_DRAFTS, storage_type="memory", data={}),
    ])
