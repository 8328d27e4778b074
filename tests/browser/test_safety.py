"""Safety on the review page, in Chromium, as the therapist and the client see it: the item 9 warning
in the PHQ-9 form, the risk record saved beside it, the neutral cue in the session bar, item 9 marked
on the mood chart in the therapist's words only, and the choice of note on the export card.

The client is Rosa (data/samples/rosa_grief.json): PHQ-9 item 9 answered 1 at sessions 1 and 2, 0
from session 3; risk records at sessions 1-3 (low, low, none); none at session 5.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ipt_network.model import RiskLevel
from ipt_network.ui import ids
from ipt_network.ui.layout_edit import OPEN_LABEL
from ipt_network.ui.layout_safety import CUE
from tests.browser.conftest import GRAPH_DRAWN

pytestmark = pytest.mark.browser

CLIENT = "c-rosa"
CUE_SHOWN = f"#{ids.SAFETY_CUE}"
MOOD_DRAWN = f"() => document.querySelector('#{ids.MOOD_GRAPH} .js-plotly-plot')?.data?.length > 0"
ITEM9_TRACE = (f"() => (document.querySelector('#{ids.MOOD_GRAPH} .js-plotly-plot').data"
               ".find(t => t.name === 'Item 9 above 0') || {}).x || null")


def open_panel(page: Page, app_url: str, number: int) -> None:
    page.goto(f"{app_url}client/{CLIENT}?session={number}")
    page.get_by_role("button", name=OPEN_LABEL).click()
    expect(page.locator(f"#{ids.EDIT_CAPTION}")).to_contain_text(f"session {number} ")


def answer_item9(page: Page, answer: int) -> None:
    page.locator(f"#{ids.mood_item('PHQ-9', 9)}").get_by_label(str(answer), exact=True).check()


def test_a_warning_shows_the_moment_item_9_is_answered_above_0(page: Page, app_url, tmp_path):
    open_panel(page, app_url, 3)  # item 9 stored as 0 at session 3: no warning
    warning = page.locator(f"#{ids.EDIT_ITEM9_WARNING}")
    expect(warning).to_be_hidden()
    answer_item9(page, 2)
    expect(warning).to_be_visible()
    page.set_viewport_size({"width": 1366, "height": 768})
    warning.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "item9-warning.png"))
    expect(warning).to_have_text("Item 9 answered 2: thoughts of being better off dead or of self-harm. Check "
                                 "safety now, whatever the total, and record your risk assessment below.")
    expect(warning).to_have_attribute("role", "alert")
    answer_item9(page, 0)
    expect(warning).to_be_hidden()


def test_the_risk_record_is_saved_beside_the_phq9_and_raises_the_cue(page: Page, app_url, store, tmp_path):
    assert store.load(CLIENT).document.session(5).risk is None
    open_panel(page, app_url, 5)
    expect(page.locator(CUE_SHOWN)).to_be_hidden()  # session 5: item 9 answered 0, no risk record
    page.locator(f"#{ids.EDIT_RISK_ASSESSED}").get_by_label("Yes", exact=True).check()
    page.locator(f"#{ids.EDIT_RISK_LEVEL}").get_by_label("Medium", exact=True).check()
    page.locator(f"#{ids.EDIT_RISK_PLAN}").get_by_label("No", exact=True).check()
    page.get_by_label("Risk note").fill("Low mood after the photos; plan to be agreed next week")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.locator(f"#{ids.EDIT_RISK_SAVE}").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "risk-record.png"))
    page.click(f"#{ids.EDIT_RISK_SAVE}")
    expect(page.locator(f"#{ids.EDIT_MESSAGE}")).to_have_text(
        "Saved: risk record of session 5 (assessed, level medium, no safety plan in place).")
    risk = store.load(CLIENT).document.session(5).risk
    assert (risk.assessed, risk.level, risk.plan_in_place) == (True, RiskLevel.MEDIUM, False)
    assert risk.note == "Low mood after the photos; plan to be agreed next week"
    expect(page.locator(CUE_SHOWN)).to_be_visible()  # a medium level raises the cue
    page.reload()
    page.get_by_role("button", name=OPEN_LABEL).click()
    expect(page.locator(f"#{ids.EDIT_RISK_LEVEL}").get_by_label("Medium", exact=True)).to_be_checked()


def test_with_names_hidden_the_risk_note_is_off_screen_and_kept_on_saving(page: Page, app_url, store):
    # Rosa, session 2: risk low, plan in place, note "Passive thoughts less often; ...".
    stored_note = store.load(CLIENT).document.session(2).risk.note
    open_panel(page, app_url, 2)
    note = page.get_by_label("Risk note")
    expect(note).to_have_value(stored_note)
    page.get_by_role("checkbox", name="Hide names").check()
    expect(note).to_have_value("")
    expect(note).to_be_disabled()
    page.locator(f"#{ids.EDIT_RISK_LEVEL}").get_by_label("Medium", exact=True).check()
    page.click(f"#{ids.EDIT_RISK_SAVE}")
    expect(page.locator(f"#{ids.EDIT_MESSAGE}")).to_contain_text("risk record of session 2 (assessed, level medium")
    risk = store.load(CLIENT).document.session(2).risk
    assert (risk.level, risk.note) == (RiskLevel.MEDIUM, stored_note)
    page.get_by_role("checkbox", name="Hide names").uncheck()
    expect(note).to_have_value(stored_note)


def test_a_contradictory_risk_record_is_refused_and_nothing_is_saved(page: Page, app_url, store):
    open_panel(page, app_url, 5)
    page.locator(f"#{ids.EDIT_RISK_ASSESSED}").get_by_label("No", exact=True).check()
    page.locator(f"#{ids.EDIT_RISK_LEVEL}").get_by_label("High", exact=True).check()
    page.click(f"#{ids.EDIT_RISK_SAVE}")
    expect(page.locator(f"#{ids.EDIT_MESSAGE}")).to_have_text(
        "Not saved: a level or a plan is given only when risk was assessed.")
    assert store.load(CLIENT).document.session(5).risk is None


def test_the_cue_stays_in_the_clients_words_without_a_word_about_it(page: Page, app_url, tmp_path):
    page.goto(f"{app_url}client/{CLIENT}?session=1")
    page.wait_for_function(GRAPH_DRAWN)
    page.get_by_label("Client", exact=True).check()
    page.get_by_label("Show scores").check()
    cue = page.locator(CUE_SHOWN)
    expect(cue).to_be_visible()
    expect(cue).to_have_text(CUE)
    expect(cue).to_have_attribute("aria-hidden", "true")
    page.wait_for_function(MOOD_DRAWN)
    # Waits until the panels have redrawn in the client's words, then holds for every visible word.
    expect(page.locator("body")).not_to_contain_text(
        re.compile("item 9|safety|risk|self-harm|better off dead", re.IGNORECASE), use_inner_text=True)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.screenshot(path=str(tmp_path / "safety-cue-client.png"))
    # Session 4: item 9 answered 0, risk not recorded: no cue.
    page.goto(f"{app_url}client/{CLIENT}?session=4")
    page.wait_for_function(GRAPH_DRAWN)
    expect(cue).to_be_hidden()


def test_the_mood_chart_marks_item_9_above_0_in_the_therapists_words_only(page: Page, app_url, tmp_path):
    page.goto(f"{app_url}client/{CLIENT}?session=3")
    page.wait_for_function(MOOD_DRAWN)
    page.wait_for_function(f"() => ({ITEM9_TRACE})()?.length === 2")
    assert page.evaluate(f"({ITEM9_TRACE})") == [1, 2]  # Rosa's item 9 was 1 at sessions 1 and 2
    expect(page.locator(f"#{ids.MOOD_GRAPH} .legendtext", has_text="Item 9 above 0")).to_be_visible()
    page.set_viewport_size({"width": 1366, "height": 768})
    page.locator(f"#{ids.MOOD_GRAPH}").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "safety-mood-therapist.png"))
    page.get_by_label("Client", exact=True).check()
    page.get_by_label("Show scores").check()
    page.wait_for_function(f"() => ({ITEM9_TRACE})() === null")
    expect(page.locator(f"#{ids.MOOD_GRAPH} .legendtext", has_text="Item 9")).to_have_count(0)


def test_the_export_card_offers_the_therapists_note_or_the_clients_page(page: Page, app_url):
    page.goto(f"{app_url}client/{CLIENT}?session=1")
    page.wait_for_function(GRAPH_DRAWN)
    button = page.locator("button[id*='\"export\":\"note-md\"']")
    with page.expect_download(timeout=30_000) as caught:
        button.click()
    assert caught.value.suggested_filename == "rosa-session-01-note.md"
    note = Path(caught.value.path()).read_text()
    assert "- PHQ-9 item 9 answered 1 at this session: check safety." in note
    page.get_by_label("Client (take-home page)").check()
    with page.expect_download(timeout=30_000) as caught:
        button.click()
    assert caught.value.suggested_filename == "rosa-session-01-take-home.md"
    take_home = Path(caught.value.path()).read_text()
    assert "## Support around you" in take_home and "## Relationships with strain" in take_home
    for word in ("item 9", "Risk", "attention", "Therapist", "Passive wish"):
        assert word not in take_home, word
