"""A callback that fails unexpectedly is told in the page and logged, never left as a silent, stale panel.

The failure is real: another program removes the client from the database while their review page
is open, so the next session change cannot find them.
"""

from __future__ import annotations

import logging
import sqlite3

import pytest
from playwright.sync_api import Page, expect

from ipt_network.errors import NotFoundError
from ipt_network.ui import ids
from ipt_network.ui.view import NOTHING_CHANGED
from tests.browser.conftest import GRAPH_DRAWN

pytestmark = pytest.mark.browser

SLIDER_THUMB = f"#{ids.SESSION_SLIDER} [role=slider]"


def test_a_client_removed_underneath_gives_a_calm_alert_and_a_logged_error(page: Page, app_url, tmp_path, caplog):
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
    expect(page.locator(f"#{ids.SESSION_CAPTION}")).to_contain_text("Session 6 ·")
    failed = [r for r in caplog.records if r.name == "ipt_network.ui.view" and r.levelno == logging.ERROR]
    assert len(failed) == 1 and isinstance(failed[0].exc_info[1], NotFoundError)
    assert ids.NETWORK_GRAPH in failed[0].getMessage()
