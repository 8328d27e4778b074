"""WSGI entry point for a server: ``IPT_NETWORK_TOKEN=... gunicorn app:server``.

The database comes from $IPT_NETWORK_DB. The door works as under ``ipt-network serve``: a browser
gets in by opening any page with ``?token=`` and $IPT_NETWORK_TOKEN; the names the server answers
to besides the loopback ones are listed, separated by spaces, in $IPT_NETWORK_ALLOW_HOST.
Every worker derives the same sign-in cookie from the token, so gunicorn runs without
``--preload`` (no database connection is opened before the workers fork, DESIGN section 8).
"""

import os

from ipt_network.ui import create_app
from ipt_network.ui.door import shared_secret

token = os.environ.get("IPT_NETWORK_TOKEN")
if not token:
    raise SystemExit("app.py: set IPT_NETWORK_TOKEN to the token that opens the dashboard "
                     "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(32))')")

app = create_app(token=token, allowed_hosts=os.environ.get("IPT_NETWORK_ALLOW_HOST", "").split(),
                 cookie_secret=shared_secret(token))
server = app.server
