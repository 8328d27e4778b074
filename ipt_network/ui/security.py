"""HTTP protections of the dashboard (DESIGN section 8): it shows health data in a browser.

- A strict Content-Security-Policy: scripts only from the app itself plus the hashes of Dash's
  own inline scripts, never ``eval``; nothing fetched from, sent to or framed by another origin.
- ``Cache-Control: no-store`` on every response, so no client's data stays in a browser cache.
- A cap on request bodies, so an oversized upload is refused before it is read.
"""

from __future__ import annotations

import math

import dash
from flask import Response
from flask_talisman import Talisman

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


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
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
    server.after_request(_no_store)
