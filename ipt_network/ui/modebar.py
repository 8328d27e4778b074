"""Plotly's toolbar on every chart: one button, "Download plot as a png", and nothing else.

Plotly's other buttons and links can send a figure (names, ratings, notes on hover) to another
site: the logo links to plotly.com, and "Edit in Chart Studio" / "Share chart…" upload the figure
to Plotly's cloud from a window the page's Content-Security-Policy does not govern. The download
is made in the browser and saved on this machine. (Zoom and pan are left out too: the pictures are
fitted to their frame and read as they are.)
"""

from __future__ import annotations


def download_only(filename: str) -> dict:
    """The ``config`` of a ``dcc.Graph`` whose picture downloads as ``<filename>.png``."""
    return {
        "modeBarButtons": [["toImage"]],
        "displaylogo": False,
        "showLink": False,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "filename": filename},
    }
