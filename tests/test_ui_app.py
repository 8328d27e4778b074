"""The dashboard's structure: every callback names components that exist, and nothing risky is used."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest
from dash.development.base_component import Component

from ipt_network.ui import create_app, ids
from ipt_network.ui.app import ASSETS
from ipt_network.ui.callbacks_router import page_for
from ipt_network.ui.layout_shell import DEFAULT_PREFS, shell


def walk(component):
    """Every component in a layout tree."""
    if isinstance(component, Component):
        yield component
        yield from walk(getattr(component, "children", None))
    elif isinstance(component, list | tuple):
        for child in component:
            yield from walk(child)


PAGES = {
    "shell": shell(),
    "clients": page_for("/", DEFAULT_PREFS),
    "review": page_for("/client/c-ana", DEFAULT_PREFS),
    "missing": page_for("/no/such/page", None),
}


def ids_on(page) -> list[str]:
    """The plain string ids on a page (pattern-matching dict ids are left out)."""
    return [c.id for c in walk(page) if isinstance(getattr(c, "id", None), str)]


@pytest.fixture
def app(db_url):
    return create_app(db_url, token="t")


def test_every_callback_names_components_of_one_page(app):
    """Dash refuses a callback whose inputs are partly on the shell and partly on a page."""
    on_page = {name: set(ids_on(page)) for name, page in PAGES.items()}
    for callback in app.callback_map.values():
        if any(dep["id"].startswith("{") for dep in callback["inputs"] + callback["state"]):
            continue  # pattern-matching ids (kept as JSON text) may match nothing, by design
        inputs = {dep["id"] for dep in callback["inputs"]}
        homes = [name for name, present in on_page.items() if inputs <= present]
        assert homes, f"inputs {inputs} are not all on one page"
        everything_there = on_page[homes[0]] | on_page["shell"]
        outputs = callback["output"] if isinstance(callback["output"], list) else [callback["output"]]
        named = {dep["id"] for dep in callback["state"]} | {
            out.component_id for out in outputs if not isinstance(out.component_id, dict)}
        assert named <= everything_there, f"{named - everything_there} missing from {homes[0]}"


def test_ids_are_unique_on_every_page():
    for name, page in PAGES.items():
        found = ids_on(page) + (ids_on(PAGES["shell"]) if name != "shell" else [])
        assert len(found) == len(set(found)), name


def test_nothing_is_persisted_to_browser_storage_or_rendered_as_html():
    for page in PAGES.values():
        for component in walk(page):
            assert not getattr(component, "persistence", None), component
            assert not getattr(component, "dangerously_allow_html", None), component
            if type(component).__name__ == "Store":
                assert component.storage_type == "memory"


def test_routes_choose_the_page_from_the_address():
    assert ids.CLIENT_ROWS in ids_on(page_for("/", None))
    review = page_for("/client/c%2Fana%20b", None)
    client_store = next(c for c in walk(review) if getattr(c, "id", None) == ids.REVIEW_CLIENT)
    assert client_store.data == "c/ana b"
    assert ids.PAGE not in ids_on(page_for("/clients", None))
    assert ids.REVIEW_CLIENT not in ids_on(page_for("/client/", None))


def test_review_switches_start_from_the_preferences_so_far():
    review = page_for("/client/c-ana", {"voice": "client", "hide_names": True})
    values = {c.id: c.value for c in walk(review) if getattr(c, "id", None) in (ids.VOICE, ids.HIDE_NAMES)}
    assert values == {ids.VOICE: "client", ids.HIDE_NAMES: ["hide"]}


def test_the_vendored_plotly_bundle_is_the_version_of_the_installed_plotly():
    """Graphs use assets/vendor/plotly-basic.min.js; it must match the plotly.js the figures are made for."""
    first_lines = "\n".join((ASSETS / "vendor" / "plotly-basic.min.js").read_text(encoding="utf-8").splitlines()[:3])
    installed = (files("plotly") / "package_data" / "plotly.min.js").read_text(encoding="utf-8")[:200]
    version = re.compile(r"plotly\.js.* v(\d+\.\d+\.\d+)")
    assert version.search(first_lines).group(1) == version.search(installed).group(1)
