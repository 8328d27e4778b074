"""The end-of-therapy review: its content traced to the hand calculation of tests/export_data.py, the two
circles at the same places, names hidden, the command, and golden files for the samples that end.

The golden files were read before they were committed; after an intended change, regenerate them with
``UPDATE_GOLDEN=1 pytest tests/test_export_review.py`` and read the diff.
"""

from __future__ import annotations

import math

import pytest

from ipt_network.export import inventory_file, inventory_sheet, review, review_file
from tests.conftest import SAMPLES
from tests.export_data import ana_case_frame, found_in, identifying_words, sample
from tests.test_export_cli import run
from tests.test_export_report import pdf_text
from tests.test_notes_golden import matches_golden, readable


def test_the_review_sets_the_first_session_beside_the_last():
    made = review(ana_case_frame())
    # Session 3 was cancelled: the review is made at session 2, the last held, against session 1.
    assert (made.first, made.session, made.held, made.missed) == (1, 2, 2, 0)
    assert made.course_words == "2 sessions held, from 5 Jan 2026 to 12 Jan 2026"
    assert made.changes == ("Sis joined (middle circle)", "Dan moved from the inner circle to the middle circle",
                            "Conflict with Mum fell from 8 to 4", "Tie with Mum went from ambivalent to supportive")
    # Session 1 → 2 by hand (tests/export_data.py): total support 10 → 19, density 1 → 0.33.
    measures = {m.name: (m.value, m.change) for m in made.measures}
    assert measures["total_support"] == ("19", "+9") and measures["density"] == ("0.33", "-0.67")
    assert made.mood == ("At session 2: PHQ-9 11 (moderate); reliable improvement since session 1 (18 → 11); "
                         "no response yet; not in remission; PHQ-9 item 9 answered 1 at this session: check safety.",)
    assert made.goals == ("Talk with Dan about money (role dispute): progressing since session 2",)
    assert made.relapse_plan.warning_signs == ("Sleeping badly for a week",)
    assert made.relapse_plan.actions == ("Call Sis",) and made.relapse_plan.people == ("Sis",)
    assert made.safety[0] == "PHQ-9 item 9 answered 1 at this session: check safety."


def angles(figure: dict) -> dict[str, float]:
    """Person id → angle round the client, in degrees, as drawn."""
    people = next(t for t in figure["data"] if t["name"] == "people")
    client = next(t for t in figure["data"] if t["name"] == "client")
    cx, cy = client["x"][0], client["y"][0]
    return {pid: math.degrees(math.atan2(y - cy, x - cx)) for pid, x, y in zip(people["ids"], people["x"],
                                                                                 people["y"], strict=True)}


def test_everyone_in_both_circles_sits_at_the_same_angle_and_the_dead_keep_their_ratings():
    made = review(sample("rosa"))
    first, last = angles(made.first_figure), angles(made.last_figure)
    both = first.keys() & last.keys()
    assert len(both) >= 10
    assert all(math.isclose(first[p], last[p], abs_tol=1e-9) for p in both)
    # Luis (died before therapy) and Mr Byrne (died during it): out of every number, kept here.
    assert made.remembered == ("Luis 10/0 → 8/2 since session 1 (support/conflict; has died)",
                               "Mr Byrne 4/0 → 5/0 since session 1 (support/conflict; has died)")
    assert "Mr Byrne died (on 2026-04-02)" in made.changes
    assert made.mood[0] == ("At session 16: PHQ-9 7 (mild); reliable improvement since session 1 (19 → 7); "
                            "response (≥ 50% drop); not in remission; item 9 answered 0.")


