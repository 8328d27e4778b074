"""Data stored before the text rule, read back through every export and the CLI.

The bad text is written straight into the database (as an older version could have stored it),
bypassing the model: every export must still work, carry the text repaired (U+FFFD in place of
each refused character, never a crash), and our own import must read our own export.
"""

from __future__ import annotations

import io
import json

import pypdf
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from ipt_network.cli import main
from ipt_network.formats import read_document
from tests.conftest import SAMPLES
from tests.test_export_images import png_size, svg_texts
from tests.test_export_report import pdf_text, without_plotly_js

PRIYA = next(p for p in SAMPLES if p.name.startswith("priya"))
RAW_CONTROL = [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\n"] + ["\u202e"]


def run(db_url: str, *args: str):
    return CliRunner().invoke(main, ["--db", db_url, *map(str, args)])


@pytest.fixture
def old_db(db_url) -> str:
    """Priya, with a NUL in a name, terminal escapes in the label and notes, a reversed run in an event,
    and a name of nothing but a NUL, as if stored before the rule."""
    assert run(db_url, "import", PRIYA).exit_code == 0
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE clients SET label = :label"), {"label": "Priya\x1b[31m\x00"})
        first, second = conn.execute(sa.text("SELECT pk FROM people ORDER BY position LIMIT 2")).scalars()
        conn.execute(sa.text("UPDATE people SET name = :name WHERE pk = :pk"), {"name": "Mar\x00k", "pk": first})
        conn.execute(sa.text("UPDATE people SET name = :name WHERE pk = :pk"), {"name": "\x00", "pk": second})
        conn.execute(sa.text("UPDATE sessions SET notes = :notes, events = :events"),
                     {"notes": "talked\x07 about \x1b]0;title\x07work\x00", "events": json.dumps(["row \u202eevil"])})
    engine.dispose()
    return db_url


def test_clients_prints_no_raw_control_character(old_db):
    result = run(old_db, "clients")
    assert result.exit_code == 0
    assert "Priya\ufffd[31m\ufffd" in result.output
    assert not any(c in result.output for c in RAW_CONTROL if c != "\n")


def test_metrics_prints_no_raw_control_character(old_db):
    result = run(old_db, "metrics", "c-priya")
    assert result.exit_code == 0, result.output
    assert not any(c in result.output for c in RAW_CONTROL if c != "\n")


@pytest.mark.parametrize("fmt", ["json", "csv", "graphml"])
def test_data_exports_of_old_data_are_read_back_by_our_own_import(old_db, tmp_path, fmt):
    out = tmp_path / {"json": "priya.json", "csv": "priya.zip", "graphml": "priya.graphml"}[fmt]
    result = run(old_db, "export", "c-priya", "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    doc = read_document(out)
    names = [p.name for p in doc.people]
    assert "Mar\ufffdk" in names and "\ufffd" in names
    if fmt != "graphml":
        assert doc.client.label == "Priya\ufffd[31m\ufffd"
        assert doc.sessions[0].notes == "talked\ufffd about \ufffd]0;title\ufffdwork\ufffd"
        assert doc.sessions[0].events == ["row \ufffdevil"]


def test_pictures_of_old_data(old_db, tmp_path):
    for fmt in ("png", "svg", "pdf"):
        out = tmp_path / f"net.{fmt}"
        result = run(old_db, "export", "c-priya", "--format", fmt, "-o", out)
        assert result.exit_code == 0, result.output
    assert png_size((tmp_path / "net.png").read_bytes()) == (1520, 1400)
    assert "Mar\ufffdk" in svg_texts((tmp_path / "net.svg").read_bytes())
    assert "Mar\ufffdk" in pypdf.PdfReader(io.BytesIO((tmp_path / "net.pdf").read_bytes())).pages[0].extract_text()


def test_session_notes_of_old_data(old_db, tmp_path):
    for suffix in ("pdf", "md", "html"):
        out = tmp_path / f"note.{suffix}"
        result = run(old_db, "report", "c-priya", "-o", out)
        assert result.exit_code == 0, result.output
    assert "Mar\ufffdk" in pdf_text((tmp_path / "note.pdf").read_bytes())
    for suffix in ("md", "html"):
        text = (tmp_path / f"note.{suffix}").read_text(encoding="utf-8")
        text = without_plotly_js(text) if suffix == "html" else text  # the library's own code holds some
        assert "talked\ufffd about" in text and "row \ufffdevil" in text
        assert not any(c in text for c in RAW_CONTROL if c not in "\t\r")
