"""The inventory card of the review page, in Chromium: one person's inventory in both voices, names
hidden, the person chosen by a click on the circle, and every field saved at once, read back from the
database and after a reload, refused when another tab saved first, and undone.

The sample client is Rosa (data/samples/rosa_grief.json): Inés has an inventory taken at session 1
(care both ways, Rosa does not confide in her, she does not know about the depression); Lola none.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ipt_network.ui import ids
from ipt_network.ui.layout_edit import OPEN_LABEL
from tests.browser.test_case import CLIENT, choose

pytestmark = pytest.mark.browser

CARD = f"#{ids.INVENTORY_VIEW}"
MESSAGE = f"#{ids.INVENTORY_MESSAGE}"
INES_GOOD = "The only other person who talks about Luis as much as she wants to"
STALE = ("This was changed in another tab or by someone else, so your change was not saved. "
         "The latest values are shown now.")


TAKEN_AT = {"Inés": "1", "Lola": "4"}
"""The session each one's form says the inventory was taken at, on session 4: Inés's at 1, Lola's none
yet (the session on show is offered)."""


def open_inventory(page: Page, app_url: str, person: str, number: int = 4) -> None:
    """Open session ``number`` and choose ``person``, waiting until the form holds their inventory."""
    page.goto(f"{app_url}client/{CLIENT}?session={number}")
    expect(page.locator(f"#{ids.INVENTORY_PERSON}")).to_contain_text("Luis")
    choose(page, ids.INVENTORY_PERSON, person)
    expect(page.locator(f"#{ids.INVENTORY_PERSON}")).to_contain_text(person)
    expect(page.locator(f"#{ids.INVENTORY_AS_OF}")).to_have_value(TAKEN_AT[person])


def answer(page: Page, radios: str, label: str) -> None:
    page.locator(f"#{radios}").get_by_label(label, exact=True).check()


def save(page: Page) -> None:
    page.get_by_role("button", name="Save inventory").click()


@pytest.mark.reads_only
def test_the_therapist_sees_the_inventory_as_of_the_session(page: Page, app_url):
    open_inventory(page, app_url, "Inés")
    card = page.locator(CARD)
    expect(card).to_contain_text("As of session 1")
    expect(card).to_contain_text(f"What is good in it{INES_GOOD}")
    expect(card).to_contain_text("Which way care flowsBoth waysDoes the client confide in themNo")
    expect(page.locator(f"#{ids.INVENTORY_GOOD}")).to_have_value(INES_GOOD)
    expect(page.locator(f"#{ids.INVENTORY_FLOW}").get_by_label("Both ways")).to_be_checked()
    choose(page, ids.INVENTORY_PERSON, "Bereavement group")
    expect(card).to_have_text("Not taken yet at session 4 (taken at session 6).")


@pytest.mark.reads_only
def test_the_clients_words_are_plain_and_show_no_form(page: Page, app_url):
    open_inventory(page, app_url, "Inés")
    page.get_by_label("Client", exact=True).check()
    card = page.locator(CARD)
    expect(card).to_contain_text("Who looks after whomYou look after each other")
    expect(card).to_contain_text("You talk to them about what mattersNo")
    for word in ("client", "Client", "depression", "confide"):
        expect(card).not_to_contain_text(word)
    expect(page.locator(f"#{ids.INVENTORY_FORM}")).to_be_hidden()


@pytest.mark.reads_only
def test_hide_names_keeps_the_typed_answers_off_screen(page: Page, app_url):
    open_inventory(page, app_url, "Inés")
    expect(page.locator(f"#{ids.INVENTORY_GOOD}")).to_have_value(INES_GOOD)
    page.get_by_label("Hide names").check()
    card = page.locator(CARD)
    expect(card).to_contain_text("What is good in itHidden while names are hidden.")
    expect(card).to_contain_text("Which way care flowsBoth ways")
    expect(page.locator("body")).not_to_contain_text(INES_GOOD)
    expect(page.locator(f"#{ids.INVENTORY_PERSON}")).not_to_contain_text("Inés")
    for box in (ids.INVENTORY_GOOD, ids.INVENTORY_HARD, ids.INVENTORY_EXPECTATIONS, ids.INVENTORY_WANTS_CHANGED):
        expect(page.locator(f"#{box}")).to_be_disabled()
        expect(page.locator(f"#{box}")).to_have_value("")


@pytest.mark.reads_only
def test_clicking_a_person_on_the_circle_opens_their_inventory(page: Page, app_url):
    open_inventory(page, app_url, "Lola")
    expect(page.locator(CARD)).to_contain_text("No inventory yet")
    graph = page.locator(f"#{ids.NETWORK_GRAPH} .js-plotly-plot")
    expect(graph.locator(".scatterlayer .trace").first).to_be_attached()
    graph.scroll_into_view_if_needed()
    box = graph.evaluate("""(gd, person) => {
        const trace = [...gd.querySelectorAll(".scatterlayer .trace")]
            .find(g => g.__data__[0].trace.name === "people");
        const i = trace.__data__[0].trace.customdata.indexOf(person);
        const { x, y, width, height } = trace.querySelectorAll(".point")[i].getBoundingClientRect();
        return { x: x + width / 2, y: y + height / 2 };
    }""", "p-ines")
    page.mouse.move(box["x"], box["y"])  # plotly reads a click from the point it last hovered, so wait for it
    expect(graph.locator(".hoverlayer .hovertext")).to_contain_text("Inés")
    page.mouse.click(box["x"], box["y"])
    expect(page.locator(f"#{ids.INVENTORY_PERSON}")).to_contain_text("Inés")
    expect(page.locator(CARD)).to_contain_text(INES_GOOD)


@pytest.mark.reads_only
def test_the_inventory_button_of_a_row_in_the_grid_opens_their_inventory(page: Page, app_url):
    open_inventory(page, app_url, "Lola")
    page.get_by_role("button", name=OPEN_LABEL).click()
    page.get_by_role("button", name="Inventory of Inés").click()
    expect(page.locator(f"#{ids.INVENTORY_PERSON}")).to_contain_text("Inés")
    expect(page.locator(CARD)).to_contain_text(INES_GOOD)
    expect(page.locator(CARD)).to_be_in_viewport()
    expect(page.locator(f"#{ids.INVENTORY_PERSON}")).to_be_focused()


def test_every_field_is_saved_and_survives_a_reload(page: Page, app_url, store):
    open_inventory(page, app_url, "Lola")
    typed = {ids.INVENTORY_GOOD: "Walks on Sundays", ids.INVENTORY_HARD: "She never calls back",
             ids.INVENTORY_EXPECTATIONS: "To be asked first", ids.INVENTORY_WANTS_CHANGED: "To speak every week"}
    for box, text in typed.items():
        page.locator(f"#{box}").fill(text)
    answer(page, ids.INVENTORY_FLOW, "Mostly to the client")
    answer(page, ids.INVENTORY_CONFIDES, "Yes")
    answer(page, ids.INVENTORY_KNOWS, "No")
    page.locator(f"#{ids.INVENTORY_AS_OF}").fill("3")
    save(page)
    expect(page.locator(MESSAGE)).to_have_text("Saved: details of Lola: inventory.")
    saved = store.load(CLIENT).document.person("p-lola").inventory
    assert saved.model_dump(mode="json") == {
        "good": "Walks on Sundays", "hard": "She never calls back", "expectations": "To be asked first",
        "wants_changed": "To speak every week", "support_flow": "mostly_to_client", "confides": True,
        "knows_about_depression": False, "as_of": 3}
    page.reload()
    expect(page.locator(f"#{ids.INVENTORY_PERSON}")).to_contain_text("Luis")  # the list is drawn
    choose(page, ids.INVENTORY_PERSON, "Lola")
    card = page.locator(CARD)
    expect(card).to_contain_text("As of session 3")
    expect(card).to_contain_text("What is hard in itShe never calls back")
    expect(card).to_contain_text("Which way care flowsMostly to the clientDoes the client confide in themYes"
                                 "Do they know about the depressionNo")
    for box, text in typed.items():
        expect(page.locator(f"#{box}")).to_have_value(text)
    expect(page.locator(f"#{ids.INVENTORY_CONFIDES}").get_by_label("Yes")).to_be_checked()


def test_a_bad_session_number_is_refused_and_nothing_changes(page: Page, app_url, store):
    before = store.load(CLIENT).document
    open_inventory(page, app_url, "Inés")
    page.locator(f"#{ids.INVENTORY_AS_OF}").fill("0")
    save(page)
    expect(page.locator(MESSAGE)).to_have_text(
        "Taken at session must be a whole number 1–1000, or empty (got “0”). Nothing was saved.")
    assert store.load(CLIENT).document == before


def test_a_stale_second_tab_is_refused(page: Page, second_page: Page, app_url, store):
    open_inventory(page, app_url, "Inés")
    open_inventory(second_page, app_url, "Inés")
    answer(page, ids.INVENTORY_CONFIDES, "Yes")
    save(page)
    expect(page.locator(MESSAGE)).to_have_text("Saved: details of Inés: inventory.")
    answer(second_page, ids.INVENTORY_KNOWS, "Yes")
    save(second_page)
    expect(second_page.locator(MESSAGE)).to_have_text(STALE)
    inventory = store.load(CLIENT).document.person("p-ines").inventory
    assert (inventory.confides, inventory.knows_about_depression) == (True, False)
    expect(second_page.locator(CARD)).to_contain_text("Does the client confide in themYes")


def test_undo_in_the_card_puts_the_inventory_back(page: Page, app_url, store):
    before = store.load(CLIENT).document.person("p-ines")
    open_inventory(page, app_url, "Inés")
    answer(page, ids.INVENTORY_FLOW, "Mostly from the client")
    save(page)
    expect(page.locator(MESSAGE)).to_have_text("Saved: details of Inés: inventory.")
    page.locator(f"#{ids.INVENTORY_UNDO}").click()
    expect(page.locator(MESSAGE)).to_have_text("Undone: details of Inés: inventory.")
    assert store.load(CLIENT).document.person("p-ines") == before
    expect(page.locator(CARD)).to_contain_text("Which way care flowsBoth ways")
