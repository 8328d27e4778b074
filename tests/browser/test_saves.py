"""Saves that never fight the person typing, in Chromium: every form saved twice in quick succession
(0, 200 and 1,000 ms apart) with typing right after each save, then the page reloaded: everything
typed is stored and shown, and nothing was called "another tab".

Rosa (data/samples/rosa_grief.json), session 3: Pablo has support 4, conflict 1; Pablo and Lola are
not linked; no GAD-7 is recorded.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from ipt_network.formats import read_document
from ipt_network.store import Store
from ipt_network.ui import ids
from ipt_network.ui.layout_edit import OPEN_LABEL
from tests.browser.test_editing import CLIENT, MESSAGE, UNDO, cell, open_session, tie, type_into
from tests.conftest import SAMPLES

pytestmark = pytest.mark.browser

PAUSES = [0, 200, 1000]
"""Milliseconds between a save and the typing that follows it: the scenario itself, not a wait."""


def stored(read: Callable[[], object], typed: object, timeout: float = 20) -> None:
    """Wait until the database holds what was ``typed`` (the page saves in the background)."""
    deadline = time.monotonic() + timeout
    while (held := read()) != typed:
        assert time.monotonic() < deadline, f"the database holds {held!r}, not what was typed: {typed!r}"
        time.sleep(0.1)


def settled(page: Page) -> None:
    """Wait until no callback of the page is still running."""
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=true]')")


def reopen(page: Page) -> None:
    page.reload()
    page.get_by_role("button", name=OPEN_LABEL).click()
    expect(page.locator(f"#{ids.EDIT_CAPTION}")).to_contain_text("session 3 ")


def never_another_tab(page: Page) -> None:
    expect(page.locator(MESSAGE)).not_to_contain_text("another tab")


def choose(page: Page, dropdown: str, option: str) -> None:
    page.click(f"#{dropdown}")
    page.get_by_role("option", name=option, exact=True).click()


@pytest.mark.parametrize("pause", PAUSES)
def test_session_notes(page: Page, app_url, store, pause):
    open_session(page, app_url, 3)
    notes = page.locator(f"#{ids.EDIT_SESSION_NOTES}")
    notes.fill("Talked about Luis.")
    page.click(f"#{ids.EDIT_SESSION_SAVE}")
    page.wait_for_timeout(pause)
    notes.press("End")
    page.keyboard.type(" Then about Marta.")
    page.click(f"#{ids.EDIT_SESSION_SAVE}")
    notes.press("End")
    page.keyboard.type(" Homework: call Inés.")  # right after the second save
    page.click(f"#{ids.EDIT_SESSION_SAVE}")
    typed = "Talked about Luis. Then about Marta. Homework: call Inés."
    stored(lambda: store.load(CLIENT).document.session(3).notes, typed)
    settled(page)
    expect(notes).to_have_value(typed)
    never_another_tab(page)
    reopen(page)
    expect(notes).to_have_value(typed)


@pytest.mark.parametrize("pause", PAUSES)
def test_person_renamed_then_date_of_death(page: Page, app_url, store, pause):
    open_session(page, app_url, 3)
    choose(page, ids.EDIT_PERSON_CHOICE, "Helen")
    name = page.locator(f"#{ids.EDIT_PERSON_NAME}")
    expect(name).to_have_value("Helen")
    name.fill("Helen B")
    page.click(f"#{ids.EDIT_PERSON_SAVE}")
    page.wait_for_timeout(pause)
    name.press("End")
    page.keyboard.type(".")
    page.click(f"#{ids.EDIT_PERSON_SAVE}")
    page.fill(f"#{ids.EDIT_PERSON_DIED_ON}", "2026-02-01")  # and at once the date of death
    page.click(f"#{ids.EDIT_PERSON_DIED_SAVE}")
    stored(lambda: (store.load(CLIENT).document.person("p-helen").name,
                    str(store.load(CLIENT).document.person("p-helen").deceased_on)), ("Helen B.", "2026-02-01"))
    settled(page)
    expect(name).to_have_value("Helen B.")
    never_another_tab(page)
    reopen(page)
    choose(page, ids.EDIT_PERSON_CHOICE, "Helen B.")
    expect(name).to_have_value("Helen B.")
    expect(page.locator(f"#{ids.EDIT_PERSON_DIED_ON}")).to_have_value("2026-02-01")


@pytest.mark.parametrize("pause", PAUSES)
def test_link_saved_then_changed(page: Page, app_url, store, pause):
    open_session(page, app_url, 3)
    choose(page, ids.EDIT_LINK_A, "Pablo")
    choose(page, ids.EDIT_LINK_B, "Lola")
    support = page.locator(f"#{ids.EDIT_LINK_SUPPORT}")
    support.fill("3")
    page.fill(f"#{ids.EDIT_LINK_CONFLICT}", "2")
    page.click(f"#{ids.EDIT_LINK_SAVE}")
    page.wait_for_timeout(pause)
    support.fill("5")
    page.click(f"#{ids.EDIT_LINK_SAVE}")

    def link() -> tuple[int, int] | None:
        found = [(x.support, x.conflict) for x in store.load(CLIENT).document.session(3).links
                 if x.pair == {"p-pablo", "p-lola"}]
        return found[0] if found else None

    stored(link, (5, 2))
    settled(page)
    never_another_tab(page)
    reopen(page)
    expect(page.locator(f"#{ids.EDIT_LINK_LIST}")).to_contain_text("Lola – Pablo: support 5, conflict 2")


@pytest.mark.parametrize("pause", PAUSES)
def test_mood_total_saved_then_corrected(page: Page, app_url, store, pause):
    open_session(page, app_url, 3)
    page.locator(f"#{ids.EDIT_MOOD_INSTRUMENT}").get_by_label("GAD-7", exact=True).check()
    page.locator(f"#{ids.EDIT_MOOD_MODE}").get_by_label("Total only", exact=True).check()
    total = page.locator(f"#{ids.EDIT_MOOD_TOTAL}")
    total.fill("9")
    page.click(f"#{ids.EDIT_MOOD_SAVE}")
    page.wait_for_timeout(pause)
    total.fill("11")
    page.click(f"#{ids.EDIT_MOOD_SAVE}")

    def gad7() -> int | None:
        return next((m.score for m in store.load(CLIENT).document.session(3).mood if m.instrument == "GAD-7"), None)

    stored(gad7, 11)
    settled(page)
    expect(total).to_have_value("11")
    never_another_tab(page)
    reopen(page)
    page.locator(f"#{ids.EDIT_MOOD_INSTRUMENT}").get_by_label("GAD-7", exact=True).check()
    expect(total).to_have_value("11")


@pytest.mark.parametrize("pause", PAUSES)
def test_grid_cells(page: Page, app_url, store, pause):
    open_session(page, app_url, 3)
    type_into(page, cell(page, "Pablo", "support"), "7")
    page.wait_for_timeout(pause)
    type_into(page, cell(page, "Pablo", "conflict"), "3")
    type_into(page, cell(page, "Marta", "support"), "8")  # right after
    stored(lambda: ((tie(store, 3, "p-pablo").support, tie(store, 3, "p-pablo").conflict),
                    tie(store, 3, "p-marta").support), ((7, 3), 8))
    settled(page)
    never_another_tab(page)
    reopen(page)
    expect(cell(page, "Pablo", "support")).to_have_text("7")
    expect(cell(page, "Pablo", "conflict")).to_have_text("3")
    expect(cell(page, "Marta", "support")).to_have_text("8")


# --- Undo and the list of changes after a reload; a session an import removed ----------------------


def test_undo_is_still_offered_after_a_reload(page: Page, app_url, store):
    open_session(page, app_url, 3)
    type_into(page, cell(page, "Pablo", "support"), "7")
    expect(page.locator(MESSAGE)).to_have_text("Saved: support for Pablo 4 → 7.")
    reopen(page)
    changes = page.locator(f"#{ids.EDIT_CHANGES}")
    expect(changes.locator("li").first).to_contain_text("Support for Pablo 4 → 7")
    page.click(UNDO)
    expect(page.locator(MESSAGE)).to_have_text("Undone: support for Pablo 7 → 4.")
    expect(page.locator(UNDO)).to_be_hidden()
    expect(changes.locator("li").first).to_contain_text("Undone: support for Pablo 7 → 4")
    expect(changes.locator("li").nth(1)).to_contain_text("Support for Pablo 4 → 7 (undone)")
    assert tie(store, 3, "p-pablo").support == 4


def test_recent_changes_respect_hidden_names(page: Page, app_url):
    open_session(page, app_url, 3)
    type_into(page, cell(page, "Pablo", "support"), "7")
    changes = page.locator(f"#{ids.EDIT_CHANGES}")
    expect(changes.locator("li").first).to_contain_text("Support for Pablo 4 → 7")
    page.get_by_label("Hide names").check()
    # Marta and Pablo are Rosa's children, shown by role and numbered in recorded order.
    expect(changes.locator("li").first).to_contain_text("Support for Child 2 4 → 7")
    expect(changes).not_to_contain_text("Pablo")


def test_a_rating_typed_on_a_session_an_import_removed_is_said_not_lost_silently(page: Page, app_url,
                                                                                store: Store):
    open_session(page, app_url, 16)
    rosa = read_document(next(p for p in SAMPLES if p.name.startswith("rosa")))
    store.import_document(rosa.model_copy(update={"sessions": rosa.sessions[:-1]}), replace=True)
    type_into(page, cell(page, "Pablo", "support"), "7")
    expect(page.locator(MESSAGE)).to_have_text(
        "This is no longer in the record (a newer import may have replaced it), so nothing was saved. "
        "Reload the page to see what is stored.")
    # The page then shows the latest session that is still there.
    expect(page.locator(f"#{ids.EDIT_CAPTION}")).to_contain_text("session 15 ")
    assert [s.number for s in store.load(CLIENT).document.sessions][-1] == 15
