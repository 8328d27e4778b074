"""The review page's panels in Chromium: hotspots and the highlight, the network's arrangement, mood
and its linkage, the two voices, hiding names, and moving through sessions without page errors.

Expected words and numbers come from the analytics run on the same sample files
(``CourseAnalysis``), and from the samples' README: Priya (data/samples/priya_role_dispute.json)
has two conflict hotspots, Arjun and Asha, in sessions 1–9; Tom's former manager Sandra is a
hotspot in sessions 1–3 and in his network until session 5; Rosa answered PHQ-9 item 9 with 1 in
sessions 1–2.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from ipt_network.figures.network import HIGHLIGHT_SIZE, MARKER_SIZE
from ipt_network.figures.style import INK
from ipt_network.formats import read_document
from ipt_network.layout import force_positions, ring_positions
from ipt_network.overview import CourseAnalysis
from ipt_network.ui import ids
from ipt_network.ui.plain_words import plain_mood
from tests.browser.conftest import GRAPH_DRAWN
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.reads_only]

PRIYA = read_document(ROOT / "data" / "samples" / "priya_role_dispute.json")
TOM = read_document(ROOT / "data" / "samples" / "tom_role_transition.json")
ROSA = read_document(ROOT / "data" / "samples" / "rosa_grief.json")

SLIDER_THUMB = f"#{ids.SESSION_SLIDER} [role=slider]"
HOTSPOTS = f"#{ids.HOTSPOTS_PANEL}"
MOOD_DRAWN = f"() => document.querySelector('#{ids.MOOD_GRAPH} .js-plotly-plot')?.data?.length > 0"

NETWORK = f"document.querySelector('#{ids.NETWORK_GRAPH} .js-plotly-plot')"
PEOPLE_TRACE = f"{NETWORK}?.data?.find(t => t.name === 'people')"
PEOPLE = f"""() => {{
    const trace = {PEOPLE_TRACE};
    if (!trace) return null;
    return {{keys: Array.from(trace.customdata), x: Array.from(trace.x), y: Array.from(trace.y),
             size: Array.from(trace.marker.size), outline: Array.from(trace.marker.line.color),
             text: Array.from(trace.text)}};
}}"""
"""The people of the network as drawn: their keys (``customdata``), places, sizes, outlines, labels."""


def open_client(page: Page, app_url: str, client: str, session: int) -> None:
    page.goto(f"{app_url}client/{client}?session={session}")
    page.wait_for_function(GRAPH_DRAWN)
    expect(page.locator(f"#{ids.SESSION_CAPTION}")).to_contain_text(f"Session {session} ")


def size_of(page: Page, person: str) -> int | None:
    people = page.evaluate(PEOPLE)
    return people["size"][people["keys"].index(person)] if person in people["keys"] else None


def coordinates(places: dict[str, tuple[float, float]]) -> dict[str, float]:
    """``{"p-dan x": 1.2, "p-dan y": 0.4, ...}``: places in a form ``pytest.approx`` compares."""
    return {f"{key} {axis}": value for key, (x, y) in places.items() for axis, value in (("x", x), ("y", y))}


def positions(page: Page) -> dict[str, float]:
    """Where the network draws each person, as ``coordinates``."""
    people = page.evaluate(PEOPLE)
    return coordinates({key: (x, y) for key, x, y in zip(people["keys"], people["x"], people["y"], strict=True)})


def wait_for_size(page: Page, person: str, size: int) -> None:
    page.wait_for_function(f"""() => {{
        const trace = {PEOPLE_TRACE};
        const i = trace ? Array.from(trace.customdata).indexOf('{person}') : -1;
        return i >= 0 && trace.marker.size[i] === {size};
    }}""")


def test_the_samples_say_what_these_tests_rely_on():
    priya, tom = CourseAnalysis(PRIYA), CourseAnalysis(TOM)
    assert [h.person for h in priya.findings(6).hotspots] == ["p-arjun", "p-asha"]
    assert [h.person for h in tom.findings(3).hotspots] == ["p-jan", "p-sandra"]
    assert "p-sandra" in {t.person for t in TOM.session(4).ties} - {h.person for h in tom.findings(4).hotspots}
    assert "p-sandra" not in {t.person for t in TOM.session(6).ties}
    assert ROSA.session(1).mood[0].items[8] == 1 and ROSA.session(3).mood[0].items[8] == 0


def test_hotspots_list_the_people_the_analytics_name_with_their_reasons(page: Page, app_url):
    open_client(page, app_url, "c-priya", 6)
    findings = CourseAnalysis(PRIYA).findings(6)
    items = page.locator(f"{HOTSPOTS} .hotspot-list li")
    expect(items).to_have_count(2)
    # Most severe first: Arjun (conflict 9/10, up from 6 at session 5), then Asha.
    for item, hotspot, name in zip((items.nth(0), items.nth(1)), findings.hotspots, ("Arjun", "Asha"), strict=True):
        expect(item.get_by_role("button")).to_have_text(name)
        expect(item).to_contain_text(hotspot.therapist)
    expect(items.nth(0)).to_contain_text("rose from 6 to 9 since session 5")
    expect(page.locator(HOTSPOTS)).to_contain_text("No isolation flags this session.")
    expect(page.locator(f"#{ids.NETWORK_SUMMARY}")).to_contain_text("2 people need attention: Arjun and Asha")
    # In the client's words, with the client looking at the screen, nobody is named as a problem.
    page.get_by_label("Client", exact=True).check()
    summary = page.locator(f"#{ids.NETWORK_SUMMARY}")
    expect(summary).to_contain_text("in your circle")
    expect(summary).not_to_contain_text("attention")


def test_choosing_a_hotspot_highlights_that_person_until_chosen_again(page: Page, app_url):
    open_client(page, app_url, "c-priya", 6)
    arjun = page.locator(HOTSPOTS).get_by_role("button", name="Arjun")
    expect(arjun).to_have_attribute("aria-pressed", "false")
    assert size_of(page, "p-arjun") == MARKER_SIZE
    arjun.focus()
    page.keyboard.press("Enter")  # buttons work from the keyboard
    wait_for_size(page, "p-arjun", HIGHLIGHT_SIZE)
    people = page.evaluate(PEOPLE)
    assert people["outline"][people["keys"].index("p-arjun")] == INK  # outlined as well as larger
    assert size_of(page, "p-asha") == MARKER_SIZE
    expect(arjun).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Enter")  # pressing again takes the highlight away
    wait_for_size(page, "p-arjun", MARKER_SIZE)
    expect(arjun).to_have_attribute("aria-pressed", "false")
    page.locator(HOTSPOTS).get_by_role("button", name="Asha").click()
    wait_for_size(page, "p-asha", HIGHLIGHT_SIZE)
    page.get_by_role("button", name="Clear highlight").click()
    wait_for_size(page, "p-asha", MARKER_SIZE)
    expect(page.get_by_role("button", name="Clear highlight")).to_be_hidden()


def test_the_highlight_follows_the_sessions_that_person_is_in(page: Page, app_url):
    open_client(page, app_url, "c-tom", 3)
    page.locator(HOTSPOTS).get_by_role("button", name="Sandra").click()
    wait_for_size(page, "p-sandra", HIGHLIGHT_SIZE)
    page.focus(SLIDER_THUMB)
    page.keyboard.press("ArrowRight")
    # Session 4: Sandra is no longer a hotspot but still in Tom's network, so she stays highlighted.
    expect(page.locator(f"#{ids.SESSION_CAPTION}")).to_contain_text("Session 4 ")
    expect(page.locator(HOTSPOTS).get_by_role("button", name="Sandra")).to_have_count(0)
    wait_for_size(page, "p-sandra", HIGHLIGHT_SIZE)
    expect(page.get_by_role("button", name="Clear highlight")).to_be_visible()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # Session 6: Sandra has left the network; the highlight goes with her and does not come back.
    expect(page.locator(f"#{ids.SESSION_CAPTION}")).to_contain_text("Session 6 ")
    expect(page.get_by_role("button", name="Clear highlight")).to_be_hidden()
    page.keyboard.press("Home")
    expect(page.locator(f"#{ids.SESSION_CAPTION}")).to_contain_text("Session 1 ")
    page.wait_for_function(f"() => {PEOPLE_TRACE}.customdata.length === {len(TOM.session(1).ties)}")
    assert size_of(page, "p-sandra") == MARKER_SIZE


def test_clusters_arrange_people_by_force_and_the_circle_comes_back(page: Page, app_url):
    open_client(page, app_url, "c-priya", 6)
    rings = ring_positions(PRIYA, 6)
    course = CourseAnalysis(PRIYA)
    clusters = force_positions(PRIYA, course.numbers)  # one layout for the whole course
    tied = [tie.person for tie in PRIYA.session(6).ties]
    in_rings = coordinates({key: rings[key] for key in tied})
    in_clusters = coordinates({key: clusters[key] for key in tied})
    assert in_clusters != pytest.approx(in_rings)
    assert positions(page) == pytest.approx(in_rings)
    page.get_by_label("Clusters", exact=True).check()
    page.wait_for_function(f"() => {NETWORK}.layout.shapes.length === 0")  # no closeness rings here
    assert positions(page) == pytest.approx(in_clusters)
    page.get_by_label("Closeness circle", exact=True).check()
    page.wait_for_function(f"() => {NETWORK}.layout.shapes.length === 3")
    assert positions(page) == pytest.approx(in_rings)


def test_mood_shows_bands_the_session_and_linkage_with_n(page: Page, app_url):
    open_client(page, app_url, "c-priya", 6)
    page.wait_for_function(MOOD_DRAWN)
    shapes = page.evaluate(f"() => document.querySelector('#{ids.MOOD_GRAPH} .js-plotly-plot').layout.shapes"
                           ".map(s => [s.name, s.x0])")
    names = [name for name, _ in shapes]
    for band in ("minimal", "mild", "moderate", "moderately severe", "severe"):  # PHQ-9 bands, Kroenke 2001
        assert f"band:{band}" in names
    assert ["this session", 6] in shapes
    # The sentences are those of the analytics over sessions 1-6, total support against PHQ-9, built on
    # changes from one session to the next: 5 changes at lag 0, 4 pairs of changes at lag 1.
    links = [link for link in CourseAnalysis(PRIYA).linkage(up_to=6)
             if link.series == "total_support" and link.instrument == "PHQ-9" and link.on == "changes"]
    assert [link.lag for link in links] == [0, 1]
    words = page.locator(f"#{ids.MOOD_PANEL}")
    for link in links:
        expect(words).to_contain_text(link.sentence)
    expect(words).to_contain_text("n = 5")
    expect(words).to_contain_text("n = 4")
    # Another series adds its row to the chart and its two sentences.
    page.get_by_label("People in the circle", exact=True).check()
    expect(words.locator(".linkage-list li")).to_have_count(4)
    page.wait_for_function(f"""() => document.querySelector('#{ids.MOOD_GRAPH} .js-plotly-plot').layout
        .annotations.some(a => a.text === '<b>People in the circle</b>')""")
    page.focus(SLIDER_THUMB)
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"""() => document.querySelector('#{ids.MOOD_GRAPH} .js-plotly-plot').layout
        .shapes[0].x0 === 7""")
    expect(page.locator(f"#{ids.MOOD_SUMMARY}")).to_contain_text("The dotted line marks session 7.")


def test_the_client_voice_speaks_plainly_and_shows_scores_only_when_asked(page: Page, app_url):
    open_client(page, app_url, "c-priya", 6)
    course = CourseAnalysis(PRIYA)
    arjun = course.findings(6).hotspots[0]
    phq9 = course.mood(6)["PHQ-9"]
    expect(page.locator(HOTSPOTS)).to_contain_text(arjun.therapist)
    expect(page.get_by_label("Show scores", exact=True)).to_be_hidden()
    page.get_by_label("Client", exact=True).check()
    expect(page.locator(HOTSPOTS)).to_contain_text(arjun.client)
    expect(page.locator(HOTSPOTS)).not_to_contain_text(arjun.therapist)
    expect(page.locator(f"#{ids.HOTSPOTS_TITLE}")).to_have_text("Support and strain")
    words = page.locator(f"#{ids.MOOD_PANEL}")
    expect(words).to_contain_text(plain_mood(phq9))  # "Your PHQ-9 score is in the moderately severe range."
    expect(words).not_to_contain_text("rho")
    assert not re.search(r"\b16\b", words.inner_text())  # Priya's PHQ-9 at session 6 is 16
    expect(page.locator(f"#{ids.NETWORK_SUMMARY} .measures")).to_have_count(0)
    ratings_on_hover = f"() => {PEOPLE_TRACE}.hovertext.some(text => text.includes('/10'))"
    page.wait_for_function(f"() => !({ratings_on_hover})()")
    page.get_by_label("Show scores", exact=True).check()
    expect(words).to_contain_text("Your PHQ-9 score is 16, in the moderately severe range.")
    expect(page.locator(f"#{ids.NETWORK_SUMMARY} .measures")).to_contain_text("Total support")
    page.wait_for_function(ratings_on_hover)


def test_a_safety_check_is_shown_to_the_therapist_only(page: Page, app_url):
    open_client(page, app_url, "c-rosa", 1)
    note = page.locator(f"#{ids.MOOD_PANEL} .safety-note")
    expect(note).to_contain_text("Check safety. PHQ-9 item 9")
    expect(note).to_contain_text("was answered 1 at session 1")
    page.get_by_label("Client", exact=True).check()
    expect(page.locator(f"#{ids.MOOD_PANEL}")).to_contain_text("Your PHQ-9 score is in")
    expect(note).to_have_count(0)
    page.get_by_label("Therapist", exact=True).check()
    expect(note).to_have_count(1)
    page.focus(SLIDER_THUMB)
    page.keyboard.press("End")  # item 9 is 0 from session 3 on
    expect(page.locator(f"#{ids.SESSION_CAPTION}")).to_contain_text("Session 16 ")
    expect(note).to_have_count(0)


FOUND_NAMES = """(words) => {
    const graphs = [...document.querySelectorAll('.js-plotly-plot')]
        .map(gd => JSON.stringify({data: gd.data, layout: gd.layout})).join(' ');
    const text = document.body.innerText;
    return {text: words.filter(word => text.includes(word)), graphs: words.filter(word => graphs.includes(word))};
}"""
"""Which of the given words the page shows as text, and which any graph holds in its data or layout."""
NONE_FOUND = {"text": [], "graphs": []}


def test_hide_names_leaves_no_name_on_screen_or_in_any_graph(page: Page, app_url):
    open_client(page, app_url, "c-priya", 6)
    page.locator(HOTSPOTS).get_by_role("button", name="Arjun").click()
    wait_for_size(page, "p-arjun", HIGHLIGHT_SIZE)
    names = [person.name for person in PRIYA.people] + [PRIYA.client.label]
    ids_typed = [person.id for person in PRIYA.people] + [PRIYA.client.id]
    assert "Arjun" in page.evaluate(FOUND_NAMES, names)["graphs"]
    page.get_by_label("Hide names", exact=True).check()
    expect(page.locator(f"#{ids.REVIEW_LABEL}")).to_have_text("Client")
    try:
        page.wait_for_function(f"""(words) => {{ const found = ({FOUND_NAMES})(words);
            return found.text.length === 0 && found.graphs.length === 0; }}""", arg=names + ids_typed, timeout=10_000)
    finally:
        assert page.evaluate(FOUND_NAMES, names + ids_typed) == NONE_FOUND
    # Roles instead of names, and the highlight is kept.
    expect(page.locator(HOTSPOTS).get_by_role("button", name="Partner")).to_have_attribute("aria-pressed", "true")
    drawn = page.evaluate(PEOPLE)
    assert "Partner" in drawn["text"] and max(drawn["size"]) == HIGHLIGHT_SIZE


def test_quick_session_changes_then_leaving_raise_no_page_error(page: Page, app_url):
    """The network glides between sessions; leaving mid-glide must not throw (watch_page checks)."""
    for wait_before_leaving in (0, 150, 300, 600):
        open_client(page, app_url, "c-priya", 2)
        page.focus(SLIDER_THUMB)
        for _ in range(4):  # people change rings and shapes between these sessions
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(60)
        expect(page).to_have_url(f"{app_url}client/c-priya?session=6")
        page.wait_for_timeout(wait_before_leaving)
        page.get_by_role("link", name="← All clients").click()
        expect(page.locator(f"#{ids.CLIENT_COUNT}")).to_have_text("5 clients")
        page.wait_for_timeout(700)  # longer than the 0.5 s glide


def test_the_review_page_fits_a_tablet(page: Page, app_url):
    page.set_viewport_size({"width": 768, "height": 1024})
    open_client(page, app_url, "c-priya", 6)
    page.wait_for_function(MOOD_DRAWN)
    expect(page.locator(HOTSPOTS).get_by_role("button", name="Arjun")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_choosing_a_life_event_on_the_mood_chart_lights_its_people_on_the_circle(page: Page, app_url):
    # rosa_grief.json: the first event linked to mood is at session 6, "Joined the hospice bereavement
    # group" (mood better), with the group; its mark is the first of the "Event: mood better" trace.
    open_client(page, app_url, "c-rosa", 3)
    page.wait_for_function(MOOD_DRAWN)
    page.evaluate(f"""() => [...document.querySelectorAll('#{ids.MOOD_GRAPH} .scatterlayer .trace')]
        .find(t => t.__data__[0].trace.name === 'Event: mood better')
        .querySelector('.point').setAttribute('data-mark', 'first-better')""")
    mark = page.locator(f"#{ids.MOOD_GRAPH} [data-mark=first-better]")
    mark.evaluate("point => point.scrollIntoView({block: 'center'})")  # clear of the session bar
    mark.hover(force=True)  # plotly reads a click from the point it last hovered
    expect(page.locator(f"#{ids.MOOD_GRAPH} .hoverlayer .hovertext")).to_contain_text("Joined the hospice")
    mark.click(force=True)
    expect(page).to_have_url(f"{app_url}client/c-rosa?session=6")
    lit = f"() => Array.from({NETWORK}?.data?.find(t => t.name === 'event people')?.ids ?? []).join()"
    page.wait_for_function(f"() => ({lit})() === 'p-group'")
    expect(page.locator(f"#{ids.NETWORK_GRAPH} .legendtext", has_text="Warm halo")).to_be_visible()
    mark.hover(force=True)
    mark.click(force=True)  # chosen again: the glow goes
    page.wait_for_function(f"() => ({lit})() === ''")
