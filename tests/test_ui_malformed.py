"""Malformed requests get a short 400 or 404 from the real Flask server, never a 500."""

from __future__ import annotations

import re

import pytest

from ipt_network.ui import create_app

GOOD = {"output": "new-client-id.placeholder", "outputs": {"id": "new-client-id", "property": "placeholder"},
        "inputs": [{"id": "new-client-label", "property": "value", "value": "Ana"}], "changedPropIds": []}
"""A real callback request of the new-client form (the id it suggests for the label "Ana")."""


@pytest.fixture
def client(db_url):
    """A client past the door (ui/door.py): it brought the token once."""
    signed_in = create_app(db_url, token="t").server.test_client()
    assert signed_in.get("/?token=t").status_code == 302
    return signed_in


def test_a_well_formed_request_is_answered(client):
    response = client.post("/_dash-update-component", json=GOOD)
    assert response.status_code == 200
    assert response.json["response"]["new-client-id"]["placeholder"] == "c-ana"


@pytest.mark.parametrize(("body", "said"), [
    (b"{not json", "the request must be JSON"),
    (b"[]", "the request must be a JSON object"),
    (b"{}", "'output' must be text"),
    (b'{"output": 5}', "'output' must be text"),
    (b'{"output": "nowhere.children", "outputs": {}}', "'output' names no callback of this app"),
])
def test_malformed_bodies_get_400_with_a_short_reason(client, body, said):
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert (response.status_code, response.get_data(as_text=True)) == (400, f"Bad request: {said}.")


@pytest.mark.parametrize(("field", "value", "said"), [
    ("outputs", "x", "'outputs' must be an object or a list"),
    ("inputs", "bad", "'inputs' must be a list of {id, property} objects"),
    ("inputs", [{"id": 3, "property": "value"}], "'inputs' must be a list of {id, property} objects"),
    ("state", [{"id": "x"}], "'state' must be a list of {id, property} objects"),
    ("changedPropIds", "x", "'changedPropIds' must be a list"),
])
def test_fields_of_the_wrong_type_get_400(client, field, value, said):
    response = client.post("/_dash-update-component", json={**GOOD, field: value})
    assert (response.status_code, response.get_data(as_text=True)) == (400, f"Bad request: {said}.")


@pytest.mark.parametrize("path", ["/assets/nope.css", "/_dash-component-suites/bad",
                                  "/_dash-component-suites/dash/nope.js", "/_dash-component-suites/nopkg/x.js"])
def test_unknown_static_paths_are_404(client, path):
    assert client.get(path).status_code == 404


def test_every_package_file_the_page_names_is_still_served(client):
    page = client.get("/").get_data(as_text=True)
    scripts = re.findall(r'src="(/_dash-component-suites/[^"]+)"', page)
    assert len(scripts) >= 5
    assert [client.get(path).status_code for path in scripts] == [200] * len(scripts)
