"""The pages audited with axe-core in Chromium: no WCAG violation on the client list, on the review
page in the therapist's and in the client's words, nor with the recording panel open (and its question
before a session is deleted).

axe-core is the copy bundled with ``axe-playwright-python`` (``axe.min.js``). It is injected as a
script, which the app's strict Content-Security-Policy rightly forbids, so the contexts of this
module alone bypass the policy; every other browser test runs under it.
"""

from __future__ import annotations

from importlib.resources import files

import pytest
from playwright.sync_api import Page, expect

from ipt_network.ui import ids
from tests.browser.conftest import GRAPH_DRAWN

pytestmark = [pytest.mark.browser, pytest.mark.reads_only]

AXE = files("axe_playwright_python") / "axe.min.js"

VIOLATIONS = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v =>
    `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)"""
"""Each violation axe-core finds: the rule, its impact, what it asks, and the elements that break it."""


@pytest.fixture
def browser_context_args(browser_context_args):
    """Contexts that let the audit's script in (this module only)."""
    return {**browser_context_args, "bypass_csp": True}


def assert_no_violations(page: Page) -> None:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(VIOLATIONS)
    assert found == [], "\n".join(found)


def open_review(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}client/c-priya?session=6")
    page.wait_for_function(GRAPH_DRAWN)
    expect(page.locator(f"#{ids.SESSION_CAPTION}")).to_contain_text("Session 6 ")


def test_the_client_list_has_no_violations(page: Page, app_url):
    page.goto(app_url)
    expect(page.locator(f"#{ids.CLIENT_ROWS} tr")).to_have_count(5)
    assert_no_violations(page)


def test_the_review_page_has_no_violations(page: Page, app_url):
    open_review(page, app_url)
    expect(page.locator(f"#{ids.HOTSPOTS_PANEL}")).to_contain_text("Arjun")
    expect(page.get_by_role("slider", name="Session")).to_have_attribute("aria-valuenow", "6")
    page.get_by_text("Before and after therapy: the history and the relapse plan").click()  # the case card folded
    expect(page.locator(f"#{ids.CASE_RELAPSE_PEOPLE}")).to_contain_text("Arjun")
    assert_no_violations(page)


def test_the_review_page_in_the_clients_words_has_no_violations(page: Page, app_url):
    open_review(page, app_url)
    page.get_by_label("Client", exact=True).check()
    expect(page.locator(f"#{ids.HOTSPOTS_TITLE}")).to_have_text("Support and strain")
    assert_no_violations(page)


def test_the_review_page_while_recording_has_no_violations(page: Page, app_url):
    open_review(page, app_url)
    page.click(f"#{ids.EDIT_TOGGLE}")
    expect(page.locator(f"#{ids.EDIT_CAPTION}")).to_contain_text("session 6 ")
    expect(page.locator(f"#{ids.EDIT_GRID} .ag-cell[col-id=name]").first).to_be_visible()
    assert_no_violations(page)


def test_the_question_before_deleting_a_session_has_no_violations(page: Page, app_url):
    open_review(page, app_url)
    page.click(f"#{ids.EDIT_TOGGLE}")
    page.get_by_role("button", name="Delete this session…").click()
    expect(page.get_by_role("group", name="Delete session 6 of Priya and everything recorded in it?")).to_be_visible()
    assert_no_violations(page)
    page.get_by_role("button", name="Keep", exact=True).click()  # nothing is changed: the module's server is shared
