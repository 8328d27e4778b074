"""``ipt-network export`` (pictures, notes, GraphML) and ``ipt-network report``, as DESIGN section 6 says."""

from __future__ import annotations

import io

import defusedxml.ElementTree
import networkx as nx
import pypdf
import pytest
from click.testing import CliRunner

from ipt_network.cli import main
from ipt_network.export.hidden import without_names
from ipt_network.formats import json_v1
from tests.conftest import SAMPLES
from tests.export_data import found_in, identifying_words, sample
from tests.test_export_images import png_size, svg_texts
from tests.test_export_report import pdf_text


def run(db_url: str, *args: str):
    return CliRunner().invoke(main, ["--db", db_url, *map(str, args)])


@pytest.fixture
def rosa_db(db_url) -> str:
    """A database holding Rosa (16 sessions) and Kit."""
    result = run(db_url, "import", *[p for p in SAMPLES if p.name.startswith(("rosa", "kit"))])
    assert result.exit_code == 0, result.output
    return db_url


def test_pictures_of_the_latest_session_by_default(rosa_db, tmp_path):
    png, svg, pdf = (tmp_path / f"net.{fmt}" for fmt in ("png", "svg", "pdf"))
    for path in (png, svg, pdf):
        result = run(rosa_db, "export", "c-rosa", "--format", path.suffix[1:], "-o", path)
        assert result.exit_code == 0, result.output
        assert result.output.strip() == str(path)
    assert png_size(png.read_bytes()) == (1520, 1400)
    assert "Rosa · Session 16 · 4 May 2026" in svg_texts(svg.read_bytes())
    assert "Inés" in pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()


def test_mood_picture_of_a_chosen_session(rosa_db, tmp_path):
    out = tmp_path / "mood.svg"
    result = run(rosa_db, "export", "c-rosa", "--format", "svg", "--picture", "mood", "--session", "9", "-o", out)
    assert result.exit_code == 0, result.output
    texts = svg_texts(out.read_bytes())
    assert "S9" in texts and "S10" not in texts


def test_graphml_of_one_session(rosa_db, tmp_path):
    out = tmp_path / "s12.graphml"
    assert run(rosa_db, "export", "c-rosa", "--format", "graphml", "--session", "12", "-o", out).exit_code == 0
    G = nx.read_graphml(out)
    assert G.graph["session"] == 12 and G.nodes["c-rosa"]["label"] == "Rosa"


def test_report_format_follows_the_suffix(rosa_db, tmp_path):
    for suffix in ("pdf", "md", "html"):
        out = tmp_path / f"note.{suffix}"
        result = run(rosa_db, "report", "c-rosa", "--session", "9", "--paper", "letter", "-o", out)
        assert result.exit_code == 0, result.output
    assert "Rosa · Session 9" in pdf_text((tmp_path / "note.pdf").read_bytes())
    page = pypdf.PdfReader(tmp_path / "note.pdf").pages[0]
    assert [round(float(x)) for x in page.mediabox[2:]] == [612, 792]  # Letter
    assert (tmp_path / "note.md").read_text(encoding="utf-8").startswith("# Rosa · Session 9\n")
    assert "<h1>Rosa · Session 9</h1>" in (tmp_path / "note.html").read_text(encoding="utf-8")


def test_export_md_and_html_are_the_session_note(rosa_db, tmp_path):
    report, export = tmp_path / "report.md", tmp_path / "export.md"
    run(rosa_db, "report", "c-rosa", "--session", "4", "-o", report)
    run(rosa_db, "export", "c-rosa", "--format", "md", "--session", "4", "-o", export)
    assert export.read_bytes() == report.read_bytes()


