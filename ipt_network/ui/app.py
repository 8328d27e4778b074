"""``create_app``: the dashboard, wired to one database, safe to show health data in a browser.

Everything the browser loads comes from this app (scripts, styles, the favicon); the page never
calls another site. The Store is opened once per app and shared by every callback (its engine
pools connections; writes take ``BEGIN IMMEDIATE``, so threads are safe).
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path

import dash

from ipt_network.store import Store
from ipt_network.ui import (
    callbacks_case,
    callbacks_case_history,
    callbacks_clients,
    callbacks_compare,
    callbacks_edit,
    callbacks_events,
    callbacks_export,
    callbacks_insights,
    callbacks_inventory,
    callbacks_review,
    callbacks_router,
    callbacks_safety,
    callbacks_sessions,
    callbacks_time,
    callbacks_unsaved,
)
from ipt_network.ui.courses import Courses
from ipt_network.ui.door import install_door
from ipt_network.ui.layout_shell import FAVICON, shell
from ipt_network.ui.malformed import refuse_malformed
from ipt_network.ui.security import protect
from ipt_network.ui.view import show_failure

ASSETS = Path(str(files("ipt_network.assets")))
"""Vendored Bootstrap CSS, the app's own style and favicon: the top-level ``assets/`` of the
repository, installed as the package ``ipt_network.assets`` (setup.py)."""

BOOTSTRAP = "bootstrap.min.css"

INDEX = f"""<!DOCTYPE html>
<html lang="en">
    <head>
        {{%metas%}}
        <title>{{%title%}}</title>
        <link rel="icon" type="image/svg+xml" href="{FAVICON}">
        {{%css%}}
    </head>
    <body>
        {{%app_entry%}}
        <footer>
            {{%config%}}
            {{%scripts%}}
            {{%renderer%}}
        </footer>
    </body>
</html>"""
"""Dash's page with a language for screen readers and our own favicon, and nothing else added."""


def create_app(db_url: str | None = None, *, token: str, allowed_hosts: Iterable[str] = (),
               cookie_secret: str | None = None) -> dash.Dash:
    """The dashboard over the database at ``db_url`` (``None``: ``IPT_NETWORK_DB`` or the per-user file).

    Only a browser that brought ``token`` once gets in, and only under a loopback name or one of
    ``allowed_hosts`` (``ui/door.py``); its cookie holds ``cookie_secret`` (default: new each launch).
    """
    store = Store.open(db_url)
    app = dash.Dash(
        __name__,
        title="ipt-network",
        update_title=None,
        assets_folder=str(ASSETS),
        # Bootstrap must come before app.css, which overrides it: listed first, not picked up by name.
        assets_ignore=BOOTSTRAP.replace(".", r"\."),
        external_stylesheets=[f"/assets/{BOOTSTRAP}"],
        serve_locally=True,
        index_string=INDEX,
        enable_mcp=False,
        # Pages are swapped in by the router, so callbacks name components not yet on screen;
        # tests/test_ui_app.py checks that every id they name exists in some page.
        suppress_callback_exceptions=True,
        # An unexpected exception in any callback is logged and told in the page (ui/view.py).
        on_error=show_failure,
    )
    app.enable_dev_tools(debug=False, dev_tools_disable_version_check=True)
    app.layout = shell()
    callbacks_router.register(app)
    callbacks_clients.register(app, store)
    courses = Courses(store)
    callbacks_review.register(app, courses)
    callbacks_insights.register(app, courses)
    callbacks_edit.register(app, store, courses)
    callbacks_sessions.register(app, store, courses)
    callbacks_unsaved.register(app)
    callbacks_case.register(app, store, courses)
    callbacks_case_history.register(app, store, courses)
    callbacks_events.register(app, store, courses)
    callbacks_inventory.register(app, store, courses)
    callbacks_safety.register(app, store, courses)
    callbacks_export.register(app, store)
    callbacks_time.register(app, courses)
    callbacks_compare.register(app, courses)
    install_door(app.server, token, allowed_hosts, cookie_secret=cookie_secret)
    protect(app)
    refuse_malformed(app)
    return app
