"""The session note as PDF, Markdown and HTML, and the data exports, read back from their bytes."""

from __future__ import annotations

import http.server
import io
import re
import subprocess
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor

import plotly.offline
import pypdf
import pytest

from ipt_network.export import data_file, note_file
from ipt_network.export.note import session_note
from ipt_network.export.report import pdf_from_html, render_html, render_markdown
from ipt_network.formats import csv_bundle, json_v1, read_document
from ipt_network.model import parse_document
from tests.conftest import ANA
from tests.export_data import ana_two_sessions, found_in, identifying_words, sample

PLOTLY_JS = plotly.offline.get_plotlyjs()


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF as poppler's pdftotext lays it out (what a reader copies)."""
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return result.stdout.decode()


def without_plotly_js(html: str) -> str:
    """The report minus the plotly.js bundle it carries inline (5 MB of library code)."""
    assert html.count(PLOTLY_JS) == 1
    return html.replace(PLOTLY_JS, "")


@pytest.fixture(scope="module")
def ana_pdf() -> bytes:
    return note_file(ana_two_sessions(), "pdf", number=2).content


def test_pdf_holds_the_label_session_mood_measures_findings_and_changes(ana_pdf):
    text = " ".join(pdf_text(ana_pdf).split())
    for expected in (
        "Ana · Session 2", "12 Jan 2026 · Initial phase · Focus: role dispute",
        "PHQ-9 11 moderate reliable improvement since session 1 (18 → 11); no response yet; not in remission",
        "Total support 19 +9", "Density 0.33 -0.67",
        "Few strong supports. Only 2 ties with support ≥ 5/10 (fewer than 3).",
        "Dan. Conflict with Dan 8/10.", "Sis joined (middle circle)", "Conflict with Mum fell from 8 to 4",
        "Moved in with Sis", "Therapist's note", "Talked about Dan and the flat.",
    ):
        assert expected in text
    assert re.search(r"Ana · Session 2 Page 1 of [23]", text)  # the page footer


def test_pdf_pages_are_a4_or_letter_with_fonts_embedded(ana_pdf):
    a4 = pypdf.PdfReader(io.BytesIO(ana_pdf))
    letter = pypdf.PdfReader(io.BytesIO(note_file(ana_two_sessions(), "pdf", number=2, paper="letter").content))
    # A4 is 210 x 297 mm = 595.28 x 841.89 pt; Letter is 8.5 x 11 in = 612 x 792 pt
    assert [round(float(x)) for x in a4.pages[0].mediabox[2:]] == [595, 842]
    assert [round(float(x)) for x in letter.pages[0].mediabox[2:]] == [612, 792]
    listing = subprocess.run(["pdffonts", "-"], input=ana_pdf, capture_output=True, check=True).stdout.decode()
    fonts = {row.split()[0]: row.split()[-5] for row in listing.splitlines()[2:]}  # name → "emb" column
    assert any(name.endswith("+DejaVu-Sans") for name in fonts), fonts
    assert set(fonts.values()) == {"yes"}, fonts  # every font carries its glyphs


def test_the_network_picture_in_the_pdf_is_vectors_with_text(ana_pdf):
    text = pdf_text(ana_pdf)
    for label in ("Inner circle", "Middle circle", "Mum", "Dan", "Sis"):
        assert label in text
    images = [image for page in pypdf.PdfReader(io.BytesIO(ana_pdf)).pages for image in page.images]
    assert images == []  # no bitmap anywhere


def test_rendering_fetches_nothing_from_the_network_or_the_disk():
    requests = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        pdf = pdf_from_html(f'<html><head><link rel="stylesheet" href="{url}/style.css"></head><body>'
                            f'<p style="background: url({url}/bg.png)">text</p><img src="{url}/x.png">'
                            '<img src="file:///usr/share/pixmaps/debian-logo.png"></body></html>')
    finally:
        server.shutdown()
        thread.join(5)
    assert requests == []
    assert list(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].images) == []


def test_markdown_pastes_as_headings_a_table_and_lists():
    markdown = note_file(ana_two_sessions(), "md", number=2).content.decode("utf-8")
    lines = markdown.splitlines()
    assert lines[0] == "# Ana · Session 2"
    assert [line for line in lines if line.startswith("## ")] == [
        "## Safety", "## Focus people", "## Mood", "## Key measures", "## Isolation", "## Conflict hotspots",
        "## What changed · Since session 1", "## Life events", "## Therapist's note"]
    # Dan is Ana's focus (role dispute): listed first, with his change since session 1 (the previous one).
    assert "- **Dan · role dispute**: middle circle, support 4, conflict 8. Since session 1: support/conflict " \
           "4/7 → 4/8, inner circle → middle circle." in lines
    # Ana's second PHQ-9 answers item 9 with 1 (tests/export_data.py): the first thing the note says.
    assert lines[lines.index("## Safety") + 2:lines.index("## Safety") + 4] == [
        "- PHQ-9 item 9 answered 1 at this session: check safety.", "- No risk record for this session."]
    table = lines[lines.index("## Key measures") + 2:]
    assert table[:3] == ["| Measure | This session | Since session 1 |", "|---|---:|---:|",
                         "| Network size | 3 | +1 |"]
    assert "| Support concentration | 0.42 | -0.18 |" in lines
    assert "- **PHQ-9 11** (moderate): reliable improvement since session 1 (18 → 11); no response yet; " \
           "not in remission; PHQ-9 item 9 answered 1 at this session: check safety" in lines
    assert "- **Dan.** Conflict with Dan 8/10." in lines
    assert "- Sis joined (middle circle)" in lines
    assert markdown.endswith("Talked about Dan and the flat.\n")


