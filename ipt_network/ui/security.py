"""HTTP protections of the dashboard (DESIGN section 8): it shows health data in a browser.

- A strict Content-Security-Policy: scripts only from the app itself plus the hashes of Dash's
  own inline scripts, never ``eval``; nothing fetched from, sent to or framed by another origin.
- ``Cache-Control: no-store`` on every response that can carry client data (pages, layouts,
  callback answers, downloads), so none of it stays in a browser cache. The app's own static files
  (Dash's and plotly's scripts, the stylesheets) are the same for everyone and hold no client
  data: the browser may keep them, so a page opens without fetching 5 MB of scripts again.
- A cap on request bodies, so an oversized upload is refused before it is read.
"""

from __future__ import annotations

import math

import dash
from dash.fingerprint import check_fingerprint
from flask import Response, request
from flask_talisman import Talisman
from werkzeug.datastructures import MultiDict

from ipt_network.formats.limits import MAX_FILE_BYTES

MAX_REQUEST_BYTES = math.ceil(MAX_FILE_BYTES * 4 / 3) + 1024 * 1024
"""Largest request body: an upload arrives base64-encoded (4 bytes per 3) inside a callback request,
so a file at the import limit plus the callback's other inputs fits, and anything bigger gets 413."""


def content_security_policy(app: dash.Dash) -> dict[str, str | list[str]]:
    """The policy for ``app``; call it after every callback exists (clientside ones add hashes)."""
    return {
        "default-src": "'self'",
        "script-src": ["'self'", *app.csp_hashes()],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/")
"""Where the app serves files of its packages and of ``assets/``: never client data."""

A_YEAR = 365 * 24 * 60 * 60


def cache_control(path: str, query: MultiDict, status: int) -> str:
    """The ``Cache-Control`` of a response: ``no-store`` unless it is a static file.

    A static file whose address changes with its content (Dash's fingerprint in a package file's
    name, or the ``?m=`` modification time Dash appends to an asset) may be kept for a year
    without asking again; other static files may be kept but are checked on every use (a cheap
    "not modified" answer), since their address stays the same when a package is upgraded.
    ``private`` keeps them out of shared caches, which gain nothing here.
    """
    if status not in (200, 304) or not path.startswith(STATIC_PREFIXES):
        return "no-store"
    if check_fingerprint(path)[1] or "m" in query:
        return f"private, max-age={A_YEAR}, immutable"
    return "private, no-cache"


def _set_cache_control(response: Response) -> Response:
    response.headers["Cache-Control"] = cache_control(request.path, request.args, response.status_code)
    return response


def protect(app: dash.Dash) -> None:
    """Apply the headers and the body cap to the app's Flask server.

    HTTPS is not forced: the app serves a browser on the same machine (127.0.0.1); a clinic that
    serves it over a network puts a TLS proxy in front.
    """
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    Talisman(
        server,
        force_https=False,
        strict_transport_security=False,
        session_cookie_secure=False,
        content_security_policy=content_security_policy(app),
        frame_options="DENY",
        referrer_policy="no-referrer",
    )
    server.after_request(_set_cache_control)
