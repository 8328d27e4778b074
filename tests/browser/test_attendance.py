"""Attendance of the session on show, in Chromium: a session started and then not held is marked so in
the session's details, keeps its date on the timeline, loses the unrated copy it started with, and is
left out of the series; a session holding ratings is refused in words.

The sample client is Rosa (data/samples/rosa_grief.json): 16 sessions, all held.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ipt_network.ui import ids
from ipt_network.ui.layout_edit import OPEN_LABEL
from tests.browser.test_case import CLIENT

pytestmark = pytest.mark.browser

MESSAGE = f"#{ids.EDIT_MESSAGE}"
CAPTION = f"#{ids.EDIT_CAPTION}"


def open_details(page: Page, app_url: str, number: int) -> None:
    page.goto(f"{app_url}client/{CLIENT}?session={number}")
    page.get_by_role("button", name=OPEN_LABEL).click()
    expect(page.locator(CAPTION)).to_contain_text(f"session {number} ")


def test_a_session_not_held_keeps_its_date_and_leaves_the_series(page: Page, app_url, store):
    open_details(page, app_url, 16)
    page.click(f"#{ids.EDIT_SESSION_NEXT}")
    expect(page).to_have_url(f"{app_url}client/{CLIENT}?session=17")
    expect(page.locator(CAPTION)).to_contain_text("session 17 ")
    date = store.load(CLIENT).document.session(17).date
    expect(page.locator(f"#{ids.EDIT_SESSION_DATE}")).to_have_value(date.isoformat())  # the form is session 17's
    page.locator(f"#{ids.EDIT_SESSION_ATTENDANCE}").get_by_label("Did not attend").check()
    page.get_by_role("button", name="Save session details").click()
    expect(page.locator(MESSAGE)).to_have_text("Saved: session 17: attendance attended → did not attend.")
    missed = store.load(CLIENT).document.session(17)
    assert (missed.attendance, missed.date, missed.ties, missed.links) == ("did_not_attend", date, [], [])
    expect(page.locator(CAPTION)).to_contain_text("Session 17")
    expect(page.locator(CAPTION)).to_contain_text("did not take place")
    expect(page.locator(f"#{ids.EDIT_SESSION_PARTS}")).to_be_hidden()
    page.reload()
    page.get_by_role("button", name=OPEN_LABEL).click()
    expect(page.locator(f"#{ids.EDIT_SESSION_ATTENDANCE}").get_by_label("Did not attend")).to_be_checked()
    timeline = page.locator(f"#{ids.TIMELINE_GRAPH} .js-plotly-plot")
    expect(timeline.locator(".scatterlayer .trace").first).to_be_attached()
    shown = timeline.evaluate("gd => gd.data.flatMap(trace => trace.x || [])")
    assert 17 in shown  # the missed session keeps its place on the timeline
    mood = page.locator(f"#{ids.MOOD_GRAPH} .js-plotly-plot").evaluate(
        "gd => gd.data.filter(trace => trace.mode && trace.mode.includes('lines')).flatMap(trace => trace.x)")
    assert 17 not in mood


def test_a_session_holding_ratings_is_not_marked_missed(page: Page, app_url, store):
    before = store.load(CLIENT).document.session(5)
    open_details(page, app_url, 5)
    page.locator(f"#{ids.EDIT_SESSION_ATTENDANCE}").get_by_label("Cancelled").check()
    page.get_by_role("button", name="Save session details").click()
    expect(page.locator(MESSAGE)).to_have_text(
        "Session 5 holds ratings and mood scores; a session that did not take place has none, so take them out "
        "first (or keep it as attended). Nothing was saved.")
    assert store.load(CLIENT).document.session(5) == before


def test_a_session_just_started_shows_its_own_details_and_an_empty_mood_form(page: Page, app_url, store):
    open_details(page, app_url, 16)
    page.click(f"#{ids.EDIT_SESSION_NEXT}")
    expect(page).to_have_url(f"{app_url}client/{CLIENT}?session=17")
    started = store.load(CLIENT).document.session(17)
    expect(page.locator(f"#{ids.EDIT_SESSION_DATE}")).to_have_value(started.date.isoformat())
    expect(page.locator(f"#{ids.EDIT_SESSION_NOTES}")).to_have_value("")
    expect(page.locator(f"#{ids.EDIT_MOOD_TOTAL}")).to_have_value("")


def test_a_risk_check_after_a_missed_session_is_recorded_with_it(page: Page, app_url, store):
    store.start_next_session(CLIENT)
    open_details(page, app_url, 17)
    page.locator(f"#{ids.EDIT_SESSION_ATTENDANCE}").get_by_label("Did not attend").check()
    page.get_by_role("button", name="Save session details").click()
    expect(page.locator(MESSAGE)).to_have_text("Saved: session 17: attendance attended → did not attend.")
    expect(page.locator(f"#{ids.EDIT_SESSION_PARTS}")).to_be_hidden()
    # A missed session of a client at risk is followed up (by phone): that check belongs to the record.
    page.locator(f"#{ids.EDIT_RISK_ASSESSED}").get_by_label("Yes", exact=True).check()
    page.locator(f"#{ids.EDIT_RISK_LEVEL}").get_by_label("Low", exact=True).check()
    page.locator(f"#{ids.EDIT_RISK_PLAN}").get_by_label("Yes", exact=True).check()
    page.click(f"#{ids.EDIT_RISK_SAVE}")
    expect(page.locator(MESSAGE)).to_have_text(
        "Saved: risk record of session 17 (assessed, level low, safety plan in place).")
    missed = store.load(CLIENT).document.session(17)
    assert (missed.attendance, missed.risk.assessed, missed.risk.level, missed.risk.plan_in_place) == (
        "did_not_attend", True, "low", True)
