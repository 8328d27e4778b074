"""Pictures drawn by kaleido in the real Chromium, read back: PNG header, SVG text, PDF text.

These tests need Debian's ``chromium`` (CI installs it); without it they fail with the message
people would see: "Pictures need Chromium: install the 'chromium' package".
"""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import defusedxml.ElementTree
import pypdf
import pytest

from ipt_network.errors import NotFoundError
from ipt_network.export import picture
from ipt_network.export.images import PNG_SCALE, figure_image
from ipt_network.export.note import NETWORK_HEIGHT
from ipt_network.export.report import FIGURE_WIDTH
from tests.export_data import ana_two_sessions, found_in, identifying_words, sample

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_TEXT = "{http://www.w3.org/2000/svg}text"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which must come first (PNG spec, section 11.2.2)."""
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def svg_texts(data: bytes) -> list[str]:
    """Every piece of text drawn in an SVG (parsed with DTDs and entities refused)."""
    root = defusedxml.ElementTree.fromstring(data, forbid_dtd=True)
    return ["".join(t.itertext()) for t in root.iter(SVG_TEXT)]


def test_network_png_has_the_png_signature_and_the_expected_size():
    png = picture(sample("rosa"), "png", number=9)
    # 760 x 700 layout pixels drawn at scale 2
    assert png_size(png.content) == (FIGURE_WIDTH * PNG_SCALE, NETWORK_HEIGHT * PNG_SCALE) == (1520, 1400)
    assert (png.filename, png.media_type) == ("rosa-session-09-network.png", "image/png")


def test_network_svg_carries_every_name_tied_that_session_and_the_title():
    doc = sample("rosa")
    texts = svg_texts(picture(doc, "svg", number=9).content)
    session = doc.session(9)
    tied = [doc.person(t.person) for t in session.ties]
    shown = [p.name + ("" if p.alive_on(session.date) else " (in memory)") for p in tied]
    assert set(shown) <= set(texts)
    assert "Luis (in memory)" in texts  # died before the course began, still in the circle
    assert "Rosa · Session 9 · 16 Mar 2026" in texts


def test_network_pdf_is_a_one_page_vector_pdf_with_the_names_as_text():
    pdf = picture(sample("rosa"), "pdf", number=9).content
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Inés" in text and "Bereavement group" in text


def test_mood_chart_over_the_course_up_to_the_session():
    svg = picture(sample("rosa"), "svg", number=9, what="mood")
    texts = svg_texts(svg.content)
    assert svg.filename == "rosa-session-09-mood.svg"
    assert "Mood · Rosa · Session 9 · 16 Mar 2026" in texts
    assert "PHQ-9 · depression (lower is better)" in texts
    assert "S9" in texts and "S10" not in texts  # up to the session, not beyond


def test_no_mood_chart_from_a_single_score():
    with pytest.raises(NotFoundError, match="fewer than two sessions"):
        picture(ana_two_sessions(), "png", number=1, what="mood")


def test_hidden_names_are_nowhere_in_the_picture_or_its_file_name():
    doc = sample("rosa")
    svg = picture(doc, "svg", number=9, hide_names=True)
    assert found_in(svg.content.decode("utf-8"), identifying_words(doc)) == []
    texts = svg_texts(svg.content)
    assert {"Partner (in memory)", "Family 1", "Client"} <= set(texts)
    assert svg.filename == "client-session-09-network.svg"


def test_concurrent_exports_each_get_their_own_clients_picture():
    clients = [sample(stem) for stem in ("rosa", "priya", "tom", "kit")]
    names = {doc.client.id: {p.name for p in doc.people} for doc in clients}
    own = {cid: words - set().union(*(n for other, n in names.items() if other != cid))
           for cid, words in names.items()}
    jobs = [(doc, fmt) for doc in clients for fmt in ("svg", "png")] * 2  # 16 calls on 8 threads

    def draw(job):
        doc, fmt = job
        return picture(doc, fmt, number=5).content

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(draw, jobs))
    expected_png = {doc.client.id: picture(doc, "png", number=5).content for doc in clients}  # one at a time
    for (doc, fmt), content in zip(jobs, results, strict=True):
        if fmt == "png":
            assert content == expected_png[doc.client.id]
            continue
        texts = set(svg_texts(content))
        assert f"{doc.client.label} · Session 5 · " in " ".join(texts)
        assert own[doc.client.id] & texts, doc.client.id
        for other, words in own.items():
            if other != doc.client.id:
                assert not words & texts, f"{other}'s names in {doc.client.id}'s picture"


def test_an_unknown_format_is_refused_before_drawing():
    with pytest.raises(ValueError, match="png, svg, pdf"):
        figure_image({"data": [], "layout": {"height": 100}}, "gif", width=100)


def test_without_chromium_the_message_says_what_to_install(tmp_path):
    """A fresh process whose only browser path leads nowhere, as on a machine without Chromium."""
    script = ("from tests.export_data import sample\n"
              "from ipt_network.export import picture\n"
              "picture(sample('kit'), 'png', number=1)\n")
    env = {**os.environ, "BROWSER_PATH": str(tmp_path / "no-chromium-here")}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                            cwd=os.getcwd(), timeout=60)
    assert result.returncode != 0
    assert "PicturesUnavailableError: Pictures need Chromium: install the 'chromium' package" in result.stderr
