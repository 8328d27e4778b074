"""The two kinds of note, pinned for every sample client: golden files of the therapist's session note
and the client's take-home page (Markdown, and the PDF's text read back) for the first, a middle and
the last session; every safety signal in every therapist's format, names hidden or not; and no
sentence of a therapist's note on any client's page.

The golden files in tests/golden/ were read as a supervisor would read them before they were
committed; after an intended change, regenerate them with ``UPDATE_GOLDEN=1 pytest
tests/test_notes_golden.py`` and read the diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from ipt_network.export import note_file, session_note
from ipt_network.export.report import render_markdown
from ipt_network.formats import read_document
from tests.conftest import SAMPLES
from tests.test_export_report import pdf_text

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def chosen_sessions(path: Path) -> list[int]:
    """The first, a middle (the lower median) and the last session of a sample."""
    numbers = [s.number for s in read_document(path).sessions]
    return [numbers[0], numbers[(len(numbers) - 1) // 2], numbers[-1]]


CASES = [(path, number, voice) for path in SAMPLES for number in chosen_sessions(path)
         for voice in ("therapist", "client")]


def matches_golden(name: str, text: str) -> None:
    golden = GOLDEN / name
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{name} differs from the golden file"


@pytest.mark.parametrize(("path", "number", "voice"), CASES,
                         ids=[f"{p.stem.split('_')[0]}-{n}-{v}" for p, n, v in CASES])
def test_markdown_and_pdf_text_match_the_golden_files(path, number, voice):
    doc = read_document(path)
    stem = f"{path.stem.split('_')[0]}-session-{number:02d}-{voice}"
    matches_golden(f"{stem}.md", note_file(doc, "md", number=number, voice=voice).content.decode("utf-8"))
    matches_golden(f"{stem}.pdf.txt", pdf_text(note_file(doc, "pdf", number=number, voice=voice).content))


SAFETY = [(path.stem.split("_")[0], number, result)
          for path in SAMPLES
          for number, results in ((s.number, session_note(read_document(path), s.number).safety)
                                  for s in read_document(path).sessions)
          for result in results if "item 9 answered 0" not in result and result.startswith("PHQ-9")]


def test_the_samples_hold_the_safety_signals_tested_below():
    # Rosa: item 9 answered 1 at sessions 1-2 (README); Femi: 1 at intake, total only at session 7.
    assert [(who, n, line) for who, n, line in SAFETY] == [
        ("femi", 1, "PHQ-9 item 9 answered 1 at this session: check safety."),
        ("femi", 7, "PHQ-9 item 9 not recorded (total only): ask directly."),
        ("rosa", 1, "PHQ-9 item 9 answered 1 at this session: check safety."),
        ("rosa", 2, "PHQ-9 item 9 answered 1 at this session: check safety."),
    ]


def flat(text: str) -> str:
    """Text with every run of white space made one space (PDF lines wrap where they like)."""
    return " ".join(text.split())


def readable(content: bytes, fmt: str) -> str:
    """What a person reads in an exported note: the PDF's text, the HTML without its scripts (plotly.js)."""
    if fmt == "pdf":
        return flat(pdf_text(content))
    return flat(re.sub(r"<script\b.*?</script>", "", content.decode("utf-8"), flags=re.DOTALL))


@pytest.mark.parametrize(("who", "number", "line"), SAFETY, ids=[f"{w}-{n}" for w, n, _ in SAFETY])
@pytest.mark.parametrize("hide_names", [False, True], ids=["names", "hidden"])
def test_every_safety_signal_is_in_every_format_of_the_therapists_note(who, number, line, hide_names):
    doc = read_document(next(p for p in SAMPLES if p.name.startswith(who)))
    risk = doc.session(number).risk
    for fmt in ("md", "html", "pdf"):
        text = readable(note_file(doc, fmt, number=number, hide_names=hide_names).content, fmt)
        assert line in text, (fmt, hide_names)
        # The risk record of the session: assessed, its level and the plan stay with names hidden.
        assert f"Risk assessed: level {'no current risk' if risk.level.value == 'none' else risk.level.value}" \
               "; safety plan in place." in text, (fmt, hide_names)
        client_text = readable(note_file(doc, fmt, number=number, hide_names=hide_names, voice="client").content, fmt)
        assert "item 9" not in client_text and "Risk" not in client_text and "safety" not in client_text.lower()


def sentences(markdown: str) -> set[str]:
    """The sentences of a note: each line (headings left out) cut where a sentence ends, with at least
    three words."""
    found = set()
    for line in markdown.splitlines():
        if line.startswith("#"):
            continue
        for part in re.split(r"(?<=[.?!])\s+", line.lstrip("-* |")):
            words = part.strip(" *|").split()
            if len(words) >= 3:
                found.add(" ".join(words))
    return found


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_no_sentence_of_a_therapists_note_appears_on_any_client_page(path):
    doc = read_document(path)
    therapist, client = set(), set()
    for session in doc.sessions:
        for hide in (False, True):
            therapist |= sentences(render_markdown(session_note(doc, session.number, hide_names=hide)))
            for scores in (False, True):
                client |= sentences(render_markdown(session_note(doc, session.number, hide_names=hide,
                                                                 voice="client", show_scores=scores)))
    assert therapist and client
    assert sorted(therapist & client) == []
