"""Malformed requests get a short 4xx answer, never a 500 and a traceback in the log.

The browser's callback requests have a fixed shape (Dash's renderer writes them); a request that
is not JSON, misses a field, names no callback of this app or carries the wrong types is not
from our page, so it is answered 400 with one sentence before Dash reads it. An address under
the package-files prefix that names no file of a registered package is 404, as under ``/assets/``.
"""

from __future__ import annotations

from typing import Any

import dash
from dash.fingerprint import check_fingerprint
from flask import Response, request

CALLBACK_PATH = "/_dash-update-component"
PACKAGE_PREFIX = "/_dash-component-suites/"


def _is_dependency(item: Any) -> bool:
    """One input or state of a callback request: ``{"id": ..., "property": ...}`` (or a list of them for
    a pattern-matching ``ALL``)."""
    if isinstance(item, list):
        return all(_is_dependency(part) for part in item)
    return (isinstance(item, dict) and isinstance(item.get("id"), str | dict)
            and isinstance(item.get("property"), str))


def callback_problem(body: Any, callbacks: dict) -> str | None:
    """What is wrong with a callback request's body, in a few words; ``None`` if it has the right shape."""
    if not isinstance(body, dict):
        return "the request must be a JSON object"
    output = body.get("output")
    if not isinstance(output, str):
        return "'output' must be text"
    if output not in callbacks:
        return "'output' names no callback of this app"
    if not isinstance(body.get("outputs"), dict | list):
        return "'outputs' must be an object or a list"
    for field in ("inputs", "state"):
        if not isinstance(body.get(field, []), list) or not all(_is_dependency(i) for i in body.get(field, [])):
            return f"'{field}' must be a list of {{id, property}} objects"
    if not isinstance(body.get("changedPropIds", []), list):
        return "'changedPropIds' must be a list"
    return None


def package_file_known(app: dash.Dash, path: str) -> bool:
    """Whether ``path`` (after the package-files prefix) is a file of a package the app registered."""
    package, _, file = path.partition("/")
    return check_fingerprint(file)[0] in app.registered_paths.get(package, ())


def refuse_malformed(app: dash.Dash) -> None:
    """Answer malformed callback requests 400 and unknown package files 404, before Dash sees them."""

    @app.server.before_request
    def _refuse() -> Response | None:
        if request.path == CALLBACK_PATH and request.method == "POST":
            body = request.get_json(silent=True)
            problem = "the request must be JSON" if body is None else callback_problem(body, app.callback_map)
            if problem:
                return Response(f"Bad request: {problem}.", 400, mimetype="text/plain")
        elif request.path.startswith(PACKAGE_PREFIX) and not package_file_known(
                app, request.path.removeprefix(PACKAGE_PREFIX)):
            return Response("Not found.", 404, mimetype="text/plain")
        return None
