"""The client list and the review page skeleton, driven as a therapist would, in Chromium.

Expected values come from the sample files in data/samples/ (their README lists each client's
problem area and number of sessions; dates are read from the files and noted where used).
"""

from __future__ import annotations

import copy
import json
import re

import pytest
from playwright.sync_api import Page, expect

from ipt_network.ui import ids
from tests.browser.conftest import GRAPH_DRAWN
from tests.conftest import ANA

pytestmark = pytest.mark.browser

ROWS = f"#{ids.CLIENT_ROWS} tr"
UPLOAD_INPUT = f"#{ids.UPLOAD} input[type=file]"
SLIDER_THUMB = f"#{ids.SESSION_SLIDER} [role=slider]"


def upload(page: Page, name: str, document: dict) -> None:
    page.set_input_files(UPLOAD_INPUT, files=[{
        "name": name, "mimeType": "application/json", "buffer": json.dumps(document).encode()}])


@pytest.mark.reads_only
def test_list_shows_the_sample_clients(page: Page, app_url):
    page.goto(app_url)
    rows = page.locator(ROWS)
    expect(rows).to_have_count(5)
    # Sorted by label. Sessions per README table; last dates: the last session of each file
    # (femi 2026-08-03, kit 2026-06-29, priya 2026-05-11, rosa 2026-05-04, tom 2026-06-01).
    expect(rows.nth(0)).to_have_text("FemiRole transition, Role dispute123 Aug 2026")
    expect(rows.nth(1)).to_have_text("KitInterpersonal deficits1229 Jun 2026")
    expect(rows.nth(2)).to_have_text("PriyaRole dispute1511 May 2026")
    expect(rows.nth(3)).to_have_text("RosaGrief164 May 2026")
    expect(rows.nth(4)).to_have_text("TomRole transition141 Jun 2026")
    expect(page.locator(f"#{ids.CLIENT_COUNT}")).to_have_text("5 clients")
    expect(rows.nth(3).get_by_role("link", name="Rosa")).to_have_attribute("href", "/client/c-rosa")


@pytest.mark.reads_only
def test_search_filters_the_list(page: Page, app_url):
    page.goto(app_url)
    expect(page.locator(ROWS)).to_have_count(5)
    page.fill(f"#{ids.CLIENT_SEARCH}", "pri")
    expect(page.locator(ROWS)).to_have_count(1)
    expect(page.locator(ROWS).first).to_contain_text("Priya")
    expect(page.locator(f"#{ids.CLIENT_COUNT}")).to_have_text("1 client matching “pri”")
    page.fill(f"#{ids.CLIENT_SEARCH}", "nobody-has-this")
    expect(page.locator(ROWS)).to_have_text("No client matches this search.")


@pytest.mark.reads_only
def test_deep_link_opens_the_session_and_draws_the_network(page: Page, app_url):
    page.goto(f"{app_url}client/c-rosa?session=3")
    expect(page.locator(f"#{ids.REVIEW_LABEL}")).to_have_text("Rosa")
    expect(page.locator(f"#{ids.REVIEW_AREAS}")).to_have_text("Grief")
    # rosa_grief.json: session 3 is dated 2026-02-02, phase "initial", of 16 planned.
    expect(page.locator(f"#{ids.SESSION_CAPTION}")).to_have_text(
        "Session 3 of 16 · 13 left · 2 Feb 2026 · initial phase")
    expect(page.locator(SLIDER_THUMB)).to_have_attribute("aria-valuenow", "3")
    page.wait_for_function(GRAPH_DRAWN)
    expect(page.locator(f"#{ids.NETWORK_SUMMARY}")).to_contain_text("Session 3 (2 Feb 2026)")
    assert page.url.endswith("/client/c-rosa?session=3")


@pytest.mark.reads_only
def test_moving_the_slider_updates_the_address(page: Page, app_url):
    page.goto(f"{app_url}client/c-rosa?session=3")
    expect(page.locator(SLIDER_THUMB)).to_have_attribute("aria-valuenow", "3")
    page.focus(SLIDER_THUMB)
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(f"{app_url}client/c-rosa?session=4")
    # rosa_grief.json: session 4 is dated 2026-02-09, phase "middle", of 16 planned.
    expect(page.locator(f"#{ids.SESSION_CAPTION}")).to_have_text(
        "Session 4 of 16 · 12 left · 9 Feb 2026 · middle phase")
    page.keyboard.press("End")
    expect(page).to_have_url(f"{app_url}client/c-rosa?session=16")
    page.go_back()
    expect(page).to_have_url(f"{app_url}client/c-rosa?session=4")
    expect(page.locator(SLIDER_THUMB)).to_have_attribute("aria-valuenow", "4")
    expect(page.locator(f"#{ids.SESSION_CAPTION}")).to_contain_text("Session 4 ")


