"""CSV bundle: exact round trips (folder and zip), formula neutralisation, and every refusal's message."""

from __future__ import annotations

import codecs
import copy
import csv
import io
import random
import stat
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipt_network.errors import ValidationError
from ipt_network.formats import csv_bundle, json_v1, read_document, write_document
from ipt_network.formats.csv_bundle import FILES, from_files, to_files
from ipt_network.formats.formulas import neutralise, restore
from ipt_network.model import Document, parse_document
from tests.conftest import ANA, SAMPLES
from tests.strategies import documents
from tests.test_model import case_frame

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ANA_FILES = {
    "client.csv": "id,label,problem_areas,start_date,notes\r\nc-ana,Ana,role_dispute,2026-01-05,\r\n",
    "people.csv": "id,name,role,deceased_on,notes\r\np-mum,Mum,parent,,\r\np-dan,Dan,partner,,\r\n",
    "sessions.csv": "number,date,phase,notes,events\r\n1,2026-01-05,initial,,\r\n",
    "ties.csv": "session,person,circle,support,conflict,contact,focus,note\r\n"
                "1,p-mum,1,6,8,weekly,,\r\n"
                "1,p-dan,1,4,7,,role_dispute,arguments about money\r\n",
    "links.csv": "session,a,b,support,conflict\r\n1,p-mum,p-dan,1,7\r\n",
    "mood.csv": "session,instrument,score,items\r\n1,PHQ-9,18,2 2 2 2 2 2 2 2 2\r\n",
}
"""The DESIGN section 4 example as a bundle, as a spreadsheet user would see the files (without the
risk columns of version 2, as a bundle made before them)."""

RISK_COLUMNS = "risk_assessed,risk_level,risk_plan_in_place,risk_note"
INVENTORY_COLUMNS = ("inventory_good,inventory_hard,inventory_expectations,inventory_wants_changed,"
                     "inventory_support_flow,inventory_confides,inventory_knows_about_depression,inventory_as_of")
ANA_WRITTEN = {
    "client.csv": "id,label,problem_areas,start_date,notes,planned_sessions,onset,formulation,formulation_shared_at,"
                  "areas_agreed_at,relapse_plan_warning_signs,relapse_plan_actions,relapse_plan_people\r\n"
                  "c-ana,Ana,role_dispute,2026-01-05,,,,,,,,,\r\n",
    "goals.csv": "id,area,text\r\n",
    "history.csv": "date,text,people\r\n",
    "people.csv": f"id,name,role,deceased_on,notes,{INVENTORY_COLUMNS}\r\n"
                  "p-mum,Mum,parent,,,,,,,,,,\r\np-dan,Dan,partner,,,,,,,,,,\r\n",
    "sessions.csv": f"number,date,phase,attendance,notes,events,goal_progress,{RISK_COLUMNS}\r\n"
                    "1,2026-01-05,initial,attended,,,,,,,\r\n",
    "ties.csv": "session,person,circle,support,conflict,contact,focus,note,rated\r\n"
                "1,p-mum,1,6,8,weekly,,,true\r\n"
                "1,p-dan,1,4,7,,role_dispute,arguments about money,true\r\n",
    "links.csv": ANA_FILES["links.csv"],
    "mood.csv": ANA_FILES["mood.csv"],
}
"""The same example as written today: every column of version 2, empty or at its default, and the
client's goals and history in files of their own (only their header rows: none recorded)."""

RICH = copy.deepcopy(ANA)
RICH["client"] |= {"problem_areas": ["role_dispute", "grief"], "notes": "first line\r\nsecond, with a comma"}
RICH["people"].append({"id": "p-jo", "name": "-J.", "role": "friend", "deceased_on": "2025-12-01",
                       "notes": "@home, \"Jo\"\ttab"})
RICH["sessions"][0]["events"] = ["moved house; new job", 'said "no"', "'=quoted", "line\nbreak", ""]
RICH["sessions"][0]["ties"][0]["note"] = '=HYPERLINK("http://example.invalid","click")'
RICH["sessions"][0]["ties"].append({"person": "p-jo", "circle": 3, "support": 0, "conflict": 10,
                                    "note": "'tis fine"})
RICH["sessions"][0]["mood"].append({"instrument": "GAD-7", "score": 11})
RICH["sessions"].append({"number": 2, "date": "2026-01-12", "phase": "initial"})
"""A document with every kind of awkward cell: lists, line breaks, quotes, formula-like text."""


