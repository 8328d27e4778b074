"""The door (DESIGN section 10, ui/door.py), over real HTTP: the app served on a free loopback port.

Requests are written with http.client, so each test says exactly which Host, Origin and Cookie
headers it sends, as another program on the machine, or a web page in the browser, could.
"""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie

import pytest
from werkzeug.serving import make_server

from ipt_network.ui import create_app
from ipt_network.ui.door import shared_secret

TOKEN = "the-launch-token"
CLINIC_HOST = "ipt.clinic.example"

CALLBACK = json.dumps({
    "output": "new-client-id.placeholder", "outputs": {"id": "new-client-id", "property": "placeholder"},
    "inputs": [{"id": "new-client-label", "property": "value", "value": "Ana"}], "changedPropIds": []})
"""A callback request as the page sends it: the new-client form suggests an id from the label."""


@dataclass
class Served:
    port: int

    def request(self, method: str, path: str, *, host: str | None = None, cookie: str | None = None,
                origin: str | None = None, body: str | None = None) -> http.client.HTTPResponse:
        """One request on a fresh connection; the response is read in full."""
        headers = {"Host": f"127.0.0.1:{self.port}" if host is None else host, "Connection": "close"}
        if cookie is not None:
            headers["Cookie"] = cookie
        if origin is not None:
            headers["Origin"] = origin
        if body is not None:
            headers["Content-Type"] = "application/json"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.text = response.read().decode()
        connection.close()
        return response

    def sign_in(self, path: str = "/") -> str:
        """The ``Cookie`` header a browser sends after opening ``path?token=``."""
        response = self.request("GET", f"{path}?token={TOKEN}")
        assert response.status == 302
        cookie = SimpleCookie(response.headers["Set-Cookie"])
        return "; ".join(f"{name}={morsel.value}" for name, morsel in cookie.items())


def serve(db_url: str) -> Iterator[Served]:
    app = create_app(db_url, token=TOKEN, allowed_hosts=[CLINIC_HOST])
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Served(server.server_port)
    server.shutdown()
    thread.join(5)


@pytest.fixture
def served(db_url) -> Iterator[Served]:
    yield from serve(db_url)


@pytest.fixture
def cookie(served) -> str:
    return served.sign_in()


def test_without_the_token_the_page_says_how_to_get_in(served):
    response = served.request("GET", "/")
    assert response.status == 401
    assert "Open ipt-network from the address it printed" in response.text
    assert "?token=" in response.text
    assert "ipt-network-" not in (response.headers["Set-Cookie"] or "")


def test_a_wrong_token_opens_nothing(served):
    response = served.request("GET", "/?token=the-launch-tokeN")
    assert response.status == 401
    assert response.headers["Set-Cookie"] is None


def test_the_token_is_exchanged_for_a_strict_http_only_cookie_holding_a_launch_secret(served):
    response = served.request("GET", f"/?token={TOKEN}")
    assert response.status == 302
    assert response.headers["Location"] == "/"
    header = response.headers["Set-Cookie"]
    (name, morsel), = SimpleCookie(header).items()
    assert name == f"ipt-network-{served.port}"
    assert TOKEN not in header
    assert len(morsel.value) >= 32
    flags = {flag.strip().lower() for flag in header.split(";")[1:]}
    assert {"httponly", "samesite=strict", "path=/"} <= flags


def test_a_deep_link_with_the_token_lands_on_the_same_page_without_it(served):
    response = served.request("GET", f"/client/c-ana?session=2&token={TOKEN}&compare=1")
    assert response.status == 302
    assert response.headers["Location"] == "/client/c-ana?session=2&compare=1"


def test_the_cookie_opens_pages_layouts_and_callbacks(served, cookie):
    for path in ("/", "/client/c-ana?session=2", "/_dash-layout", "/_dash-dependencies"):
        assert served.request("GET", path, cookie=cookie).status == 200, path
    answer = served.request("POST", "/_dash-update-component", cookie=cookie, body=CALLBACK)
    assert answer.status == 200
    assert json.loads(answer.text)["response"]["new-client-id"]["placeholder"] == "c-ana"


def test_without_the_cookie_no_page_layout_or_callback_answers(served):
    for path in ("/", "/client/c-ana", "/_dash-layout", "/_dash-dependencies", "/_reload-hash"):
        assert served.request("GET", path).status == 401, path
    assert served.request("POST", "/_dash-update-component", body=CALLBACK).status == 401
    assert served.request("GET", "/", cookie=f"ipt-network-{served.port}=guessed").status == 401


