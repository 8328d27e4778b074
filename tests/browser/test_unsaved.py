"""Typed text in the recording panel is never lost, in Chromium: what was typed for one session and not
saved is kept while another session is shown, named in a line under the status, and back in its form
when its session is shown again; leaving the page while anything is unsaved asks first.

The sample client is Rosa (data/samples/rosa_grief.json): session 3 has a PHQ-9 of 18 answered item by
item (item 1: 3) and notes; session 4 has its own notes and a PHQ-9 of 17.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ipt_network.ui import ids
from ipt_network.ui.callbacks_edit import DROPPED
from ipt_network.ui.layout_edit import OPEN_LABEL

pytestmark = pytest.mark.browser

CLIENT = "c-rosa"
MESSAGE = f"#{ids.EDIT_MESSAGE}"
UNSAVED = f"#{ids.EDIT_UNSAVED}"
NOTES = f"#{ids.EDIT_SESSION_NOTES}"
RISK_NOTE = f"#{ids.EDIT_RISK_NOTE}"
SLIDER_THUMB = f"#{ids.SESSION_SLIDER} [role=slider]"
LEAVE = "Something you typed in the recording panel is not saved yet. Leave this page and lose it?"


def open_panel(page: Page, app_url: str, number: int) -> None:
    page.goto(f"{app_url}client/{CLIENT}?session={number}")
    page.get_by_role("button", name=OPEN_LABEL).click()
    expect(page.locator(f"#{ids.EDIT_CAPTION}")).to_contain_text(f"session {number} ")


def test_typed_notes_and_answers_wait_for_their_session_and_come_back(page: Page, app_url, store):
    before = store.load(CLIENT).document
    typed = "She laughed about the choir for the first time."
    item1 = page.locator(f"#{ids.mood_item('PHQ-9', 1)}").get_by_label("0", exact=True)
    open_panel(page, app_url, 3)
    page.fill(NOTES, typed)
    item1.check()  # was 3
    expect(page.locator(f"#{ids.EDIT_MOOD_LIVE}")).to_have_text("Total 15 of 27 · moderately severe")
    page.fill(f"#{ids.EDIT_PERSON_NAME}", "Aunt Teresa")  # a new person's name is not the session's
    page.fill(RISK_NOTE, "Passive thoughts last week, none now.")

    page.focus(SLIDER_THUMB)
    page.keyboard.press("ArrowRight")
    expect(page.locator(f"#{ids.EDIT_CAPTION}")).to_contain_text("session 4 ")
    expect(page.locator(NOTES)).to_have_value(before.session(4).notes)
    expect(page.locator(f"#{ids.EDIT_MOOD_LIVE}")).to_have_text("Total 17 of 27 · moderately severe")
    expect(page.locator(UNSAVED)).to_have_text(
        "Typed and not saved yet, kept for you: the details of session 3; the PHQ-9 answers of session 3; "
        "the risk record of session 3. It comes back when that session is shown (with names), to be saved.")
    expect(page.locator(RISK_NOTE)).to_have_value(before.session(4).risk.note if before.session(4).risk else "")
    expect(page.locator(f"#{ids.EDIT_PERSON_NAME}")).to_have_value("Aunt Teresa")
    assert store.load(CLIENT).document == before  # nothing saved that was not asked for

    page.focus(SLIDER_THUMB)
    page.keyboard.press("ArrowLeft")
    expect(page.locator(f"#{ids.EDIT_CAPTION}")).to_contain_text("session 3 ")
    expect(page.locator(NOTES)).to_have_value(typed)
    expect(item1).to_be_checked()
    expect(page.locator(RISK_NOTE)).to_have_value("Passive thoughts last week, none now.")
    expect(page.locator(UNSAVED)).to_have_text("")
    page.get_by_role("button", name="Save session details").click()
    expect(page.locator(MESSAGE)).to_have_text("Saved: session 3: notes.")
    page.get_by_role("button", name="Save mood score").click()
    expect(page.locator(MESSAGE)).to_have_text("Saved: PHQ-9 18 → 15 (moderately severe).")
    saved = store.load(CLIENT).document.session(3)
    assert saved.notes == typed
    assert (saved.mood[0].score, saved.mood[0].items) == (15, [0, 3, 3, 2, 2, 2, 2, 1, 0])


def test_typed_notes_do_not_come_back_over_details_saved_in_another_tab_meanwhile(page: Page, app_url, store):
    open_panel(page, app_url, 3)
    page.fill(NOTES, "Typed here, not saved.")
    page.focus(SLIDER_THUMB)
    page.keyboard.press("ArrowRight")
    expect(page.locator(f"#{ids.EDIT_CAPTION}")).to_contain_text("session 4 ")
    expect(page.locator(UNSAVED)).to_contain_text("the details of session 3")
    held = store.load(CLIENT).document.session(3)
    store.update_session(CLIENT, 3, date=held.date, phase=held.phase, notes="Saved in the other tab.",
                         events=held.events, expected_version=store.load(CLIENT).versions[("session", 3)],
                         tab="other")
    page.focus(SLIDER_THUMB)
    page.keyboard.press("ArrowLeft")
    expect(page.locator(f"#{ids.EDIT_CAPTION}")).to_contain_text("session 3 ")
    expect(page.locator(NOTES)).to_have_value("Saved in the other tab.")
    expect(page.locator(f"#{ids.EDIT_SESSION_HINT}")).to_have_text(DROPPED)
    expect(page.locator(UNSAVED)).to_have_text("")
    assert store.load(CLIENT).document.session(3).notes == "Saved in the other tab."


def test_leaving_the_page_with_a_name_typed_and_not_saved_asks_first(page: Page, app_url):
    open_panel(page, app_url, 3)
    expect(page.locator(UNSAVED)).to_have_attribute("data-unsaved", "false")
    page.fill(f"#{ids.EDIT_PERSON_NAME}", "Aunt Teresa")
    expect(page.locator(UNSAVED)).to_have_attribute("data-unsaved", "true")
    asked = []
    page.once("dialog", lambda dialog: (asked.append((dialog.type, dialog.message)), dialog.dismiss()))
    page.get_by_role("link", name="← All clients").click()
    expect(page.locator(f"#{ids.EDIT_PERSON_NAME}")).to_have_value("Aunt Teresa")  # stayed
    assert asked == [("confirm", LEAVE)]
    assert page.url == f"{app_url}client/{CLIENT}?session=3"
    page.once("dialog", lambda dialog: (asked.append((dialog.type, dialog.message)), dialog.dismiss()))
    page.close(run_before_unload=True)  # closing the tab (or reloading) gets the browser's own question
    page.wait_for_timeout(500)
    assert not page.is_closed() and [kind for kind, _ in asked] == ["confirm", "beforeunload"]
    page.fill(f"#{ids.EDIT_PERSON_NAME}", "")
    expect(page.locator(UNSAVED)).to_have_attribute("data-unsaved", "false")
    page.get_by_role("link", name="← All clients").click()
    expect(page).to_have_url(app_url)


def test_notes_typed_before_names_are_hidden_come_back_when_they_are_shown(page: Page, app_url, store):
    typed = "Spoke of Marta's visit."
    open_panel(page, app_url, 5)
    page.fill(NOTES, typed)
    page.get_by_label("Hide names").check()
    expect(page.locator(NOTES)).to_have_value("")  # notes may name people: off screen while names are hidden
    expect(page.locator(NOTES)).to_be_disabled()
    expect(page.locator(UNSAVED)).to_contain_text("the details of session 5")
    page.get_by_label("Hide names").uncheck()
    expect(page.locator(NOTES)).to_have_value(typed)
    expect(page.locator(UNSAVED)).to_have_text("")
    assert store.load(CLIENT).document.session(5).notes != typed  # kept in the page, not saved unasked