def ana_files(**changes: str) -> dict[str, bytes]:
    """The ANA bundle as bytes (no byte order mark, as a hand-made file would be), with files replaced."""
    return {name: text.encode("utf-8") for name, text in (ANA_FILES | changes).items()}


def refusal(files: dict[str, bytes], source: str = "ana") -> list[str]:
    with pytest.raises(ValidationError) as caught:
        from_files(files, source)
    assert caught.value.source == source
    return caught.value.problems


def cells(data: bytes) -> list[list[str]]:
    """A file as a spreadsheet would split it into cells."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# --- writing and round trips ------------------------------------------------------------------


def test_design_example_as_eight_files():
    files = to_files(parse_document(ANA))
    assert list(files) == list(FILES)
    for name, data in files.items():
        assert data == codecs.BOM_UTF8 + ANA_WRITTEN[name].encode("utf-8"), name


def test_hand_made_bundle_without_byte_order_mark_reads_as_the_design_example():
    assert from_files(ana_files()) == parse_document(ANA)


def test_a_risk_record_takes_four_columns_and_round_trips_with_its_note_neutralised():
    doc = parse_document(ANA | {"version": 2, "sessions": [ANA["sessions"][0] | {"risk": {
        "assessed": True, "level": "medium", "plan_in_place": False, "note": "=plan: ring GP"}}]})
    files = to_files(doc)
    assert cells(files["sessions.csv"]) == [
        ["number", "date", "phase", "attendance", "notes", "events", "goal_progress", "risk_assessed", "risk_level",
         "risk_plan_in_place", "risk_note"],
        ["1", "2026-01-05", "initial", "attended", "", "", "", "true", "medium", "false", "'=plan: ring GP"]]
    assert from_files(files) == doc


def test_a_risk_record_in_a_spreadsheet_is_checked_with_its_line():
    sessions = f"number,date,phase,{RISK_COLUMNS}\r\n1,2026-01-05,initial,yes,,,\r\n"
    assert refusal(ana_files(**{"sessions.csv": sessions})) == [
        "sessions.csv line 2, session 1: assessed must be true or false, got 'yes'"]
    sessions = f"number,date,phase,{RISK_COLUMNS}\r\n1,2026-01-05,initial,,high,,\r\n"
    assert refusal(ana_files(**{"sessions.csv": sessions})) == [
        "sessions.csv line 2, session 1: assessed is required"]


@PROPERTY
@given(documents())
def test_random_documents_round_trip_exactly(doc: Document):
    files = to_files(doc)
    back = from_files(files)
    assert back == doc
    assert to_files(back) == files


def test_folder_round_trip_is_byte_for_byte(tmp_path):
    doc = parse_document(RICH)
    csv_bundle.write(doc, tmp_path / "first")
    assert csv_bundle.read(tmp_path / "first") == doc
    csv_bundle.write(csv_bundle.read(tmp_path / "first"), tmp_path / "second")
    for name in FILES:
        assert (tmp_path / "second" / name).read_bytes() == (tmp_path / "first" / name).read_bytes()
    assert sorted(p.name for p in (tmp_path / "first").iterdir()) == sorted(FILES)  # no temporary files


def test_zip_round_trip_is_byte_for_byte(tmp_path):
    doc = parse_document(RICH)
    csv_bundle.write(doc, tmp_path / "first.zip")
    assert csv_bundle.read(tmp_path / "first.zip") == doc
    csv_bundle.write(csv_bundle.read(tmp_path / "first.zip"), tmp_path / "second.zip")
    assert (tmp_path / "second.zip").read_bytes() == (tmp_path / "first.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "first.zip") as archive:
        assert archive.namelist() == list(FILES)
        assert archive.read("ties.csv") == to_files(doc)["ties.csv"]


def test_read_document_and_write_document_choose_the_bundle(tmp_path):
    doc = parse_document(RICH)
    write_document(doc, tmp_path / "rich.zip")
    write_document(doc, tmp_path / "rich")
    write_document(doc, tmp_path / "as-csv.json", fmt="csv")
    assert read_document(tmp_path / "rich.zip") == doc
    assert read_document(tmp_path / "rich") == doc
    assert (tmp_path / "as-csv.json" / "ties.csv").is_file()


def test_lists_are_written_in_one_cell_each():
    files = to_files(parse_document(RICH))
    assert cells(files["client.csv"])[1][2] == "role_dispute;grief"
    assert cells(files["sessions.csv"])[1][5] == ('["moved house; new job", "said \\"no\\"", "\'=quoted", '
                                                  '"line\\nbreak", ""]')
    assert cells(files["mood.csv"])[1:] == [["1", "PHQ-9", "18", "2 2 2 2 2 2 2 2 2"], ["1", "GAD-7", "11", ""]]


def test_cells_may_be_padded_and_lists_separated_loosely():
    files = ana_files(**{
        "ties.csv": "session,person,circle,support,conflict\n 1 ,p-mum,1, 6 ,8\n1,p-dan,1,4,7\n",
        "mood.csv": "session,instrument,score,items\n1,PHQ-9,18,\"2;2, 2 2  2,2;2 2 2\"\n",
        "client.csv": "id,label,problem_areas,start_date\nc-ana,Ana, role_dispute ; grief ;,2026-01-05\n",
    })
    doc = from_files(files)
    assert doc.sessions[0].ties[0].support == 6
    assert doc.sessions[0].mood[0].items == [2] * 9
    assert [str(area) for area in doc.client.problem_areas] == ["role_dispute", "grief"]


# --- formula injection ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "cell"), [
    ("=1+1", "'=1+1"), ("+44 20", "'+44 20"), ("-J.", "'-J."), ("@home", "'@home"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("\0x", "'\0x"),
    ("'=x", "''=x"), ("''-x", "'''-x"),   # quotes already there get one more, so import can undo it
    ("'tis", "'tis"), ("ok = fine", "ok = fine"), ("", ""), ("'", "'"),
])
def test_formula_like_text_gets_one_leading_quote_and_comes_back(text, cell):
    assert neutralise(text) == cell
    assert restore(cell) == text


def test_exported_cells_cannot_run_as_formulas():
    files = to_files(parse_document(RICH))
    assert cells(files["ties.csv"])[1][7] == '\'=HYPERLINK("http://example.invalid","click")'
    assert cells(files["people.csv"])[3][1:5:3] == ["'-J.", '\'@home, "Jo"\ttab']
    every_cell = [cell for data in files.values() for row in cells(data) for cell in row]
    assert not [cell for cell in every_cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r", "\0")]


def test_a_quote_typed_before_a_formula_in_a_spreadsheet_is_removed_on_import():
    files = ana_files(**{"ties.csv": ANA_FILES["ties.csv"].replace("arguments about money", "'=SUM(A1)")
                         .replace("weekly,,", "weekly,,'tis")})
    ties = from_files(files).sessions[0].ties
    assert [tie.note for tie in ties] == ["'tis", "=SUM(A1)"]


# --- cell problems name file, line, record and field ------------------------------------------


def test_out_of_range_and_non_numbers_name_file_line_and_field():
    ties = ANA_FILES["ties.csv"].replace("p-dan,1,4,", "p-dan,1,12,").replace("p-mum,1,6,", "p-mum,1,x,")
    assert refusal(ana_files(**{"ties.csv": ties})) == [
        "ties.csv line 2, session 1, tie for 'p-mum': support must be an integer 0–10, got 'x'",
        "ties.csv line 3, session 1, tie for 'p-dan': support must be an integer 0–10, got 12",
    ]


def test_problems_in_several_files_are_all_listed():
    files = ana_files(**{
        "sessions.csv": "number,date,phase,notes,events\r\n1,05/01/2026,initial,,\r\n",
        "people.csv": "id,name,role,deceased_on,notes\r\np-mum,Mum,mother,,\r\np-dan,,partner,,\r\n",
        "links.csv": "session,a,b,support,conflict\r\n1,p-mum,p-dan,1,\r\n",
    })
    assert refusal(files) == [
        "people.csv line 2, person 'p-mum': role must be 'partner', 'parent', 'child', 'sibling', "
        "'other_family', 'friend', 'colleague', 'neighbour', 'professional' or 'other', got 'mother'",
        "people.csv line 3, person 'p-dan': name is required",
        "sessions.csv line 2, session 1: date must be a date written YYYY-MM-DD, got '05/01/2026'",
        "links.csv line 2, session 1, link 'p-mum'–'p-dan': conflict is required",
    ]


def test_blank_lines_count_in_line_numbers():
    ties = "session,person,circle,support,conflict\r\n1,p-mum,1,6,8\r\n\r\n,,,,\r\n1,p-dan,1,4,11\r\n"
    assert refusal(ana_files(**{"ties.csv": ties})) == [
        "ties.csv line 5, session 1, tie for 'p-dan': conflict must be an integer 0–10, got 11"]


def test_cross_record_problems_say_file_and_line():
    ties = ANA_FILES["ties.csv"] + "1,p-eve,2,5,5,,,\r\n1,p-dan,3,1,1,,,\r\n"
    assert refusal(ana_files(**{"ties.csv": ties})) == [
        "ties.csv line 4, session 1, tie for 'p-eve': person 'p-eve' is not in people",
        "ties.csv lines 3, 5, session 1, tie for 'p-dan': more than one tie for this person",
    ]


def test_repeated_ids_and_numbers_say_every_line():
    people = ANA_FILES["people.csv"] + "c-ana,Ana,other,,\r\n"
    sessions = ANA_FILES["sessions.csv"] + "1,2026-01-12,initial,,\r\n"
    assert refusal(ana_files(**{"people.csv": people, "sessions.csv": sessions})) == [
        "client.csv line 2, client 'c-ana': the client id is also used by a person",
        "sessions.csv lines 2, 3, session 1: session number used more than once",
    ]


def test_mood_items_problems_are_located():
    mood = "session,instrument,score,items\r\n1,PHQ-9,17,2 2 2 2 2 2 2 2 2\r\n1,GAD-7,5,1 1 1 x\r\n"
    assert refusal(ana_files(**{"mood.csv": mood})) == [
        "mood.csv line 3, session 1, mood GAD-7: items must each be a whole number 0–3, got 'x'"]
    mood = "session,instrument,score,items\r\n1,PHQ-9,17,2 2 2 2 2 2 2 2 2\r\n"
    assert refusal(ana_files(**{"mood.csv": mood})) == [
        "mood.csv line 2, session 1, mood PHQ-9: score 17 does not equal the sum of the items (18)"]


def test_events_must_be_a_json_list():
    for events in ("moved house", '"""moved"""', "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]", "{}"):
        quoted = '"' + events.replace('"', '""') + '"'
        sessions = f"number,date,phase,events\r\n1,2026-01-05,initial,{quoted}\r\n"
        assert refusal(ana_files(**{"sessions.csv": sessions})) == [
            'sessions.csv line 2: events must be a JSON list, such as ["moved house", {"text": "row with Dan", '
            '"people": ["p-dan"], "mood": "worse"}]']
    sessions = 'number,date,phase,events\r\n1,2026-01-05,initial,"[1, {""text"": ""x"", ""mood"": ""sad""}]"\r\n'
    assert refusal(ana_files(**{"sessions.csv": sessions})) == [
        "sessions.csv line 2, session 1, event #1: an event must be text or an object with text, people and mood, "
        "got 1",
        "sessions.csv line 2, session 1, event #2: mood must be 'better', 'worse' or 'none', got 'sad'"]


def test_rows_must_point_at_a_session_in_sessions_csv():
    links = "session,a,b,support,conflict\r\n2,p-mum,p-dan,1,7\r\nlast,p-mum,p-dan,1,7\r\n,p-mum,p-dan,1,7\r\n"
    assert refusal(ana_files(**{"links.csv": links})) == [
        "links.csv line 2: session 2 is not in sessions.csv",
        "links.csv line 3: session must be the number of a session in sessions.csv, got 'last'",
        "links.csv line 4: session is required (the number of a session in sessions.csv)",
    ]


def test_extra_cells_beyond_the_header_are_refused():
    links = "session,a,b,support,conflict\r\n1,p-mum,p-dan,1,7,oops\r\n"
    assert refusal(ana_files(**{"links.csv": links})) == [
        "links.csv line 2: has 6 cells but the header has 5 columns"]


# --- layout problems ------------------------------------------------------------------------------


def test_unknown_missing_and_repeated_columns_are_refused():
    files = ana_files(**{
        "ties.csv": "session,person,circle,suport,conflict,conflict\r\n",
        "links.csv": "session,a,b,support,conflict,\r\n",
    })
    assert refusal(files) == [
        "ties.csv: unknown column 'suport' (is it a typo? the columns are session, person, circle, support, "
        "conflict, contact, focus, note, rated)",
        "ties.csv: column 'conflict' appears more than once",
        "ties.csv: column 'support' is required",
        "links.csv: a column has no name in the header row",
    ]


def test_missing_files_and_headers_are_refused():
    files = ana_files(**{"mood.csv": ""})
    del files["links.csv"]
    assert refusal(files) == [
        "links.csv is missing (a bundle has all of client.csv, people.csv, sessions.csv, ties.csv, links.csv, "
        "mood.csv, and may have goals.csv and history.csv; a file with only its header row means no records)",
        "mood.csv has no header row (expected: session,instrument,score,items)",
    ]


def test_client_csv_holds_exactly_one_client():
    two = ANA_FILES["client.csv"] + "c-bo,Bo,,2026-02-01,\r\n"
    assert refusal(ana_files(**{"client.csv": two})) == [
        "client.csv must have exactly one row after the header, found 2"]
    assert refusal(ana_files(**{"client.csv": "id,label,start_date\r\n"})) == [
        "client.csv must have exactly one row after the header, found 0"]


def test_files_must_be_utf8():
    files = ana_files()
    files["people.csv"] = ANA_FILES["people.csv"].replace("Mum", "Mère").encode("latin-1")
    files["ties.csv"] = ANA_FILES["ties.csv"].encode("utf-16")
    # 'id,name,role,deceased_on,notes\r\n' is 32 bytes and 'p-mum,M' 7 more: the è is at offset 39
    assert refusal(files) == [
        "people.csv is not UTF-8 text: the byte at offset 39 (0xe8) cannot be read; please save it as UTF-8",
        "ties.csv looks like UTF-16 or UTF-32 text; please save it as UTF-8",
    ]


def test_a_folder_with_a_misnamed_file_is_refused(tmp_path):
    for name, text in ANA_FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    (tmp_path / "README.txt").write_text("other files are left alone")
    assert csv_bundle.read(tmp_path) == parse_document(ANA)
    (tmp_path / "tie.csv").write_text("")
    with pytest.raises(ValidationError) as caught:
        csv_bundle.read(tmp_path)
    assert caught.value.message == (f"{tmp_path}: tie.csv is not a file of the bundle (expected client.csv, "
                                    "goals.csv, history.csv, people.csv, sessions.csv, ties.csv, links.csv, mood.csv)")


def test_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(ValidationError, match="is not a folder"):
        csv_bundle.read(tmp_path / "nowhere")


# --- hostile zips -----------------------------------------------------------------------------------


def make_zip(path: Path, entries: dict[str, bytes], symlinks: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in symlinks:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, data)
    return path


def zip_refusal(path: Path) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        read_document(path)
    assert caught.value.source == str(path)
    return caught.value.problems


def test_bundle_inside_one_folder_with_archiver_junk_is_accepted(tmp_path):
    entries = {f"ana/{name}": data for name, data in ana_files().items()}
    entries |= {"ana/": b"", "__MACOSX/ana/._ties.csv": b"\0\5\26\7", "ana/.DS_Store": b"\0\0\0\1Bud1"}
    assert read_document(make_zip(tmp_path / "ana.zip", entries)) == parse_document(ANA)


def test_zip_entries_escaping_their_folder_are_refused(tmp_path):
    entries = ana_files() | {"../ties.csv": b"x", "/etc/mood.csv": b"x", "C:/x/links.csv": b"x",
                             "people.csv.lnk": b"/etc/passwd"}
    path = make_zip(tmp_path / "slip.zip", entries, symlinks=("people.csv.lnk",))
    assert zip_refusal(path) == [
        "entry '../ties.csv' points outside the bundle's folder",
        "entry '/etc/mood.csv' points outside the bundle's folder",
        "entry 'C:/x/links.csv' points outside the bundle's folder",
        "entry 'people.csv.lnk' is a symbolic link",
    ]


def test_other_and_repeated_entries_are_refused(tmp_path):
    entries = ana_files() | {"notes.txt": b"x", "a/b/ties.csv": b"x", "copy/ties.csv": b"x"}
    assert zip_refusal(make_zip(tmp_path / "extra.zip", entries)) == [
        "entry 'notes.txt' is not a file of the bundle (expected client.csv, goals.csv, history.csv, people.csv, "
        "sessions.csv, ties.csv, links.csv, mood.csv, at the top or inside one folder)",
        "entry 'a/b/ties.csv' is not a file of the bundle (expected client.csv, goals.csv, history.csv, people.csv, "
        "sessions.csv, ties.csv, links.csv, mood.csv, at the top or inside one folder)",
        "entry 'copy/ties.csv': ties.csv appears more than once",
        "the bundle's files must be together, at the top of the zip or inside one folder",
    ]


def test_a_zip_bomb_is_refused_by_its_expansion(tmp_path):
    bomb = b"session,person,circle,support,conflict\r\n" + b"," * 2_000_000
    (problem,) = zip_refusal(make_zip(tmp_path / "bomb.zip", ana_files() | {"ties.csv": bomb}))
    assert problem.startswith("entry 'ties.csv' would expand ")
    assert problem.endswith(" times its packed size (a zip bomb?)")


def test_a_zip_expanding_past_the_limit_is_refused_before_reading(tmp_path):
    digits = bytes(b"0123456789"[i % 10] for i in range(256))
    part = random.Random(0).randbytes(3_670_016).translate(digits)  # 3.5 MiB, packs about 2:1
    path = make_zip(tmp_path / "big.zip", dict.fromkeys(FILES, part))
    # eight entries of 3.5 MiB: 8 × 3,670,016 = 29,360,128 bytes
    assert zip_refusal(path) == ["would expand to 29,360,128 bytes, over the 20 MiB limit"]


def test_too_many_entries_are_refused(tmp_path):
    path = make_zip(tmp_path / "many.zip", ana_files() | {f"d{i}/": b"" for i in range(59)})
    assert zip_refusal(path) == ["holds 65 entries; a bundle holds eight files (at most 64 entries in all)"]


def test_a_damaged_zip_is_refused(tmp_path):
    path = tmp_path / "damaged.zip"
    path.write_bytes(csv_bundle.zip_bytes(ana_files())[:-30])
    assert zip_refusal(path) == ["is not a zip file that can be read (File is not a zip file)"]


# --- random damage never escapes as anything but ValidationError ---------------------------------


@PROPERTY
@given(documents(max_sessions=2), st.data())
def test_damaged_files_are_refused_or_valid(doc: Document, data):
    files = to_files(doc)
    name = data.draw(st.sampled_from(FILES))
    raw = bytearray(files[name])
    for _ in range(data.draw(st.integers(0, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.sampled_from(b",;\"'\r\n =-0123456789x\xff"))
    files[name] = bytes(raw[: data.draw(st.integers(0, len(raw)))])
    try:
        back = from_files(files)
    except ValidationError as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)
    else:
        assert isinstance(back, Document)


# --- the case frame of version 2 ------------------------------------------------------------------


def test_the_case_frame_takes_goals_and_history_files_and_columns_with_lists_as_json():
    doc = parse_document(case_frame(copy.deepcopy(ANA)))
    files = to_files(doc)
    assert cells(files["goals.csv"]) == [["id", "area", "text"], ["g-money", "role_dispute", "Talk about money calmly"]]
    assert cells(files["history.csv"]) == [["date", "text", "people"], ["2025-08-15", "Moved in with Dan", '["p-dan"]']]
    client = dict(zip(*cells(files["client.csv"]), strict=True))
    assert (client["planned_sessions"], client["onset"], client["areas_agreed_at"]) == ("16", "2025-09-01", "1")
    assert client["relapse_plan_people"] == '["p-mum"]' and client["relapse_plan_actions"] == '["call Mum"]'
    mum = dict(zip(*cells(files["people.csv"])[:2], strict=True))
    assert (mum["inventory_support_flow"], mum["inventory_confides"], mum["inventory_knows_about_depression"],
            mum["inventory_as_of"]) == ("both_ways", "true", "", "1")
    sessions = cells(files["sessions.csv"])
    assert [dict(zip(sessions[0], row, strict=True))["attendance"] for row in sessions[1:]] == [
        "attended", "did_not_attend"]
    assert sessions[1][sessions[0].index("events")] == (
        '["a quiet week", {"text": "Row about rent", "people": ["p-dan"], "mood": "worse"}]')
    assert [row[-1] for row in cells(files["ties.csv"])] == ["rated", "false", "true"]
    assert from_files(files) == doc


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_sample_round_trips_through_the_bundle(sample):
    doc = json_v1.read(sample)
    assert from_files(to_files(doc)) == doc


def test_a_bundle_problem_in_the_new_files_names_file_line_and_record():
    files = to_files(parse_document(case_frame(copy.deepcopy(ANA))))
    files["goals.csv"] = b"id,area,text\r\ng-money,grief,Talk\r\n"
    files["history.csv"] = b"date,text,people\r\n2025-08-15,Moved,p-dan\r\n"
    assert refusal(files) == [
        'history.csv line 2: people must be a JSON list, such as ["p-mum", "p-dan"]']
    files["history.csv"] = b'date,text,people\r\n2025-08-15,Moved,"[""p-don""]"\r\n'
    assert refusal(files) == [
        "goals.csv line 2, client, goal 'g-money': area 'grief' is not among the client's problem areas "
        "(role_dispute)",
        "history.csv line 2, client, history #1: person 'p-don' is not in people"]
