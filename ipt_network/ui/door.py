"""The door of the dashboard (DESIGN section 10): only the person who started it gets in.

The dashboard shows health data on a port any program or user of the machine can reach, so every
request must prove it comes from the person who started it, as Jupyter does it:

- ``?token=`` on any page address (the token is printed and opened by ``ipt-network serve``) is
  exchanged for a cookie holding a secret made for this launch (never the token itself: a cookie
  read from the browser's files does not let anyone start a session after a restart), then the
  browser is sent to the same address without the token, so it stays out of history and screen.
- Without that cookie: 401 and a page saying how to get in. Only the app's static files (its
  packages' scripts and ``assets/``, the same for everyone, no client data) are served without it;
  pages, layouts, callback answers and downloads never are.
- A ``Host`` other than the loopback names (and those given with ``--allow-host``) is refused
  with 403: a web page whose name is re-pointed at 127.0.0.1 (DNS rebinding) cannot read a client.
- A POST (or other writing method) whose ``Origin`` is another site is refused with 403.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from html import escape
from urllib.parse import urlencode, urlsplit

from flask import Flask, Response, redirect, request

from ipt_network.ui.security import STATIC_PREFIXES

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})
"""The names under which this machine reaches itself; a browser sends them in ``Host``."""

TOKEN_PARAMETER = "token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def new_token() -> str:
    """A launch token: 256 random bits, safe in an address."""
    return secrets.token_urlsafe(32)


def host_name(host: str) -> str:
    """The name part of a ``Host`` header, lower-case: ``[::1]:8050`` → ``[::1]``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0]


def host_port(host: str) -> str:
    """The port part of a ``Host`` header, or ``""`` when the browser sent the scheme's default."""
    rest = host[host.find("]") + 1:] if host.startswith("[") else host
    return rest.rsplit(":", 1)[1] if ":" in rest else ""


def cookie_name(host: str) -> str:
    """One cookie per port: browsers share cookies between the ports of a host, and two dashboards
    (say the demo beside the real one) must not sign each other out."""
    port = host_port(host)
    return f"ipt-network-{port}" if port else "ipt-network"


def without_token(path: str, args: Iterable[tuple[str, str]]) -> str:
    """The same address with the token taken out of its query."""
    rest = [(key, value) for key, value in args if key != TOKEN_PARAMETER]
    return f"{path}?{urlencode(rest)}" if rest else path


def door_page(status: int, title: str, message: str) -> Response:
    """A small calm page for 401 and 403: what happened and what to do, nothing else."""
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ipt-network: {escape(title)}</title>
<link rel="icon" type="image/svg+xml" href="/assets/favicon.svg">
<style>body{{font:1.05rem/1.6 system-ui,sans-serif;color:#222;max-width:36rem;margin:15vh auto;padding:0 1.5rem}}
h1{{font-size:1.4rem;font-weight:600}}code{{background:#f1f3f5;padding:.1rem .3rem;border-radius:.2rem}}</style>
</head><body><h1>{escape(title)}</h1><p>{message}</p></body></html>
"""
    return Response(page, status=status, mimetype="text/html")


def sign_in() -> Response:
    """The 401 page: how to get in."""
    return door_page(
        401, "Open ipt-network from the address it printed",
        "This dashboard shows health data, so it opens only for the person who started it. Use the "
        "address that <code>ipt-network serve</code> printed when it started (it ends in "
        "<code>?token=</code> and a long code), or start it again to get a new one.")


def shared_secret(token: str) -> str:
    """A cookie secret that every worker process serving ``token`` derives alike (gunicorn's workers
    each build the app), without the cookie ever holding the token."""
    return hmac.new(token.encode(), b"ipt-network sign-in cookie", hashlib.sha256).hexdigest()


def install_door(server: Flask, token: str, allowed_hosts: Iterable[str] = (), *,
                 cookie_secret: str | None = None) -> None:
    """Guard every request to ``server``: the Host and Origin checks, then the token or the cookie.

    The cookie holds ``cookie_secret``; by default a new one for this launch, so a cookie from an
    earlier launch opens nothing."""
    if not token:
        raise ValueError("the dashboard needs a token: an empty one would let anyone in")
    hosts = LOOPBACK_HOSTS | {host_name(name) for name in allowed_hosts}
    launch_secret = cookie_secret or secrets.token_urlsafe(32)

    @server.before_request
    def door() -> Response | None:
        if host_name(request.host) not in hosts:
            return door_page(403, "This address is not served here",
                           f"ipt-network answers only to {escape(', '.join(sorted(hosts)))}. "
                           "Open the address it printed when it started.")
        origin = request.headers.get("Origin")
        if request.method not in SAFE_METHODS and origin is not None and urlsplit(origin).netloc != request.host:
            return door_page(403, "Refused: the request came from another site",
                           "A page of another site tried to change data here. Nothing was changed.")
        given = request.args.get(TOKEN_PARAMETER)
        if given is not None:
            if not hmac.compare_digest(given.encode(), token.encode()):
                return sign_in()
            response = redirect(without_token(request.path, request.args.items(multi=True)), code=302)
            response.set_cookie(cookie_name(request.host), launch_secret, httponly=True, samesite="Strict", path="/")
            return response
        if request.path.startswith(STATIC_PREFIXES):
            return None
        if hmac.compare_digest(request.cookies.get(cookie_name(request.host), "").encode(), launch_secret.encode()):
            return None
        return sign_in()