@pytest.mark.reads_only
def test_an_address_without_a_session_shows_the_latest(page: Page, app_url):
    page.goto(f"{app_url}client/c-kit?session=99")
    # Kit has 12 sessions; an unknown one falls back to the latest, and the address says so.
    expect(page).to_have_url(f"{app_url}client/c-kit?session=12")
    expect(page.locator(SLIDER_THUMB)).to_have_attribute("aria-valuenow", "12")


@pytest.mark.reads_only
def test_unknown_client_gets_a_kind_message(page: Page, app_url):
    page.goto(f"{app_url}client/c-nobody")
    notice = page.locator(f"#{ids.REVIEW_NOT_FOUND}")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("No client has the id c-nobody.")
    expect(page.locator(f"#{ids.REVIEW_BODY}")).to_be_hidden()
    notice.get_by_role("link", name="Go to the list of clients").click()
    expect(page.locator(ROWS)).to_have_count(5)


def test_a_bad_upload_lists_every_problem_and_changes_nothing(page: Page, app_url):
    page.goto(app_url)
    expect(page.locator(ROWS)).to_have_count(5)
    bad = copy.deepcopy(ANA)
    bad["client"]["colour"] = "blue"
    bad["sessions"][0]["ties"][1]["support"] = 12
    upload(page, "ana.json", bad)
    problems = page.locator(f"#{ids.UPLOAD_MESSAGE} li")
    # The CLI's words (model rules: unknown keys refused; support is 0–10), one line per problem.
    expect(problems).to_have_text([
        "ana.json: client: unknown field 'colour' (is it a typo?)",
        "ana.json: session 1, tie for 'p-dan': support must be an integer 0–10, got 12",
    ])
    expect(page.locator(f"#{ids.UPLOAD_MESSAGE}")).to_contain_text("Nothing was imported.")
    expect(page.locator(ROWS)).to_have_count(5)


def test_a_good_upload_adds_the_client(page: Page, app_url):
    page.goto(app_url)
    upload(page, "ana.json", ANA)
    expect(page.locator(f"#{ids.UPLOAD_MESSAGE}")).to_contain_text("Imported Ana with 1 session.")
    expect(page.locator(ROWS)).to_have_count(6)
    expect(page.locator(ROWS).first).to_have_text("AnaRole dispute15 Jan 2026")
    page.locator(f"#{ids.UPLOAD_MESSAGE}").get_by_role("link", name="Open Ana").click()
    expect(page).to_have_url(f"{app_url}client/c-ana?session=1")
    page.wait_for_function(GRAPH_DRAWN)


def test_an_existing_id_asks_before_replacing(page: Page, app_url):
    page.goto(app_url)
    upload(page, "ana.json", ANA)
    expect(page.locator(ROWS)).to_have_count(6)
    renamed = copy.deepcopy(ANA)
    renamed["client"]["label"] = "Ana B."
    upload(page, "ana-renamed.json", renamed)
    confirm = page.locator(f"#{ids.UPLOAD_CONFIRM}")
    expect(confirm).to_be_visible()
    expect(confirm).to_contain_text("A client with the id “c-ana” already exists.")
    page.click(f"#{ids.UPLOAD_KEEP}")
    expect(confirm).to_be_hidden()
    expect(page.locator(f"#{ids.UPLOAD_MESSAGE}")).to_have_text(
        "Nothing was imported; the existing client is unchanged.")
    expect(page.locator(ROWS).first).to_contain_text("Ana")
    expect(page.locator(ROWS).first).not_to_contain_text("Ana B.")

    upload(page, "ana-renamed.json", renamed)
    expect(confirm).to_be_visible()
    page.click(f"#{ids.UPLOAD_REPLACE}")
    expect(page.locator(f"#{ids.UPLOAD_MESSAGE}")).to_contain_text("Imported Ana B.")
    expect(page.locator(ROWS)).to_have_count(6)
    expect(page.locator(ROWS).first).to_contain_text("Ana B.")


