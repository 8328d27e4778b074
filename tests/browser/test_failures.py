"""Every failure said where it happened, in words a clinician understands, with nothing changed;
a callback that fails unexpectedly is told in the page and logged, never left as a silent, stale panel.

Rosa (data/samples/rosa_grief.json), session 3: Pablo has support 4.
"""

from __future__ import annotations

import logging
import sqlite3
import time

import pytest
from playwright.sync_api import Page, Route, expect

from ipt_network.errors import NotFoundError
from ipt_network.formats.limits import MAX_FILE_BYTES
from ipt_network.ui import ids
from ipt_network.ui.view import NOTHING_CHANGED
from tests.browser.conftest import GRAPH_DRAWN
from tests.browser.test_client_list import ROWS, UPLOAD_INPUT
from tests.browser.test_editing import MESSAGE, cell, open_session, tie, type_into
from tests.conftest import SAMPLES

pytestmark = pytest.mark.browser

BANNER = "#connection-alert"
SLIDER_THUMB = f"#{ids.SESSION_SLIDER} [role=slider]"


def take_back(problems: list[str], *provoked: str) -> None:
    """Drop the console errors the test provoked on purpose (Dash logs every failed callback)."""
    problems[:] = [p for p in problems if not any(words in p for words in provoked)]


def test_a_file_over_the_limit_is_refused_next_to_the_import_control(page: Page, app_url):
    page.goto(app_url)
    expect(page.locator(ROWS)).to_have_count(len(SAMPLES))
    too_big = b"{" + b" " * (MAX_FILE_BYTES + 1024 * 1024) + b"}"  # 21 MiB and 2 bytes
    page.set_input_files(UPLOAD_INPUT, files=[{"name": "big.json", "mimeType": "application/json",
                                               "buffer": too_big}])
    expect(page.locator(f"#{ids.UPLOAD_MESSAGE}")).to_have_text(
        "big.json is 21.0 MB; the largest file that can be imported is 20.0 MB. Nothing was imported.")
    expect(page.locator(ROWS)).to_have_count(len(SAMPLES))


def test_a_lost_connection_is_said_and_nothing_is_saved(page: Page, app_url, store, watch_page):
    open_session(page, app_url, 3)
    page.route("**/_dash-update-component*", lambda route: route.abort("connectionrefused"))
    type_into(page, cell(page, "Pablo", "support"), "7")
    expect(page.locator(BANNER)).to_have_text(
        "ipt-network cannot be reached, so your last change may not have been saved. "
        "Check that ipt-network is still running, then reload the page.")
    expect(page.locator(BANNER)).to_have_attribute("role", "alert")
    assert tie(store, 3, "p-pablo").support == 4
    take_back(watch_page, "Callback failed", "ERR_CONNECTION_REFUSED", "Failed to fetch", "Failed to load resource")


def test_a_server_error_is_said_and_cleared_by_the_next_answer(page: Page, app_url, store, watch_page):
    open_session(page, app_url, 3)

    failed_saves = []

    def fail(route: Route) -> None:
        if "cellValueChanged" in (route.request.post_data or ""):
            failed_saves.append(route.request.post_data)
        route.fulfill(status=500, body="Internal Server Error")

    page.route("**/_dash-update-component*", fail)
    type_into(page, cell(page, "Pablo", "support"), "7")
    expect(page.locator(BANNER)).to_have_text(
        "ipt-network could not finish your last request, so it may not have been saved. "
        "Nothing else was changed; reload the page to see what is stored.")
    # Another request can fail first and raise the banner: wait until the grid's own save has failed.
    deadline = time.monotonic() + 15
    while not failed_saves and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert failed_saves, "the grid's save never went out"
    assert tie(store, 3, "p-pablo").support == 4
    page.unroute("**/_dash-update-component*", fail)
    type_into(page, cell(page, "Marta", "support"), "8")
    # The 7 still on screen was not saved; it goes with the next save rather than being lost.
    expect(page.locator(MESSAGE)).to_have_text("Saved: support for Marta 7 → 8; support for Pablo 4 → 7.")
    assert (tie(store, 3, "p-marta").support, tie(store, 3, "p-pablo").support) == (8, 7)
    expect(page.locator(BANNER)).to_be_hidden()
    take_back(watch_page, "Callback failed", "status of 500", "Internal Server Error")


def test_a_client_removed_underneath_gives_a_calm_alert_and_a_logged_error(page: Page, app_url, tmp_path, caplog):
    # Another program removes the client while their review page is open.
    page.goto(f"{app_url}client/c-priya?session=6")
    page.wait_for_function(GRAPH_DRAWN)
    alert = page.locator(f"#{ids.FAILURE}")
    expect(alert).to_be_hidden()
    other_program = sqlite3.connect(tmp_path / "ipt.db", isolation_level=None)
    other_program.execute("DELETE FROM clients WHERE id = 'c-priya'")
    other_program.close()
    page.focus(SLIDER_THUMB)
    page.keyboard.press("ArrowLeft")  # the network of session 5 asks for a client no longer there
    expect(alert).to_be_visible()
    expect(alert).to_have_text(NOTHING_CHANGED)
    expect(alert).to_have_attribute("role", "alert")
    assert NOTHING_CHANGED.startswith("Something went wrong; nothing was changed.")
    # The picture that was drawn stays as it was, and says which session it is.
    expect(page.locator(f"#{ids.SESSION_CAPTION}")).to_contain_text("Session 6 ")
    failed = [r for r in caplog.records if r.name == "ipt_network.ui.view" and r.levelno == logging.ERROR]
    assert len(failed) == 1 and isinstance(failed[0].exc_info[1], NotFoundError)
    assert ids.NETWORK_GRAPH in failed[0].getMessage()