def typed_markup() -> dict:
    data = {**ANA, "people": [dict(p) for p in ANA["people"]], "sessions": [dict(s) for s in ANA["sessions"]]}
    data["people"][1]["name"] = "<b>Dan</b>"
    data["sessions"][0]["notes"] = '<script>alert("x")</script> [link](http://example.org) *bold*'
    return data


def test_typed_markup_stays_text_in_every_format():
    doc = parse_document(typed_markup())
    note = session_note(doc, 1)
    html = without_plotly_js(render_html(note))
    assert "<script>alert" not in html and "<b>Dan</b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    markdown = render_markdown(note)
    assert "\\<script>alert(\"x\")\\</script> \\[link\\](http://example.org) \\*bold\\*" in markdown
    assert "\\<b>Dan\\</b>" in markdown
    text = pdf_text(note_file(doc, "pdf", number=1).content)
    assert '<script>alert("x")</script>' in text  # printed as the words typed


def test_html_is_self_contained_with_plotly_inline():
    html = note_file(ana_two_sessions(), "html", number=2).content.decode("utf-8")
    page = without_plotly_js(html)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert 'id="network" class="plotly-graph-div"' in page and 'id="mood" class="plotly-graph-div"' in page
    assert "Plotly.newPlot" in page and "<h1>Ana · Session 2</h1>" in page


@pytest.mark.browser
def test_html_opens_offline_in_chromium_and_draws_the_network(tmp_path, page):
    path = tmp_path / "note.html"
    path.write_bytes(note_file(sample("rosa"), "html", number=9).content)
    outside, errors = [], []
    page.on("request", lambda r: r.url.startswith(("file:", "data:", "blob:")) or outside.append(r.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_function("() => document.querySelector('#network')?.data?.length > 0", timeout=20_000)
    page.wait_for_function("() => document.querySelector('#mood')?.data?.length > 0", timeout=20_000)
    labels = page.evaluate("() => Array.from(document.querySelectorAll('#network .textpoint text'), "
                           "text => text.textContent)")
    assert outside == [] and errors == []
    assert {"Inés", "Bereavement group", "Rosa"} <= set(labels)


def test_hidden_names_appear_in_no_byte_of_any_export():
    doc = sample("rosa")
    words = identifying_words(doc)
    assert {"Rosa", "Inés", "Mr Byrne", "Bereavement group"} <= set(words)
    exports = {fmt: note_file(doc, fmt, number=12, hide_names=True) for fmt in ("pdf", "md", "html")}
    exports |= {fmt: data_file(doc, fmt, number=12, hide_names=True) for fmt in ("json", "csv", "graphml")}
    pdf = exports["pdf"].content
    texts = {
        "pdf": pdf_text(pdf) + str(pypdf.PdfReader(io.BytesIO(pdf)).metadata),
        "md": exports["md"].content.decode("utf-8"),
        "html": without_plotly_js(exports["html"].content.decode("utf-8")),
        "json": exports["json"].content.decode("utf-8"),
        "csv": "".join(zipfile.ZipFile(io.BytesIO(exports["csv"].content)).read(name).decode("utf-8-sig")
                       for name in csv_bundle.FILES),
        "graphml": exports["graphml"].content.decode("utf-8"),
    }
    for fmt, text in texts.items():
        assert found_in(text, words) == [], fmt
        assert "Client" in text or fmt in ("json", "csv"), fmt
    assert {d.filename for d in exports.values()} == {
        "client-session-12-note.pdf", "client-session-12-note.md", "client-session-12-note.html",
        "client-course.json", "client-course.zip", "client-session-12-network.graphml"}


def test_json_and_csv_bundle_read_back_to_the_same_client(tmp_path):
    doc = sample("priya")
    exported = data_file(doc, "json")
    assert exported.filename == "priya-course.json"
    assert json_v1.loads(exported.content) == doc
    bundle = data_file(doc, "csv")
    path = tmp_path / bundle.filename
    path.write_bytes(bundle.content)
    assert read_document(path) == doc


def test_csv_cells_are_neutralised_against_formulas_and_come_back_unchanged(tmp_path):
    data = typed_markup()
    data["sessions"][0]["notes"] = '=HYPERLINK("http://example.org","click")'
    doc = parse_document(data)
    bundle = data_file(doc, "csv")
    sessions_csv = zipfile.ZipFile(io.BytesIO(bundle.content)).read("sessions.csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in sessions_csv
    path = tmp_path / "bundle.zip"
    path.write_bytes(bundle.content)
    assert read_document(path) == doc


def test_concurrent_notes_each_hold_their_own_client():
    clients = [sample(stem) for stem in ("rosa", "priya", "tom", "kit")]
    with ThreadPoolExecutor(max_workers=4) as pool:
        pdfs = list(pool.map(lambda doc: note_file(doc, "pdf", number=5).content, clients))
    for doc, pdf in zip(clients, pdfs, strict=True):
        text = pdf_text(pdf)
        assert f"{doc.client.label} · Session 5" in text
        assert [o.client.label for o in clients if f"{o.client.label} · Session" in text] == [doc.client.label]
