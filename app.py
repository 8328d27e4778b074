"""WSGI entry point: ``gunicorn app:server`` serves the dashboard (database from $IPT_NETWORK_DB)."""

from ipt_network.ui import create_app

app = create_app()
server = app.server
