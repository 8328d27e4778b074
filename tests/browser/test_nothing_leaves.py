"""Nothing on any page can send a client's data elsewhere (DESIGN section 10, ui/modebar.py).

Plotly's toolbar offers, unless told otherwise, a logo linking to plotly.com and buttons that
upload the figure to Plotly's cloud ("Edit in Chart Studio", "Share chart…"). Every page is
looked at once its charts are drawn: each chart's toolbar holds the picture download and nothing
else, and no link on the page leads outside the app.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from ipt_network.ui import ids
from ipt_network.ui.layout_edit import OPEN_LABEL

pytestmark = pytest.mark.browser

DOWNLOAD = "Download plot as a PNG"
"""plotly.js's title of the toImage button (its English locale)."""

CLOUD_WORDS = ("share", "chart studio", "plotly.com", "cloud", "produced with plotly")
"""Words of plotly's cloud offers, looked for as whole words ("shared at session 3" is the case card's)."""

PAGE_AS_SEEN = """() => ({
    toolbars: [...document.querySelectorAll('.modebar')].map(bar =>
        [...bar.querySelectorAll('.modebar-btn')].map(button => button.getAttribute('data-title'))),
    logos: document.querySelectorAll('.modebar-btn--logo').length,
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    text: document.body.innerText.toLowerCase(),
})"""


def drawn(graph_id: str) -> str:
    return f"() => document.querySelector('#{graph_id} .js-plotly-plot')?.data?.length > 0"


def assert_nothing_leaves(page: Page, app_url: str, charts: int) -> None:
    seen = page.evaluate(PAGE_AS_SEEN)
    assert seen["toolbars"] == [[DOWNLOAD]] * charts
    assert seen["logos"] == 0
    assert [link for link in seen["links"] if not link.startswith(app_url)] == []
    assert [word for word in CLOUD_WORDS if re.search(rf"\b{re.escape(word)}\b", seen["text"])] == []


def test_client_list(page: Page, app_url):
    page.goto(app_url)
    expect(page.get_by_role("link", name="Rosa")).to_be_visible()
    assert_nothing_leaves(page, app_url, charts=0)


def test_review_page(page: Page, app_url):
    page.goto(f"{app_url}client/c-rosa?session=3")
    page.wait_for_function(drawn(ids.NETWORK_GRAPH))
    page.wait_for_function(drawn(ids.MOOD_GRAPH))
    # The network and the mood chart have a toolbar; the timeline strip has none at all.
    assert_nothing_leaves(page, app_url, charts=2)


def test_comparison(page: Page, app_url):
    page.goto(f"{app_url}client/c-priya?session=8&compare=4")
    for graph_id in (ids.NETWORK_GRAPH, ids.MOOD_GRAPH, ids.COMPARE_BEFORE, ids.COMPARE_AFTER):
        page.wait_for_function(drawn(graph_id))
    assert_nothing_leaves(page, app_url, charts=4)


def test_recording_panel_open(page: Page, app_url):
    page.goto(f"{app_url}client/c-rosa?session=3")
    page.get_by_role("button", name=OPEN_LABEL).click()
    expect(page.locator(f"#{ids.EDIT_GRID} .ag-cell[col-id=name]").first).to_be_visible()
    page.wait_for_function(drawn(ids.NETWORK_GRAPH))
    page.wait_for_function(drawn(ids.MOOD_GRAPH))
    assert_nothing_leaves(page, app_url, charts=2)
