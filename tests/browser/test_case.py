"""The case card of the review page, in Chromium: the case frame in both voices, names hidden, and each
edit saved at once, read back from the database and after a reload, or refused and explained.

The sample client is Rosa (data/samples/rosa_grief.json): grief agreed at session 2, 16 sessions
planned, the formulation shared at session 3, two goals ("Mourn Luis at my own pace, the good and
the hard" and "Return to the people and activities I have dropped, choir and friends first"), both
first recorded as progressing at session 4. Therapy started on 2026-01-19; the onset was 1 May 2025;
five events before therapy, from Luis's death (14 Mar 2025) to the referral (5 Jan 2026); a relapse
plan whose first warning sign is "Stopping choir", with Marta, Lola and Dr Shah to turn to (by role,
names hidden: "Child 1", "Friend 1", "Professional").
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from ipt_network.model import Client
from ipt_network.ui import ids

pytestmark = pytest.mark.browser

CLIENT = "c-rosa"
CARD = f"#{ids.CASE_VIEW}"
MESSAGE = f"#{ids.CASE_MESSAGE}"
MOURN = "Mourn Luis at my own pace, the good and the hard"
FORMULATION_START = "Rosa's depression began in the weeks after Luis died"


def open_case(page: Page, app_url: str, number: int) -> None:
    page.goto(f"{app_url}client/{CLIENT}?session={number}")
    expect(page.locator(CARD)).to_contain_text(f"Session {number} of ")


def choose(page: Page, dropdown: str, option: str) -> None:
    page.click(f"#{dropdown}")
    page.get_by_role("option", name=option, exact=True).click()


@pytest.mark.reads_only
def test_the_therapist_sees_focus_plan_formulation_and_goals(page: Page, app_url):
    open_case(page, app_url, 4)
    card = page.locator(CARD)
    expect(card).to_contain_text("Grief (agreed at session 2)")
    expect(card).to_contain_text("Session 4 of 16 · 12 left")
    expect(card).to_contain_text("Onset1 May 2025")
    expect(card).to_contain_text("Formulation (shared at session 3)" + FORMULATION_START)
    expect(card).to_contain_text(f"{MOURN} (grief): progressing since session 4")
    open_case(page, app_url, 3)
    expect(card).to_contain_text(f"{MOURN} (grief): not started since session 3")


@pytest.mark.reads_only
def test_the_clients_words_show_goals_plainly_and_no_formulation(page: Page, app_url):
    open_case(page, app_url, 4)
    page.get_by_label("Client", exact=True).check()
    card = page.locator(CARD)
    expect(card).to_contain_text(f"{MOURN}: under way")
    expect(card).to_contain_text("Losing someone close")
    for word in ("Formulation", FORMULATION_START, "grief", "Grief", "agreed at"):
        expect(card).not_to_contain_text(word)
    expect(page.locator(f"#{ids.CASE_FORM}")).to_be_hidden()


@pytest.mark.reads_only
def test_hide_names_keeps_the_typed_text_off_screen(page: Page, app_url):
    open_case(page, app_url, 4)
    expect(page.locator(f"#{ids.CASE_GOAL_TEXT}")).to_have_value(MOURN)
    page.get_by_label("Hide names").check()
    card = page.locator(CARD)
    expect(card).to_contain_text("Goal 1 (grief): progressing since session 4")
    expect(card).to_contain_text("Hidden while names are hidden.")
    for text in (MOURN, FORMULATION_START, "Luis"):
        expect(page.locator("body")).not_to_contain_text(text)
    for box in (ids.CASE_FORMULATION, ids.CASE_GOAL_TEXT):
        expect(page.locator(f"#{box}")).to_be_disabled()
        expect(page.locator(f"#{box}")).to_have_value("")


def test_focus_plan_and_formulation_are_saved_and_survive_a_reload(page: Page, app_url, store):
    open_case(page, app_url, 4)
    expect(page.locator(f"#{ids.CASE_FORMULATION}")).to_have_value(store.load(CLIENT).document.client.formulation)
    page.locator(f"#{ids.CASE_PLANNED}").fill("14")
    page.get_by_label("Role transition").check()
    page.locator(f"#{ids.CASE_AGREED_AT}").fill("3")
    page.locator(f"#{ids.CASE_FORMULATION}").fill("Grief after Luis died; a widow's new role.")
    page.locator(f"#{ids.CASE_SHARED_AT}").fill("4")
    page.get_by_role("button", name="Save focus, plan and formulation").click()
    expect(page.locator(MESSAGE)).to_have_text(
        "Saved: case frame: problem areas, planned sessions, formulation, formulation shared at, areas agreed at.")
    client = store.load(CLIENT).document.client
    assert (client.planned_sessions, [a.value for a in client.problem_areas], client.areas_agreed_at,
            client.formulation, client.formulation_shared_at) == (
        14, ["grief", "role_transition"], 3, "Grief after Luis died; a widow's new role.", 4)
    page.reload()
    card = page.locator(CARD)
    expect(card).to_contain_text("Grief, Role transition (agreed at session 3)")
    expect(card).to_contain_text("Session 4 of 14 · 10 left")
    expect(card).to_contain_text("Formulation (shared at session 4)Grief after Luis died; a widow's new role.")
    expect(page.locator(f"#{ids.CASE_PLANNED}")).to_have_value("14")


def test_three_problem_areas_are_refused_and_nothing_changes(page: Page, app_url, store):
    before = store.load(CLIENT).document.client
    open_case(page, app_url, 4)
    page.get_by_label("Role dispute").check()
    page.get_by_label("Role transition").check()
    page.get_by_role("button", name="Save focus, plan and formulation").click()
    expect(page.locator(MESSAGE)).to_have_text("Choose one or two problem areas. Nothing was saved.")
    assert store.load(CLIENT).document.client == before


@pytest.mark.parametrize(("box", "typed", "said"), [
    (ids.CASE_PLANNED, "0", "Planned sessions must be a whole number 1–52, or empty (got “0”)"),
    (ids.CASE_AGREED_AT, "20", "Agreed at session 20: there is no such session in the record (the last is session 16)"),
])
def test_a_session_number_out_of_range_is_refused_not_cleared(page: Page, app_url, store, box, typed, said):
    before = store.load(CLIENT).document
    open_case(page, app_url, 4)
    page.locator(f"#{box}").fill(typed)
    page.get_by_role("button", name="Save focus, plan and formulation").click()
    expect(page.locator(MESSAGE)).to_have_text(f"{said}. Nothing was saved.")
    assert store.load(CLIENT).document == before


def test_goal_status_words_and_a_new_goal_are_saved(page: Page, app_url, store):
    open_case(page, app_url, 5)
    expect(page.locator(f"#{ids.CASE_GOAL_TEXT}")).to_have_value(MOURN)
    page.get_by_label("Met").check()
    page.locator(f"#{ids.CASE_GOAL_TEXT}").fill("Mourn Luis at my own pace")
    page.get_by_role("button", name="Save goal").click()
    expect(page.locator(MESSAGE)).to_have_text("Saved: case frame: goals; session 5: goal progress.")
    doc = store.load(CLIENT).document
    assert doc.client.goals[0].text == "Mourn Luis at my own pace"
    assert {p.goal: p.status.value for p in doc.session(5).goal_progress}["g-mourn"] == "met"
    choose(page, ids.CASE_GOAL, "Add a new goal")
    expect(page.locator(f"#{ids.CASE_GOAL_TEXT}")).to_have_value("")
    page.locator(f"#{ids.CASE_GOAL_TEXT}").fill("Sing in the choir again")
    page.get_by_role("button", name="Save goal").click()
    expect(page.locator(MESSAGE)).to_have_text("Saved: case frame: goals.")
    goals = store.load(CLIENT).document.client.goals
    assert [(g.id, g.area.value, g.text) for g in goals[2:]] == [("g-1", "grief", "Sing in the choir again")]
    page.reload()
    card = page.locator(CARD)
    expect(card).to_contain_text("Mourn Luis at my own pace (grief): met since session 5")
    expect(card).to_contain_text("Sing in the choir again (grief): not started")


def test_a_stale_second_tab_is_refused(page: Page, second_page: Page, app_url, store):
    open_case(page, app_url, 4)
    open_case(second_page, app_url, 4)
    page.locator(f"#{ids.CASE_PLANNED}").fill("12")
    page.get_by_role("button", name="Save focus, plan and formulation").click()
    expect(page.locator(MESSAGE)).to_have_text("Saved: case frame: planned sessions.")
    second_page.locator(f"#{ids.CASE_PLANNED}").fill("20")
    second_page.get_by_role("button", name="Save focus, plan and formulation").click()
    expect(second_page.locator(MESSAGE)).to_have_text(
        "This was changed in another tab or by someone else, so your change was not saved. "
        "The latest values are shown now.")
    assert store.load(CLIENT).document.client.planned_sessions == 12
    expect(second_page.locator(CARD)).to_contain_text("Session 4 of 12 · 8 left")


def test_undo_in_the_card_puts_the_case_frame_back(page: Page, app_url, store):
    open_case(page, app_url, 4)
    page.locator(f"#{ids.CASE_PLANNED}").fill("12")
    page.get_by_role("button", name="Save focus, plan and formulation").click()
    expect(page.locator(MESSAGE)).to_have_text("Saved: case frame: planned sessions.")
    assert store.load(CLIENT).document.client.planned_sessions == 12
    page.locator(f"#{ids.CASE_UNDO}").click()
    expect(page.locator(MESSAGE)).to_have_text("Undone: case frame: planned sessions.")
    assert store.load(CLIENT).document.client.planned_sessions == 16
    expect(page.locator(CARD)).to_contain_text("Session 4 of 16 · 12 left")


def test_a_client_without_sessions_gets_a_focus_and_a_first_goal(page: Page, app_url, store):
    store.create_client(Client(id="c-new", label="New", start_date=dt.date(2026, 3, 2)))
    page.goto(f"{app_url}client/c-new")
    card = page.locator(CARD)
    expect(card).to_contain_text("No number of sessions planned yet")
    expect(card).to_contain_text("No goals agreed yet.")
    page.locator(f"#{ids.CASE_PLANNED}").fill("12")
    page.get_by_label("Role dispute").check()
    page.get_by_role("button", name="Save focus, plan and formulation").click()
    expect(page.locator(MESSAGE)).to_have_text("Saved: case frame: problem areas, planned sessions.")
    expect(page.locator(f"#{ids.CASE_GOAL_AREA}")).to_contain_text("Role dispute")
    page.locator(f"#{ids.CASE_GOAL_TEXT}").fill("Agree a rota with Arjun")
    page.get_by_role("button", name="Save goal").click()
    expect(page.locator(MESSAGE)).to_have_text("Saved: case frame: goals.")
    expect(card).to_contain_text("Agree a rota with Arjun (role dispute): not started")
    client = store.load("c-new").document.client
    assert (client.planned_sessions, [(g.area.value, g.text) for g in client.goals]) == (
        12, [("role_dispute", "Agree a rota with Arjun")])


# --- onset, the history before therapy and the relapse plan ------------------------------------------------

SAVE_FRAME = "Save focus, plan and formulation"


def open_before_and_after(page: Page) -> None:
    page.get_by_text("Before and after therapy: the history and the relapse plan").click()
    expect(page.locator(f"#{ids.CASE_RELAPSE_SIGNS}")).to_be_visible()


def pick(page: Page, menu: str, *names: str) -> None:
    """Choose ``names`` in a menu that takes several."""
    page.locator(f"#{menu}").click()
    for name in names:
        page.get_by_role("option", name=name, exact=True).click()
    page.keyboard.press("Escape")


def test_the_onset_is_saved_refused_after_the_start_and_survives_a_reload(page: Page, app_url, store):
    open_case(page, app_url, 4)
    onset = page.locator(f"#{ids.CASE_ONSET}")
    expect(onset).to_have_value("2025-05-01")
    onset.fill("2026-02-01")
    page.get_by_role("button", name=SAVE_FRAME).click()
    expect(page.locator(MESSAGE)).to_have_text("Client: onset 2026-02-01 is after the start date 2026-01-19 (the "
                                               "episode began before therapy). Nothing was saved.")
    assert store.load(CLIENT).document.client.onset == dt.date(2025, 5, 1)
    onset.fill("2025-04-20")
    page.get_by_role("button", name=SAVE_FRAME).click()
    expect(page.locator(MESSAGE)).to_have_text("Saved: case frame: onset.")
    assert store.load(CLIENT).document.client.onset == dt.date(2025, 4, 20)
    page.reload()
    expect(page.locator(CARD)).to_contain_text("Onset20 Apr 2025")
    expect(page.locator(f"#{ids.CASE_ONSET}")).to_have_value("2025-04-20")


def test_an_event_before_therapy_is_added_removed_and_put_back(page: Page, app_url, store):
    open_case(page, app_url, 4)
    open_before_and_after(page)
    choose(page, ids.CASE_HISTORY, "Add an event before therapy")
    expect(page.locator(f"#{ids.CASE_HISTORY_TEXT}")).to_have_value("")
    page.locator(f"#{ids.CASE_HISTORY_DATE}").fill("2026-02-01")
    page.locator(f"#{ids.CASE_HISTORY_TEXT}").fill("Stopped sleeping through the night")
    pick(page, ids.CASE_HISTORY_PEOPLE, "Marta")
    page.get_by_role("button", name="Save event").click()
    expect(page.locator(MESSAGE)).to_have_text(
        "Client, history #6: date 2026-02-01 is after the start date 2026-01-19 (history is what came before "
        "therapy; later events belong to a session). Nothing was saved.")
    page.locator(f"#{ids.CASE_HISTORY_DATE}").fill("2025-05-01")
    page.get_by_role("button", name="Save event").click()
    expect(page.locator(MESSAGE)).to_have_text("Saved: case frame: history.")
    history = store.load(CLIENT).document.client.history
    assert [(e.date.isoformat(), e.text, e.people) for e in history[2:4]] == [
        ("2025-04-10", "Stopped going to choir", ["p-choir"]),
        ("2025-05-01", "Stopped sleeping through the night", ["p-marta"])]
    page.reload()
    card = page.locator(CARD)
    expect(card).to_contain_text("10 Apr 2025: Stopped going to choir (with Choir)"
                                 "1 May 2025: Stopped sleeping through the night (with Marta)"
                                 "15 Jun 2025: Fell out with Inés")
    open_before_and_after(page)
    choose(page, ids.CASE_HISTORY, "1 May 2025 · Stopped sleeping through the night")
    expect(page.locator(f"#{ids.CASE_HISTORY_DATE}")).to_have_value("2025-05-01")
    expect(page.locator(f"#{ids.CASE_HISTORY_PEOPLE}")).to_contain_text("Marta")
    page.get_by_role("button", name="Remove event").click()
    expect(page.locator(MESSAGE)).to_have_text("Saved: case frame: history.")
    expect(card).not_to_contain_text("Stopped sleeping")
    assert len(store.load(CLIENT).document.client.history) == 5
    page.locator(f"#{ids.CASE_UNDO}").click()
    expect(page.locator(MESSAGE)).to_have_text("Undone: case frame: history.")
    expect(card).to_contain_text("1 May 2025: Stopped sleeping through the night (with Marta)")
    assert len(store.load(CLIENT).document.client.history) == 6


def test_the_relapse_plan_is_saved_and_the_client_reads_it_in_plain_words(page: Page, app_url, store):
    open_case(page, app_url, 14)
    open_before_and_after(page)
    expect(page.locator(f"#{ids.CASE_RELAPSE_PEOPLE}")).to_contain_text("Dr Shah")
    page.locator(f"#{ids.CASE_RELAPSE_SIGNS}").fill("Stopping choir\nSleep slipping\n")
    page.locator(f"#{ids.CASE_RELAPSE_ACTIONS}").fill("Call Marta\nWalk with Lola on Sundays")
    pick(page, ids.CASE_RELAPSE_PEOPLE, "Carmen")
    page.get_by_role("button", name="Save relapse plan").click()
    expect(page.locator(MESSAGE)).to_have_text("Saved: case frame: relapse plan.")
    plan = store.load(CLIENT).document.client.relapse_plan
    assert (plan.warning_signs, plan.actions, plan.people) == (
        ["Stopping choir", "Sleep slipping"], ["Call Marta", "Walk with Lola on Sundays"],
        ["p-marta", "p-lola", "p-gp", "p-carmen"])
    page.reload()
    card = page.locator(CARD)
    expect(card).to_contain_text("Warning signsStopping choir; Sleep slipping")
    expect(card).to_contain_text("People to turn toMarta, Lola, Dr Shah, Carmen")
    page.get_by_label("Client", exact=True).check()
    expect(card).to_contain_text("My plan for staying well")
    expect(card).to_contain_text("Signs to watch forStopping choirSleep slipping")
    expect(card).to_contain_text("What helpsCall MartaWalk with Lola on Sundays")
    expect(card).to_contain_text("People I can turn toMartaLolaDr ShahCarmen")
    for words in ("History before therapy", "heart attack", "Relapse", "Warning signs"):
        expect(card).not_to_contain_text(words)
    page.get_by_label("Hide names").check()
    expect(card).to_contain_text("Signs to watch forHidden while names are hidden.")
    expect(card).to_contain_text("People I can turn toChild 1Friend 1ProfessionalSibling")
    for words in ("choir", "Marta", "Lola", "Shah", "Carmen"):
        expect(page.locator(CARD)).not_to_contain_text(words)


def test_hide_names_keeps_the_history_and_the_plan_off_screen_and_kept(page: Page, app_url, store):
    open_case(page, app_url, 4)
    open_before_and_after(page)
    expect(page.locator(f"#{ids.CASE_HISTORY_TEXT}")).to_have_value("Luis died suddenly of a heart attack")
    page.get_by_label("Hide names").check()
    expect(page.locator(CARD)).to_contain_text("14 Mar 2025: Event 1 (with Partner)")
    expect(page.locator(f"#{ids.CASE_HINT}")).to_contain_text("the history and the relapse plan")
    for box in (ids.CASE_HISTORY_TEXT, ids.CASE_RELAPSE_SIGNS, ids.CASE_RELAPSE_ACTIONS):
        expect(page.locator(f"#{box}")).to_be_disabled()
        expect(page.locator(f"#{box}")).to_have_value("")
    for words in ("heart attack", "funeral", "Stopping choir", "Tell Marta", "Marta", "Dr Shah"):
        expect(page.locator("body")).not_to_contain_text(words)
    expect(page.locator(f"#{ids.CASE_RELAPSE_PEOPLE}")).to_contain_text("Professional")
    page.locator(f"#{ids.CASE_HISTORY_DATE}").fill("2025-03-13")
    page.get_by_role("button", name="Save event").click()
    expect(page.locator(MESSAGE)).to_have_text("Saved: case frame: history.")
    first = store.load(CLIENT).document.client.history[0]
    assert (first.date, first.text, first.people) == (dt.date(2025, 3, 13), "Luis died suddenly of a heart attack",
                                                      ["p-luis"])


def test_a_stale_second_tab_cannot_change_the_relapse_plan(page: Page, second_page: Page, app_url, store):
    open_case(page, app_url, 4)
    open_case(second_page, app_url, 4)
    open_before_and_after(page)
    page.locator(f"#{ids.CASE_RELAPSE_SIGNS}").fill("Stopping choir")
    page.get_by_role("button", name="Save relapse plan").click()
    expect(page.locator(MESSAGE)).to_have_text("Saved: case frame: relapse plan.")
    open_before_and_after(second_page)
    second_page.locator(f"#{ids.CASE_RELAPSE_ACTIONS}").fill("Call Marta")
    second_page.get_by_role("button", name="Save relapse plan").click()
    expect(second_page.locator(MESSAGE)).to_have_text(
        "This was changed in another tab or by someone else, so your change was not saved. "
        "The latest values are shown now.")
    plan = store.load(CLIENT).document.client.relapse_plan
    assert (plan.warning_signs, plan.actions[0]) == (["Stopping choir"], "Tell Marta and Lola")
    expect(second_page.locator(CARD)).to_contain_text("Warning signsStopping choir")