def test_with_names_hidden_nobody_is_named_and_the_plan_keeps_its_shape():
    doc = ana_case_frame()
    made = review(doc, hide_names=True)
    assert found_in(repr(made), identifying_words(doc)) == []
    assert made.relapse_plan.people == ("Sibling",)
    assert made.relapse_plan.warning_signs == ("1 entry, their words left out with names hidden",)
    assert made.goals == ("Goal 1 (role dispute): progressing since session 2",)
    assert made.safety[0] == "PHQ-9 item 9 answered 1 at this session: check safety."


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_every_format_carries_the_safety_signals_and_the_plan(fmt):
    text = readable(review_file(ana_case_frame(), fmt).content, fmt)
    for words in ("PHQ-9 item 9 answered 1 at this session: check safety.",
                  "PHQ-9 item 9 above 0 earlier in the course: session 1 (answered 2).",
                  "Sleeping badly for a week", "Call Sis", "Talk with Dan about money"):
        assert words in text, words


def test_the_report_command_writes_the_review_and_refuses_the_clients_options(db_url, tmp_path):
    assert run(db_url, "import", next(p for p in SAMPLES if p.name.startswith("rosa"))).exit_code == 0
    out = tmp_path / "review.md"
    result = run(db_url, "report", "c-rosa", "--review", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Rosa · End-of-therapy review\n")
    refused = run(db_url, "report", "c-rosa", "--review", "--for", "client", "-o", tmp_path / "x.md")
    assert refused.exit_code == 2 and "--review is for the therapist" in refused.output
    assert not (tmp_path / "x.md").exists()


ENDING = [path for path in SAMPLES if sample(path.stem.split("_")[0]).sessions[-1].phase.value == "termination"]


@pytest.mark.parametrize("path", ENDING, ids=lambda p: p.stem.split("_")[0])
def test_the_review_of_each_sample_that_ends_matches_the_golden_files(path):
    doc = sample(path.stem.split("_")[0])
    stem = f"{path.stem.split('_')[0]}-review"
    matches_golden(f"{stem}.md", review_file(doc, "md").content.decode("utf-8"))
    matches_golden(f"{stem}.pdf.txt", pdf_text(review_file(doc, "pdf").content))


# --- the printable interpersonal inventory -----------------------------------------------------------

def test_the_inventory_sheet_lists_everyone_closest_first_with_what_is_known_and_room_for_the_rest():
    sheet = inventory_sheet(ana_case_frame())
    assert sheet.session == 2  # session 3 was cancelled
    assert [e.title for e in sheet.entries] == ["Mum · parent", "Dan · partner", "Sis · sibling"]  # circle, then name
    dan = sheet.entries[1]
    assert dan.map_words == "middle circle, support 4, conflict 8" and dan.as_of == 1
    assert dict(dan.answers) == {
        "What is good in it": "", "What is hard in it": "Dan shouts", "What each expects of the other": "",
        "What the client would like to change": "", "Which way care flows": "mostly from the client",
        "Does the client confide in them": "no", "Do they know about the depression": ""}
    rosa = inventory_sheet(sample("rosa"))
    luis = next(e for e in rosa.entries if e.title.startswith("Luis"))
    assert luis.map_words == "inner circle, support 8, conflict 2; died 14 Mar 2025 (remembered)"


def test_the_inventory_sheet_with_names_hidden_and_from_the_command(db_url, tmp_path):
    doc = ana_case_frame()
    hidden = inventory_sheet(doc, hide_names=True)
    assert found_in(repr(hidden), identifying_words(doc)) == []
    assert [e.title for e in hidden.entries] == ["Parent", "Partner", "Sibling"]
    assert dict(hidden.entries[1].answers)["Does the client confide in them"] == "no"
    text = readable(inventory_file(doc, "pdf").content, "pdf")
    assert "Dan · partner" in text and "What is hard in it Dan shouts" in text
    assert run(db_url, "import", next(p for p in SAMPLES if p.name.startswith("kit"))).exit_code == 0
    out = tmp_path / "inventory.md"
    result = run(db_url, "report", "c-kit", "--inventory", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Kit · Interpersonal inventory\n\nAs of session 12")
    both = run(db_url, "report", "c-kit", "--inventory", "--review", "-o", tmp_path / "x.md")
    assert both.exit_code == 2 and "choose one of --review and --inventory" in both.output
