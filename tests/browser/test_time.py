"""Time on the review page, in Chromium: Play steps through the sessions and stops at the last,
Pause stops it, and the timeline strip selects the session clicked.

The client is Priya (data/samples/priya_role_dispute.json): 15 weekly sessions; sessions 6, 8,
10, 13 and 14 record life events ("Joint session with Arjun" at session 8), the others none.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from ipt_network.ui import ids
from ipt_network.ui.layout_time import PLAY_STEP_MS
from tests.browser.conftest import GRAPH_DRAWN
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.reads_only]

PRIYA = json.loads((ROOT / "data" / "samples" / "priya_role_dispute.json").read_text())
WITH_EVENTS = [s["number"] for s in PRIYA["sessions"] if s["events"]]
WITHOUT_EVENTS = [s["number"] for s in PRIYA["sessions"] if not s["events"]]

PLAY = f"#{ids.PLAY}"
TIMELINE = f"#{ids.TIMELINE_GRAPH}"
TIMELINE_DRAWN = f"() => document.querySelector('{TIMELINE} .js-plotly-plot')?.data?.length > 0"
STEP_WAIT = 3 * PLAY_STEP_MS
"""Generous time for one step of Play (the interval, two server round trips and a redraw)."""


def open_priya(page: Page, app_url: str, session: int) -> None:
    page.goto(f"{app_url}client/c-priya?session={session}")
    page.wait_for_function(GRAPH_DRAWN)
    page.wait_for_function(TIMELINE_DRAWN)


def trace_of_timeline(page: Page, name: str) -> dict:
    return page.evaluate(f"""() => {{
        const trace = document.querySelector('{TIMELINE} .js-plotly-plot').data.find(t => t.name === '{name}');
        return {{x: Array.from(trace.x), hovertext: Array.from(trace.hovertext || [])}};
    }}""")


def test_the_sample_has_the_events_these_tests_rely_on():
    assert WITH_EVENTS == [6, 8, 10, 13, 14]
    assert len(PRIYA["sessions"]) == 15


def test_play_steps_through_to_the_last_session_and_stops(page: Page, app_url):
    open_priya(page, app_url, 13)
    button = page.locator(PLAY)
    expect(button).to_have_attribute("aria-label", "Play through the sessions")
    button.click()
    expect(button).to_have_attribute("aria-label", "Pause playing")
    expect(page).to_have_url(f"{app_url}client/c-priya?session=14", timeout=STEP_WAIT)
    expect(page.locator(f"#{ids.SESSION_CAPTION}")).to_contain_text("Session 14 ")
    expect(page).to_have_url(f"{app_url}client/c-priya?session=15", timeout=STEP_WAIT)
    # On the last session playing stops by itself: the button offers Play again, nothing moves on.
    expect(button).to_have_text("▶ Play")
    expect(button).to_have_attribute("aria-label", "Play through the sessions")
    page.wait_for_timeout(2 * PLAY_STEP_MS)
    assert page.url.endswith("?session=15")
    expect(page.locator(f"#{ids.SESSION_SLIDER} [role=slider]")).to_have_attribute("aria-valuenow", "15")


def test_pause_from_the_keyboard_stops_playing(page: Page, app_url):
    open_priya(page, app_url, 2)
    page.focus(PLAY)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{app_url}client/c-priya?session=3", timeout=STEP_WAIT)
    page.keyboard.press("Enter")  # focus stays on the one button, now "Pause"
    expect(page.locator(PLAY)).to_have_text("▶ Play")
    stopped_at = page.url
    page.wait_for_timeout(2 * PLAY_STEP_MS)
    assert page.url == stopped_at


def test_play_on_the_last_session_starts_again_from_the_first(page: Page, app_url):
    open_priya(page, app_url, 15)
    page.click(PLAY)
    expect(page).to_have_url(f"{app_url}client/c-priya?session=1")
    expect(page).to_have_url(f"{app_url}client/c-priya?session=2", timeout=STEP_WAIT)
    page.click(PLAY)
    expect(page.locator(PLAY)).to_have_text("▶ Play")


def test_clicking_a_session_on_the_timeline_selects_it(page: Page, app_url):
    open_priya(page, app_url, 3)
    plain_dots = page.locator(f"{TIMELINE} .scatterlayer .trace:nth-child(1) .point")
    event_dots = page.locator(f"{TIMELINE} .scatterlayer .trace:nth-child(2) .point")
    plain_dots.nth(4).click(force=True)
    expect(page).to_have_url(f"{app_url}client/c-priya?session={WITHOUT_EVENTS[4]}")  # the 5th plain dot: S5
    # priya_role_dispute.json: session 5 is dated 2026-03-02, middle phase, of 15 planned.
    expect(page.locator(f"#{ids.SESSION_CAPTION}")).to_have_text(
        "Session 5 of 15 · 10 left · 2 Mar 2026 · middle phase")
    page.wait_for_function(f"""() => document.querySelector('{TIMELINE} .js-plotly-plot').data
        .find(t => t.name === 'This session').x[0] === 5""")  # the ring moved to the session clicked
    expect(page.locator(f"#{ids.NETWORK_SUMMARY}")).to_contain_text("Session 5 (2 Mar 2026)")
    event_dots.nth(1).hover(force=True)  # plotly reads a click from the point it last hovered, so wait
    expect(page.locator(f"{TIMELINE} .hoverlayer .hovertext")).to_contain_text(f"S{WITH_EVENTS[1]} ·")  # for it
    event_dots.nth(1).click(force=True)
    expect(page).to_have_url(f"{app_url}client/c-priya?session={WITH_EVENTS[1]}")  # the 2nd diamond: S8
    page.go_back()
    expect(page).to_have_url(f"{app_url}client/c-priya?session=5")


def test_life_events_are_named_only_while_names_are_shown(page: Page, app_url):
    open_priya(page, app_url, 8)
    events = trace_of_timeline(page, "Life event")
    assert events["x"] == WITH_EVENTS
    assert "Joint session with Arjun" in events["hovertext"][1]
    summary = page.locator(f"#{ids.TIMELINE_SUMMARY}")
    # 15 sessions, 2 Feb 2026 – 11 May 2026; phases S1–S3 initial, S4–S11 middle, S12–S15 ending;
    # one event each at sessions 6, 8, 10, 13 and 14.
    expect(summary).to_have_text("15 sessions from 2 Feb 2026 to 11 May 2026: S1–S3 initial phase, "
                                 "S4–S11 middle phase, S12–S15 ending phase; 5 life events.")
    page.get_by_role("checkbox", name="Hide names").check()
    page.wait_for_function(f"""() => !document.querySelector('{TIMELINE} .js-plotly-plot').data
        .find(t => t.name === 'Life event').hovertext.some(h => h.includes('Arjun'))""")
    hidden = trace_of_timeline(page, "Life event")
    assert hidden["hovertext"][1] == "<b>S8</b> · 23 Mar 2026<br>Middle phase<br>1 life event"
