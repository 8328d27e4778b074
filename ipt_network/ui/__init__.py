"""The Dash dashboard: ``create_app(db_url)`` builds it; ``app.py`` at the top serves it."""

from ipt_network.ui.app import create_app

__all__ = ["create_app"]
