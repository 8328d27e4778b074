"""The Dash dashboard: ``create_app(db_url, token=...)`` builds it; ``ipt-network serve`` (``server.py``)
and ``app.py`` at the top serve it."""

from ipt_network.ui.app import create_app

__all__ = ["create_app"]
