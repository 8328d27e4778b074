"""The comparison of two sessions on the review page: a "Compare with…" choice, then both networks
side by side (stacked on a tablet held upright) with what changed in words. Skeleton only.

The dropdown's options and value are set with the selection (``callbacks_review.select_session``),
so the value is never one the options lack; the panel below is filled by ``callbacks_compare``.
"""

from __future__ import annotations

from dash import dcc, html

from ipt_network.ui import ids


def compare_options(numbers: list[int], session: int | None) -> list[dict]:
    """Every session but the one on show, as dropdown options.

    >>> compare_options([1, 2, 3], 2)
    [{'label': 'Session 1', 'value': 1}, {'label': 'Session 3', 'value': 3}]
    """
    return [{"label": f"Session {number}", "value": number} for number in numbers if number != session]


def compare_section() -> html.Section:
    """The full-width section mounted in the review page (it holds ``ids.COMPARE_PANEL``)."""
    return html.Section(className="col-12", **{"aria-label": "Compare two sessions"}, children=html.Div(
        className="card card-body panel compare", children=[
            html.Div(className="compare-head", children=[
                html.H2("Compare two sessions", className="h5 mb-0"),
                html.Div(className="compare-choice", children=[
                    html.Label("Compare with…", htmlFor=ids.COMPARE_WITH, className="form-label mb-0"),
                    dcc.Dropdown(id=ids.COMPARE_WITH, options=[], value=None, placeholder="No comparison",
                                 clearable=True, searchable=False, className="compare-dropdown"),
                ]),
            ]),
            html.Div(id=ids.COMPARE_PANEL, **{"aria-live": "polite"}),
        ]))
