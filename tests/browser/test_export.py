"""Each export button of the review page, clicked as a therapist would, with the download read back."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from ipt_network.formats import csv_bundle
from ipt_network.ui import ids
from tests.browser.conftest import GRAPH_DRAWN
from tests.conftest import SAMPLES
from tests.export_data import found_in

pytestmark = [pytest.mark.browser, pytest.mark.reads_only]

PRIYA = next(path for path in SAMPLES if "priya" in path.name)
NAMES = ("Arjun", "Asha", "Priya")
"""Names in Priya's record (partner, sister-in-law, the client's label) that hiding must remove."""


def download(page: Page, export: str) -> tuple[str, bytes]:
    """Click the export button ``export`` ("note-pdf", ...) and return the file's name and bytes."""
    button = page.locator(f"button[id*='\"export\":\"{export}\"']")
    with page.expect_download(timeout=30_000) as caught:
        button.click()
    return caught.value.suggested_filename, Path(caught.value.path()).read_bytes()


@pytest.fixture
def priya_session_6(page: Page, app_url) -> Page:
    page.goto(f"{app_url}client/c-priya?session=6")
    page.wait_for_function(GRAPH_DRAWN)
    return page


def test_pictures_download_as_real_png_and_svg(priya_session_6):
    name, png = download(priya_session_6, "network-png")
    assert name == "priya-session-06-network.png"
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width >= 600 and height >= 400
    name, svg = download(priya_session_6, "network-svg")
    assert name == "priya-session-06-network.svg"
    assert b"<svg" in svg and b"Arjun" in svg
    name, mood = download(priya_session_6, "mood-png")
    assert name == "priya-session-06-mood.png" and mood[:4] == b"\x89PNG"


def test_the_pdf_note_holds_the_session_and_its_findings(priya_session_6):
    name, pdf = download(priya_session_6, "note-pdf")
    assert name == "priya-session-06-note.pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    # Session 6 of the sample: PHQ-9 16 (moderately severe); Arjun's conflict rose from 6 to 9.
    for words in ("Priya", "Session 6", "PHQ-9", "moderately severe", "Arjun"):
        assert words in text
    expect(priya_session_6.locator(f"#{ids.EXPORT_MESSAGE}")).to_have_text("Ready: priya-session-06-note.pdf")


def test_markdown_and_html_notes(priya_session_6):
    name, markdown = download(priya_session_6, "note-md")
    assert name == "priya-session-06-note.md"
    assert markdown.decode().startswith("# ") and "Arjun" in markdown.decode()
    name, html = download(priya_session_6, "note-html")
    assert name == "priya-session-06-note.html"
    assert b"<html" in html and b"Plotly.newPlot" in html
    assert not re.search(rb"<(script|link|img)[^>]+(src|href)=[\"']?https?:", html), "the note must open offline"


def test_data_exports_read_back(priya_session_6):
    name, record = download(priya_session_6, "data-json")
    assert name == "priya-course.json"
    assert record == PRIYA.read_bytes()
    name, bundle = download(priya_session_6, "data-csv")
    assert name == "priya-course.zip"
    files = {info.filename.split("/")[-1]: zipfile.ZipFile(io.BytesIO(bundle)).read(info)
             for info in zipfile.ZipFile(io.BytesIO(bundle)).infolist()}
    assert csv_bundle.from_files(files).client.id == "c-priya"
    name, graph = download(priya_session_6, "data-graphml")
    assert name == "priya-session-06-network.graphml"
    network = nx.read_graphml(io.BytesIO(graph))
    assert network.graph["session"] == 6
    assert json.loads(PRIYA.read_text())["client"]["id"] in network


def test_with_names_hidden_no_name_leaves_in_any_file(priya_session_6):
    priya_session_6.get_by_label("Hide names").check()
    for export in ("network-svg", "note-md", "note-html", "data-json"):
        name, content = download(priya_session_6, export)
        assert name.startswith("client-"), name
        assert found_in(content.decode("utf-8"), list(NAMES)) == [], export


def test_the_inventory_and_the_review_download_for_the_therapist_only(priya_session_6):
    name, pdf = download(priya_session_6, "review-pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert name == "priya-session-06-review.pdf" and pdf[:5] == b"%PDF-"
    # priya_role_dispute.json: the review at the session on show, focus agreed at session 1.
    for words in ("END-OF-THERAPY REVIEW", "Session 6 of 15", "role dispute (agreed at session 1)", "Arjun"):
        assert words in text.replace("END- OF", "END-OF"), words
    name, html = download(priya_session_6, "review-html")
    assert name == "priya-session-06-review.html" and b"<html" in html
    name, sheet = download(priya_session_6, "inventory-pdf")
    assert name == "priya-session-06-inventory.pdf" and sheet[:5] == b"%PDF-"
    assert "Arjun" in " ".join(page.extract_text() for page in PdfReader(io.BytesIO(sheet)).pages)
    priya_session_6.locator(f"#{ids.EXPORT_AUDIENCE}").get_by_label("Client (take-home page)").check()
    priya_session_6.locator("button[id*='\"export\":\"review-pdf\"']").click()
    expect(priya_session_6.locator(f"#{ids.EXPORT_MESSAGE}")).to_have_text(
        "Not exported: the inventory and the end-of-therapy review are for the therapist's record; "
        "choose “Therapist” under “Note for”")


def test_the_inventory_sheet_prints_each_person_as_of_the_session(priya_session_6):
    name, pdf = download(priya_session_6, "inventory-pdf")
    assert name == "priya-session-06-inventory.pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for words in ("INTERPERSONAL INVENTORY", "As of session 6", "Arjun", "What is good in it"):
        assert words in text
    expect(priya_session_6.locator(f"#{ids.EXPORT_MESSAGE}")).to_have_text("Ready: priya-session-06-inventory.pdf")
