"""Comparing two sessions, in Chromium: opened from a link or the "Compare with…" choice, both
networks side by side, the changes in words, the address following, names hidden on request.

The client is Priya (data/samples/priya_role_dispute.json). From session 4 (23 Feb 2026) to
session 8 (23 Mar 2026) the file changes, by hand (change threshold 2, T = 5):
- Claire: support 4 → 5, conflict 5 → 3: conflict fell by 2 (named), and the tie goes from
  aversive (conflict ≥ 5, support < 5) to supportive (support ≥ 5, conflict < 5);
- Vikram: support 4 → 5, conflict 2 → 1: indifferent → supportive, but no rating moved by 2, so
  the flip is not named (a one-point change is noise, docs/metrics.md); he still counts among the
  supportive ties;
- everyone else moves by at most 1 point and keeps their ring and valence; the same 14 links.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from ipt_network.overview import CourseAnalysis
from ipt_network.ui import ids
from tests.browser.conftest import GRAPH_DRAWN

pytestmark = [pytest.mark.browser, pytest.mark.reads_only]

PANEL = f"#{ids.COMPARE_PANEL}"
BEFORE, AFTER = f"#{ids.COMPARE_BEFORE}", f"#{ids.COMPARE_AFTER}"
CHANGES = f"{PANEL} .change-list li"

THERAPIST_CHANGES = ["Conflict with Claire fell from 5 to 3", "Tie with Claire went from aversive to supportive"]


def drawn(graph: str) -> str:
    return f"() => document.querySelector('{graph} .js-plotly-plot')?.data?.length > 0"


def figure_text(page: Page, graph: str) -> str:
    """Everything the figure can show (labels, hover texts, titles), as one string."""
    return page.evaluate(f"""() => {{
        const plot = document.querySelector('{graph} .js-plotly-plot');
        return JSON.stringify([plot.data, plot.layout.title, plot.layout.annotations]);
    }}""")


def open_comparison(page: Page, app_url: str, search: str) -> None:
    page.goto(f"{app_url}client/c-priya{search}")
    page.wait_for_function(GRAPH_DRAWN)
    page.wait_for_function(drawn(BEFORE))
    page.wait_for_function(drawn(AFTER))


def choose(page: Page, option: str) -> None:
    page.locator(f"#{ids.COMPARE_WITH}").click()
    page.get_by_role("option", name=option, exact=True).click()


def test_a_link_opens_both_sessions_and_the_changes(page: Page, app_url, store):
    open_comparison(page, app_url, "?session=8&compare=4")
    assert figure_text(page, BEFORE).count("Session 4 · 23 Feb 2026") == 1
    assert figure_text(page, AFTER).count("Session 8 · 23 Mar 2026") == 1
    expect(page.locator(f"#{ids.COMPARE_WITH}")).to_contain_text("Session 4")
    expect(page.locator(PANEL)).to_contain_text("From session 4 to session 8: 2 changes")
    expect(page.locator(CHANGES)).to_have_text(THERAPIST_CHANGES)
    # The same sentences as the analytics give, in the same order.
    course = CourseAnalysis(store.load("c-priya").document)
    from_analytics = [item.therapist for item in course.change(4, 8).items]
    assert [text[:1].upper() + text[1:] for text in from_analytics] == THERAPIST_CHANGES
    # Measures table, therapist's words: supportive ties 7 → 9 (Claire and Vikram join them),
    # total conflict 32 → 27 (the sums of the conflict column of each session in the file).
    table = page.locator(f"{PANEL} .change-table")
    expect(table.locator("tr", has_text="Supportive ties")).to_have_text(re.compile(r"Supportive ties\s*7\s*9\s*\+2"))
    expect(table.locator("tr", has_text="Total conflict")).to_have_text(re.compile(r"Total conflict\s*32\s*27\s*−5"))


def test_people_keep_their_places_in_both_pictures(page: Page, app_url):
    """Nobody changed rings from session 4 to 8, so everyone sits in the same spot in both."""
    open_comparison(page, app_url, "?session=8&compare=4")
    places = """g => {
        const people = document.querySelector(g + ' .js-plotly-plot').data.find(t => t.name === 'people');
        return Object.fromEntries(people.ids.map((id, i) => [id, [people.x[i], people.y[i]]]));
    }"""
    assert page.evaluate(places, BEFORE) == page.evaluate(places, AFTER)


def test_the_client_voice_tells_the_changes_in_plain_words(page: Page, app_url):
    open_comparison(page, app_url, "?session=4&compare=8")
    page.get_by_text("Client", exact=True).click()
    expect(page.locator(PANEL)).to_contain_text("Since session 4")
    expect(page.locator(CHANGES)).to_have_text(["Things with Claire feel easier", "Claire now feels mostly supportive"])
    expect(page.locator(f"{PANEL} .change-table")).to_have_count(0)


def test_choosing_a_session_writes_it_into_the_address_and_back_restores_it(page: Page, app_url):
    open_comparison(page, app_url, "?session=8&compare=4")
    choose(page, "Session 2")
    expect(page).to_have_url(f"{app_url}client/c-priya?session=8&compare=2")
    expect(page.locator(PANEL)).to_contain_text("From session 2 to session 8")
    page.go_back()
    expect(page).to_have_url(f"{app_url}client/c-priya?session=8&compare=4")
    expect(page.locator(PANEL)).to_contain_text("From session 4 to session 8")
    expect(page.locator(f"#{ids.COMPARE_WITH}")).to_contain_text("Session 4")
    page.locator(f"#{ids.COMPARE_WITH} .dash-dropdown-clear").click()
    expect(page).to_have_url(f"{app_url}client/c-priya?session=8")
    expect(page.locator(BEFORE)).to_have_count(0)


def test_the_comparison_starts_from_the_session_on_show(page: Page, app_url):
    page.goto(f"{app_url}client/c-priya?session=8")
    page.wait_for_function(GRAPH_DRAWN)
    choose(page, "Session 4")
    expect(page).to_have_url(f"{app_url}client/c-priya?session=8&compare=4")
    page.wait_for_function(drawn(AFTER))
    expect(page.locator(CHANGES)).to_have_text(THERAPIST_CHANGES)


def test_hidden_names_leave_no_name_in_the_comparison(page: Page, app_url, store):
    open_comparison(page, app_url, "?session=8&compare=4")
    doc = store.load("c-priya").document
    names = [person.name for person in doc.people] + [doc.client.label]
    assert "Claire" in page.locator(PANEL).inner_text()
    page.get_by_role("checkbox", name="Hide names").check()
    # priya_role_dispute.json: Claire is the only colleague, so her role names her.
    expect(page.locator(CHANGES)).to_have_text(["Conflict with Colleague fell from 5 to 3",
                                                "Tie with Colleague went from aversive to supportive"])
    page.wait_for_function(drawn(AFTER))
    shown = [page.locator(PANEL).inner_text(), figure_text(page, BEFORE), figure_text(page, AFTER)]
    for text in shown:
        found = [name for name in names if re.search(rf"\b{re.escape(name)}\b", text)]
        assert found == []


@pytest.mark.parametrize(("width", "side_by_side"), [(1280, True), (768, False)])
def test_side_by_side_on_a_desktop_and_stacked_on_a_tablet(page: Page, app_url, width, side_by_side):
    page.set_viewport_size({"width": width, "height": 1000})
    open_comparison(page, app_url, "?session=8&compare=4")
    before, after = page.locator(BEFORE).bounding_box(), page.locator(AFTER).bounding_box()
    assert (abs(before["y"] - after["y"]) < 1) == side_by_side
    assert (after["x"] > before["x"] + before["width"] - 1) == side_by_side
    assert page.evaluate("document.documentElement.scrollWidth") <= width
