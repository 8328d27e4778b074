"""Plotly figures shared by the dashboard and the exports: data in, figure dict out.

Each figure has a sibling ``*_summary`` giving the same picture in a sentence or two, for
screen readers and reports. Figures are plain plotly figure dicts, which ``dcc.Graph`` and
``plotly.io`` take as they are (and build far faster than ``go.Figure``); no dash here.
"""

from .mood import event_marks, mood_figure, mood_markers, mood_summary
from .names import display_namer
from .network import client_summary, comparison_figures, network_figure, network_summary
from .timeline import timeline_figure, timeline_history, timeline_sessions, timeline_summary

__all__ = [
    "client_summary", "comparison_figures", "display_namer", "event_marks", "mood_figure", "mood_markers",
    "mood_summary", "network_figure", "network_summary", "timeline_figure", "timeline_history", "timeline_sessions",
    "timeline_summary",
]