def test_static_files_of_the_app_need_no_cookie(served):
    # The same files for everyone, no client data: the 401 page itself shows the favicon.
    assert served.request("GET", "/assets/favicon.svg").status == 200
    assert served.request("GET", "/assets/app.css").status == 200
    assert served.request("GET", "/_dash-component-suites/plotly/package_data/plotly.min.js").status == 200


def test_a_cookie_from_another_launch_does_not_open_this_one(served, db_url):
    other_launch = serve(db_url)
    other = next(other_launch)
    try:
        old_cookie = other.sign_in().split("=", 1)[1]
    finally:
        next(other_launch, None)
    assert served.request("GET", "/", cookie=f"ipt-network-{served.port}={old_cookie}").status == 401


def test_apps_given_the_same_shared_secret_honour_each_others_cookie(db_url):
    """What gunicorn's workers do (app.py): each builds its own app, and a browser signed in at one
    is let in by the others; the cookie holds neither the token nor anything usable elsewhere."""
    first, second = (create_app(db_url, token=TOKEN, cookie_secret=shared_secret(TOKEN)).server.test_client()
                     for _ in range(2))
    signed_in = first.get(f"/?token={TOKEN}")
    secret = SimpleCookie(signed_in.headers["Set-Cookie"])["ipt-network"].value
    assert secret == shared_secret(TOKEN) and TOKEN not in secret
    second.set_cookie("ipt-network", secret)
    assert second.get("/").status_code == 200
    assert create_app(db_url, token=TOKEN).server.test_client().get(
        "/", headers={"Cookie": f"ipt-network={secret}"}).status_code == 401


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example:{port}",
                                  "192.168.1.20:{port}", ""])
def test_a_foreign_host_is_refused_even_with_the_token_or_the_cookie(served, cookie, host):
    host = host.format(port=served.port)
    for response in (served.request("GET", "/", host=host, cookie=cookie),
                     served.request("GET", f"/?token={TOKEN}", host=host),
                     served.request("GET", "/_dash-layout", host=host, cookie=cookie),
                     served.request("GET", "/assets/app.css", host=host)):
        assert response.status == 403
        assert response.headers["Set-Cookie"] is None
    assert "answers only to" in served.request("GET", "/", host=host).text


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}", "[::1]:{port}",
                                  f"{CLINIC_HOST}:{{port}}"])
def test_loopback_names_and_allowed_hosts_are_served(served, cookie, host):
    assert served.request("GET", "/", host=host.format(port=served.port), cookie=cookie).status == 200


@pytest.mark.parametrize("origin", ["http://evil.example", "http://127.0.0.1:1", "null",
                                    "http://localhost.evil.example:{port}"])
def test_a_post_from_another_site_is_refused(served, cookie, origin):
    response = served.request("POST", "/_dash-update-component", cookie=cookie, body=CALLBACK,
                              origin=origin.format(port=served.port))
    assert response.status == 403
    assert "another site" in response.text


def test_a_post_from_the_page_itself_is_answered(served, cookie):
    response = served.request("POST", "/_dash-update-component", cookie=cookie, body=CALLBACK,
                              origin=f"http://127.0.0.1:{served.port}")
    assert response.status == 200


def test_no_answer_that_can_carry_client_data_is_kept_in_a_cache(served, cookie):
    answers = [
        served.request("GET", "/", cookie=cookie),
        served.request("GET", "/client/c-ana?session=2", cookie=cookie),
        served.request("GET", "/_dash-layout", cookie=cookie),
        served.request("GET", "/_dash-dependencies", cookie=cookie),
        served.request("POST", "/_dash-update-component", cookie=cookie, body=CALLBACK),
        served.request("GET", f"/client/c-ana?token={TOKEN}"),
        served.request("GET", "/"),
        served.request("GET", "/", host="evil.example"),
        served.request("POST", "/_dash-update-component", cookie=cookie, body=CALLBACK, origin="http://evil.example"),
    ]
    assert [a.status for a in answers] == [200, 200, 200, 200, 200, 302, 401, 403, 403]
    assert [a.headers["Cache-Control"] for a in answers] == ["no-store"] * len(answers)
    # The refusals carry the same strict policy as the pages.
    assert all("default-src 'self'" in a.headers["Content-Security-Policy"] for a in answers)