def test_hide_names_on_export_and_report(rosa_db, tmp_path):
    words = identifying_words(sample("rosa"))
    note, picture, data = tmp_path / "note.md", tmp_path / "net.svg", tmp_path / "all.json"
    assert run(rosa_db, "report", "c-rosa", "--hide-names", "-o", note).exit_code == 0
    assert run(rosa_db, "export", "c-rosa", "--format", "svg", "--hide-names", "-o", picture).exit_code == 0
    assert run(rosa_db, "export", "c-rosa", "--format", "json", "--hide-names", "-o", data).exit_code == 0
    for path in (note, picture, data):
        assert found_in(path.read_text(encoding="utf-8"), words) == [], path.name
    assert note.read_text(encoding="utf-8").startswith("# Client · Session 16\n")
    defusedxml.ElementTree.fromstring(picture.read_bytes())


@pytest.mark.parametrize("args, message", [
    (("export", "c-rosa", "--format", "png", "--session", "99"), "no session 99"),
    (("export", "c-kit", "--format", "svg", "--picture", "mood", "--session", "1"), "fewer than two sessions"),
    (("report", "c-rosa", "--session", "99"), "no session 99"),
    (("report", "c-nobody"), "c-nobody"),
])
def test_unknown_session_or_client_is_exit_2_and_writes_nothing(rosa_db, tmp_path, args, message):
    out = tmp_path / "out.pdf"
    result = run(rosa_db, *args, "-o", out)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert list(tmp_path.glob("out*")) == [] and list(tmp_path.glob(".out*")) == []


def test_a_report_suffix_other_than_pdf_md_or_html_is_refused(rosa_db, tmp_path):
    out = tmp_path / "note.docx"
    result = run(rosa_db, "report", "c-rosa", "-o", out)
    assert result.exit_code == 2
    assert "must end in .pdf, .md or .html" in result.output
    assert not out.exists()


def test_report_for_the_client_or_the_therapist_and_since_a_session(rosa_db, tmp_path):
    therapist, client, since = tmp_path / "t.md", tmp_path / "c.md", tmp_path / "since.md"
    assert run(rosa_db, "report", "c-rosa", "--session", "1", "-o", therapist).exit_code == 0
    assert run(rosa_db, "report", "c-rosa", "--session", "1", "--for", "client", "-o", client).exit_code == 0
    assert "PHQ-9 item 9 answered 1 at this session: check safety." in therapist.read_text()
    page = client.read_text()
    assert "## Support around you" in page and "## Relationships with strain" in page
    assert "item 9" not in page and "Risk" not in page and "attention" not in page and "Inés" in page
    # Session 9 compared with session 1 as well as session 8: Luis 10/0 at session 1, 8/3 at 9 (rosa_grief.json).
    assert run(rosa_db, "report", "c-rosa", "--session", "9", "--since", "1", "-o", since).exit_code == 0
    text = since.read_text()
    assert "## What changed · Since session 8" in text and "## What changed · Since session 1" in text
    assert "- Luis 10/0 → 8/3 since session 1 (support/conflict; has died)" in text


@pytest.mark.parametrize("stem", ["rosa", "priya", "tom", "kit", "femi"])
def test_a_copy_without_names_keeps_the_case_frame_that_names_nobody_and_is_valid(stem):
    doc = sample(stem)
    hidden = without_names(doc)
    text = json_v1.dumps(hidden)
    assert found_in(text, identifying_words(doc)) == []
    assert json_v1.loads(text) == hidden  # still a valid client: goal ids and people renamed consistently
    assert hidden.client.planned_sessions == doc.client.planned_sessions and hidden.client.onset == doc.client.onset
    assert [(g.area, g.text) for g in hidden.client.goals] == [
        (g.area, f"Goal {i}") for i, g in enumerate(doc.client.goals, start=1)]
    assert [[p.status for p in s.goal_progress] for s in hidden.sessions] == [
        [p.status for p in s.goal_progress] for s in doc.sessions]
    assert [(p.inventory.support_flow, p.inventory.confides, p.inventory.as_of) if p.inventory else None
            for p in hidden.people] == [(p.inventory.support_flow, p.inventory.confides, p.inventory.as_of)
                                        if p.inventory else None for p in doc.people]
    assert len(hidden.client.relapse_plan.people) == len(doc.client.relapse_plan.people)
