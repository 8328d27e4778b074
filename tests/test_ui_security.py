"""HTTP protections of the dashboard (DESIGN section 8), checked on the real Flask server."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest

from ipt_network.formats.limits import MAX_FILE_BYTES
from ipt_network.ui import create_app
from ipt_network.ui.security import MAX_REQUEST_BYTES

TOKEN = "t0ken"


@pytest.fixture
def app(db_url):
    return create_app(db_url, token=TOKEN)


@pytest.fixture
def client(app):
    """A client past the door (ui/door.py, tested over HTTP in test_ui_door.py): it brought the token once."""
    signed_in = app.server.test_client()
    assert signed_in.get(f"/?token={TOKEN}").status_code == 302
    return signed_in


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as directive → sources."""
    directives = response.headers["Content-Security-Policy"].split(";")
    return {name: sources for name, *sources in (d.split() for d in directives if d.strip())}


def test_policy_allows_only_the_app_itself(client):
    csp = policy(client.get("/"))
    assert csp["default-src"] == ["'self'"]
    assert csp["connect-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["script-src"][0] == "'self'"
    assert all(source.startswith("'sha256-") for source in csp["script-src"][1:])


def test_every_inline_script_of_the_page_is_allowed_by_its_hash(client):
    response = client.get("/")
    page = response.get_data(as_text=True)
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", page, re.S)
    assert inline, "Dash starts its renderer from one inline script"
    allowed = set(policy(response)["script-src"])
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed


def test_the_page_loads_nothing_from_another_site(client):
    page = client.get("/").get_data(as_text=True)
    addresses = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert addresses
    assert all(address.startswith("/") and not address.startswith("//") for address in addresses)
    config = json.loads(re.search(r'id="_dash-config" type="application/json">(.*?)</script>', page).group(1))
    assert config["serve_locally"] is True
    assert config["disable_version_check"] is True
    assert config["ui"] is False


@pytest.mark.parametrize("path", ["/", "/client/c-ana", "/client/c-ana?session=2&compare=1", "/_dash-layout",
                                  "/_dash-dependencies"])
def test_no_response_is_kept_in_a_browser_cache(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def static_addresses(client) -> list[str]:
    """The scripts and stylesheets the page links to, as Dash writes them."""
    page = client.get("/").get_data(as_text=True)
    return [address for address in re.findall(r'(?:src|href)="([^"]*)"', page)
            if address.startswith(("/_dash-component-suites/", "/assets/"))]


def test_fingerprinted_static_files_are_kept_for_a_year(client):
    # Package files carry Dash's fingerprint in their name (react@18.v4_4_1m<mtime>.3.1.min.js);
    # the app's stylesheets carry ?m=<mtime>. A year is 365 × 24 × 3600 = 31,536,000 s.
    fingerprinted = [a for a in static_addresses(client) if re.search(r"\.v[\w-]+m[0-9a-f]+\.|\?m=", a)]
    assert any("dash_renderer" in a for a in fingerprinted)
    assert any(a.startswith("/assets/app.css?m=") for a in fingerprinted)
    for address in fingerprinted:
        response = client.get(address)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "private, max-age=31536000, immutable", address


def test_plain_static_files_are_kept_but_checked_on_every_use(client):
    # plotly.js is fetched on demand under a name without a fingerprint, so a browser must ask
    # whether it changed; the answer "not modified" carries no body.
    address = "/_dash-component-suites/plotly/package_data/plotly.min.js"
    first = client.get(address)
    assert first.status_code == 200 and len(first.data) > 1_000_000
    assert first.headers["Cache-Control"] == "private, no-cache"
    again = client.get(address, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["Cache-Control"] == "private, no-cache"
    assert client.get("/assets/bootstrap.min.css").headers["Cache-Control"] == "private, no-cache"


def test_a_missing_static_file_is_not_cached(client):
    response = client.get("/assets/no-such-file.css?m=1")
    assert response.status_code == 404
    assert response.headers["Cache-Control"] == "no-store"


def test_callback_answers_are_not_cached_either(client):
    body = {"output": "new-client-id.placeholder", "outputs": {"id": "new-client-id", "property": "placeholder"},
            "inputs": [{"id": "new-client-label", "property": "value", "value": "Ana"}], "changedPropIds": []}
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    assert response.json["response"]["new-client-id"]["placeholder"] == "c-ana"
    assert response.headers["Cache-Control"] == "no-store"


def test_a_file_at_the_import_limit_fits_in_one_request():
    # base64 turns every 3 bytes into 4: 20 MiB = 20,971,520 bytes -> 27,962,028 characters,
    # which must fit under the cap with room for the rest of the callback request.
    encoded = 4 * -(-MAX_FILE_BYTES // 3)
    assert encoded == 27_962_028
    assert encoded + 100_000 < MAX_REQUEST_BYTES < 30 * 1024 * 1024


def test_an_oversized_request_is_refused_before_it_is_read(client):
    response = client.post("/_dash-update-component", data=b"x" * (MAX_REQUEST_BYTES + 1),
                           content_type="application/json")
    assert response.status_code == 413


def test_framing_and_sniffing_are_refused(client):
    headers = client.get("/").headers
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "Access-Control-Allow-Origin" not in headers


def test_the_model_context_protocol_server_stays_off(app):
    assert not [rule.rule for rule in app.server.url_map.iter_rules() if "mcp" in rule.rule.lower()]