def test_new_client_form_suggests_an_id_and_adds_the_client(page: Page, app_url):
    page.goto(app_url)
    page.fill(f"#{ids.NEW_LABEL}", "Zoë M.")
    expect(page.locator(f"#{ids.NEW_ID}")).to_have_attribute("placeholder", "c-zoe-m")
    page.get_by_role("checkbox", name="Role transition").check()
    page.fill(f"#{ids.NEW_START}", "2026-03-02")
    page.click(f"#{ids.NEW_CREATE}")
    expect(page.locator(f"#{ids.NEW_MESSAGE}")).to_contain_text("Added Zoë M.")
    row = page.locator(ROWS).filter(has_text="Zoë M.")
    expect(row).to_have_text("Zoë M.Role transition0—")
    expect(row.get_by_role("link")).to_have_attribute("href", "/client/c-zoe-m")


def test_new_client_form_explains_what_is_missing(page: Page, app_url):
    page.goto(app_url)
    page.fill(f"#{ids.NEW_START}", "2 March")
    page.click(f"#{ids.NEW_CREATE}")
    expect(page.locator(f"#{ids.NEW_MESSAGE} li")).to_have_text([
        re.compile(r"^client: id must "),
        re.compile(r"^client: label must "),
        "client: start_date must be a date written YYYY-MM-DD, got '2 March'",
    ])
    expect(page.locator(ROWS)).to_have_count(5)


def test_a_label_with_markup_is_shown_as_text(page: Page, app_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(app_url)
    label = "<script>alert(1)</script><b>Bo</b>"
    page.fill(f"#{ids.NEW_LABEL}", label)
    page.click(f"#{ids.NEW_CREATE}")
    link = page.locator(ROWS).get_by_role("link", name=label)
    expect(link).to_have_text(label)
    assert page.locator(f"#{ids.CLIENT_ROWS} b").count() == 0
    link.click()
    expect(page.locator(f"#{ids.REVIEW_LABEL}")).to_have_text(label)
    assert dialogs == []


@pytest.mark.reads_only
def test_hide_names_reaches_the_words_and_carries_to_the_next_client(page: Page, app_url):
    page.goto(f"{app_url}client/c-rosa?session=3")
    summary = page.locator(f"#{ids.NETWORK_SUMMARY}")
    # rosa_grief.json: Luis (partner) died before therapy and is shown as remembered.
    expect(summary).to_contain_text("Remembered: Luis.")
    page.get_by_role("checkbox", name="Hide names").check()
    expect(summary).to_contain_text("Remembered: Partner.")
    page.get_by_role("link", name="All clients").click()
    page.get_by_role("link", name="Rosa").click()
    expect(page.get_by_role("checkbox", name="Hide names")).to_be_checked()
    # Opened without a session: the latest, 16 (4 May 2026), after Mr Byrne (neighbour) died on 2026-04-02.
    expect(summary).to_contain_text("Remembered: Partner and Neighbour.")


@pytest.mark.reads_only
def test_keyboard_reaches_a_client_with_a_visible_focus_ring(page: Page, app_url):
    page.goto(app_url)
    expect(page.locator(ROWS)).to_have_count(5)
    page.focus(f"#{ids.CLIENT_SEARCH}")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Femi")
    outline = focused.evaluate("e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth")
    assert outline == "solid 3px"


@pytest.mark.reads_only
@pytest.mark.parametrize("path", ["", "client/c-tom?session=2"])
def test_pages_fit_a_tablet_without_sideways_scrolling(page: Page, app_url, path):
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(app_url + path)
    page.wait_for_function(GRAPH_DRAWN if path else "() => document.querySelectorAll('#client-rows tr').length")
    assert page.evaluate("document.documentElement.scrollWidth") <= 768


@pytest.mark.reads_only
def test_the_browser_enforces_the_policy(page: Page, app_url, watch_page):
    """An injected inline script is refused, and the refusal is an error the watcher catches."""
    page.goto(app_url)
    expect(page.locator(ROWS)).to_have_count(5)
    page.evaluate("""() => { const s = document.createElement('script');
                             s.textContent = 'window.injected = 1'; document.body.appendChild(s); }""")
    assert page.evaluate("() => window.injected") is None
    assert len(watch_page) == 1 and "Content Security Policy" in watch_page[0]
    watch_page.clear()
