"""The JSON format: versions 1 and 2 read, version 2 written; exact round trips, canonical bytes, the published
schemas, and every refusal's message."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipt_network.errors import ValidationError
from ipt_network.formats import json_v1, read_document, write_document
from ipt_network.formats.limits import MAX_FILE_BYTES
from ipt_network.model import Document, parse_document
from tests.conftest import ANA, ROOT, SAMPLES
from tests.strategies import documents

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ANA_CANONICAL = """\
{
  "format": "ipt-network",
  "version": 2,
  "client": {"id": "c-ana", "label": "Ana", "problem_areas": ["role_dispute"], "start_date": "2026-01-05", \
"notes": "", "planned_sessions": null, "onset": null, "formulation": "", "formulation_shared_at": null, \
"areas_agreed_at": null, "goals": [], "history": [], "relapse_plan": null},
  "people": [
    {"id": "p-mum", "name": "Mum", "role": "parent", "deceased_on": null, "notes": "", "inventory": null},
    {"id": "p-dan", "name": "Dan", "role": "partner", "deceased_on": null, "notes": "", "inventory": null}
  ],
  "sessions": [
    {
      "number": 1,
      "date": "2026-01-05",
      "phase": "initial",
      "attendance": "attended",
      "notes": "",
      "events": [],
      "goal_progress": [],
      "ties": [
        {"person": "p-mum", "circle": 1, "support": 6, "conflict": 8, "contact": "weekly", "focus": null, \
"note": "", "rated": true},
        {"person": "p-dan", "circle": 1, "support": 4, "conflict": 7, "contact": null, \
"focus": "role_dispute", "note": "arguments about money", "rated": true}
      ],
      "links": [
        {"a": "p-mum", "b": "p-dan", "support": 1, "conflict": 7}
      ],
      "mood": [
        {"instrument": "PHQ-9", "score": 18, "items": [2, 2, 2, 2, 2, 2, 2, 2, 2]}
      ],
      "risk": null
    }
  ]
}
"""
"""The DESIGN section 4 example (a version 1 file) in canonical form, as version 2: every field
written, the new ones at their defaults, one line per record."""


def refusal(data: bytes | str, source: str = "ana.json") -> list[str]:
    with pytest.raises(ValidationError) as caught:
        json_v1.loads(data, source)
    assert caught.value.source == source
    return caught.value.problems


# --- round trips -------------------------------------------------------------------------------


def test_design_example_is_written_in_canonical_form():
    assert json_v1.dumps(parse_document(ANA)) == ANA_CANONICAL


def test_canonical_file_round_trips_byte_for_byte(tmp_path):
    path = tmp_path / "ana.json"
    path.write_bytes(ANA_CANONICAL.encode("utf-8"))
    doc = json_v1.read(path)
    assert doc == parse_document(ANA)
    json_v1.write(doc, tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == ANA_CANONICAL.encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again.json", "ana.json"]  # no temporary file left


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_sample_clients_are_canonical(sample: Path):
    assert json_v1.dumps(json_v1.read(sample)) == sample.read_text(encoding="utf-8")


def test_there_are_sample_clients_to_check():
    assert len(SAMPLES) >= 4


@PROPERTY
@given(documents())
def test_random_documents_round_trip_exactly(doc: Document):
    text = json_v1.dumps(doc)
    assert json_v1.loads(text.encode("utf-8")) == doc
    assert json_v1.dumps(json_v1.loads(text)) == text


def test_write_replaces_an_older_file_whole(tmp_path):
    path = tmp_path / "ana.json"
    path.write_text("x" * 10_000)
    json_v1.write(parse_document(ANA), path)
    assert path.read_text(encoding="utf-8") == ANA_CANONICAL


def test_read_document_and_write_document_choose_json_by_suffix(tmp_path):
    write_document(parse_document(ANA), tmp_path / "ana.json")
    assert (tmp_path / "ana.json").read_text(encoding="utf-8") == ANA_CANONICAL
    assert read_document(tmp_path / "ana.json") == parse_document(ANA)


def test_read_document_refuses_other_files_and_missing_paths(tmp_path):
    (tmp_path / "ana.txt").write_text(ANA_CANONICAL)
    neither = r"ana\.txt: is neither a \.json file, a CSV bundle \(a folder or a \.zip\) nor a \.graphml file"
    with pytest.raises(ValidationError, match=neither):
        read_document(tmp_path / "ana.txt")
    with pytest.raises(ValidationError, match=r"gone\.txt: no such file or folder"):
        read_document(tmp_path / "gone.txt")
    with pytest.raises(ValidationError, match=r"gone\.json: cannot be read \(No such file or directory\)"):
        read_document(tmp_path / "gone.json")


# --- content problems name the record and field ------------------------------------------------


def test_every_content_problem_is_listed_with_record_and_field(ana_data):
    ana_data["sessions"][0]["ties"][0]["suport"] = 3
    ana_data["sessions"][0]["ties"][1]["support"] = 12
    ana_data["people"][0]["role"] = "mother"
    problems = refusal(json.dumps(ana_data))
    assert problems == [
        "person 'p-mum': role must be 'partner', 'parent', 'child', 'sibling', 'other_family', 'friend', "
        "'colleague', 'neighbour', 'professional' or 'other', got 'mother'",
        "session 1, tie for 'p-mum': unknown field 'suport' (is it a typo?)",
        "session 1, tie for 'p-dan': support must be an integer 0–10, got 12",
    ]


def test_cross_record_problems_are_listed(ana_data):
    ana_data["sessions"][0]["links"][0]["b"] = "p-eve"
    assert refusal(json.dumps(ana_data)) == ["session 1, link 'p-mum'–'p-eve': person 'p-eve' is not in people"]


def test_wrong_format_and_version_are_refused(ana_data):
    ana_data |= {"format": "graphml", "version": 3}
    assert refusal(json.dumps(ana_data)) == [
        "document: format must be 'ipt-network', got 'graphml'",
        "document: version must be 1 or 2, got 3",
    ]


RISK = {"assessed": True, "level": "low", "plan_in_place": True, "note": "=passive thoughts, no plan"}


def test_a_risk_record_round_trips_in_version_2(ana_data):
    ana_data["version"] = 2
    ana_data["sessions"][0]["risk"] = RISK
    doc = json_v1.loads(json.dumps(ana_data))
    assert doc.sessions[0].risk.model_dump(mode="json") == RISK
    text = json_v1.dumps(doc)
    assert ('      "risk": {"assessed": true, "level": "low", "plan_in_place": true, '
            '"note": "=passive thoughts, no plan"}\n') in text
    assert json_v1.loads(text) == doc


def test_a_version_1_file_is_read_as_version_2_with_no_risk_record(ana_data):
    doc = json_v1.loads(json.dumps(ana_data))
    assert doc.version == 2 and doc.sessions[0].risk is None


def test_a_version_1_file_using_a_version_2_field_is_refused(ana_data):
    ana_data["sessions"][0]["risk"] = RISK
    assert refusal(json.dumps(ana_data)) == [
        "session 1: 'risk' is a field of version 2, but the file says version 1 (set version to 2)"]


def test_a_risk_record_is_checked_field_by_field(ana_data):
    ana_data["version"] = 2
    ana_data["sessions"][0]["risk"] = {"assessed": "yes", "level": "severe", "note": ""}
    assert refusal(json.dumps(ana_data)) == [
        "session 1: assessed must be true or false, got 'yes'",
        "session 1: level must be 'none', 'low', 'medium' or 'high', got 'severe'",
    ]
    ana_data["sessions"][0]["risk"] = {"assessed": False, "level": "high"}
    assert refusal(json.dumps(ana_data)) == [
        "session 1, risk: a level or a plan is given only when risk was assessed (assessed: true)"]


def test_the_top_level_must_be_an_object():
    assert refusal("[1, 2]") == ["the top level must be a JSON object {...}, got an array"]


# --- hostile and damaged files ------------------------------------------------------------------


def test_a_byte_order_mark_is_accepted():
    assert json_v1.loads(codecs.BOM_UTF8 + ANA_CANONICAL.encode("utf-8")) == parse_document(ANA)


def test_utf16_is_refused_with_advice():
    for encoding in ("utf-16", "utf-16-le", "utf-32"):
        assert refusal(ANA_CANONICAL.encode(encoding)) == [
            "looks like UTF-16 or UTF-32 text; please save it as UTF-8"]


def test_bytes_that_are_not_utf8_are_refused_with_their_offset():
    # '{"format": "' is 12 bytes, so the Latin-1 é (0xe9) sits at offset 12; a BOM moves it to 15.
    assert refusal(b'{"format": "\xe9"}') == [
        "is not UTF-8 text: the byte at offset 12 (0xe9) cannot be read; please save it as UTF-8"]
    assert refusal(codecs.BOM_UTF8 + b'{"format": "\xe9"}') == [
        "is not UTF-8 text: the byte at offset 15 (0xe9) cannot be read; please save it as UTF-8"]


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(constant):
    text = ANA_CANONICAL.replace('"support": 6', f'"support": {constant}')
    assert refusal(text) == [
        f"contains {constant}, which is not a number JSON allows; write a number or null"]


def test_a_duplicate_key_is_refused_rather_than_silently_dropped():
    text = ANA_CANONICAL.replace('"support": 6,', '"support": 6, "support": 9,')
    assert refusal(text) == ["key 'support' appears more than once in the object with person 'p-mum'; keep one"]


def test_10000_levels_of_nesting_are_refused_before_parsing():
    text = '{"notes": ' + "[" * 10_000 + "]" * 10_000 + "}"
    assert refusal(text) == ["is nested more than 16 levels deep; the format needs at most 6"]


def test_brackets_inside_text_do_not_count_as_nesting(ana_data):
    ana_data["client"]["notes"] = '[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{{ \\" ['
    assert json_v1.loads(json.dumps(ana_data)).client.notes == ana_data["client"]["notes"]


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: the size is real, the disk space is not used
    with pytest.raises(ValidationError) as caught:
        json_v1.read(path)
    assert caught.value.problems == ["is larger than the 20 MiB limit for one import"]
    assert caught.value.source == str(path)
    assert refusal(b" " * (MAX_FILE_BYTES + 1)) == ["is larger than the 20 MiB limit for one import"]


def test_syntax_errors_give_line_and_column():
    # line 3 is '  "version" 1': two spaces and the 9-character key end at column 11, the 1 is at 13
    assert refusal('{\n  "format": "ipt-network",\n  "version" 1\n}') == [
        "is not valid JSON at line 3, column 13: expecting ':' delimiter"]


def test_a_truncated_file_is_refused():
    # the first 45 characters are the first three lines, '{', '"format": ...' and '"version": 1,'
    assert refusal(ANA_CANONICAL[:45]) == [
        "is not valid JSON at line 4, column 1: expecting property name enclosed in double quotes"]


def test_unpaired_surrogate_escapes_are_refused_but_pairs_are_text(ana_data):
    ana_data["client"]["notes"] = "\U0001f642"
    assert json_v1.loads(json.dumps(ana_data)).client.notes == "\U0001f642"  # written as \ud83d\ude42
    assert refusal(json.dumps(ana_data).replace("\\ude42", "")) == [
        "contains an unpaired surrogate escape such as \\ud800, which is not text"]


def test_absurdly_long_integers_are_refused():
    assert refusal('{"version": ' + "9" * 5000 + "}") == ["contains an integer with more than 20 digits"]


# --- random damage never escapes as anything but ValidationError --------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


def _paths(value, path=()):
    """Every location inside plain JSON data, as a tuple of keys and indexes."""
    yield path
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        yield from _paths(child, (*path, key))


def _accepted_or_refused(data: bytes | str) -> None:
    try:
        doc = json_v1.loads(data)
    except ValidationError as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)
    else:
        assert isinstance(doc, Document)


@PROPERTY
@given(documents(), st.data())
def test_damaged_records_are_refused_or_valid(doc: Document, data):
    tree = json.loads(json_v1.dumps(doc))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from([p for p in _paths(tree) if p]))
        parent = tree
        for key in path[:-1]:
            parent = parent[key]
        if data.draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = data.draw(JSON_VALUES)
    _accepted_or_refused(json.dumps(tree))


@PROPERTY
@given(documents(max_sessions=2), st.data())
def test_damaged_bytes_are_refused_or_valid(doc: Document, data):
    raw = bytearray(json_v1.dumps(doc).encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] ^= 1 << data.draw(st.integers(0, 7))
    _accepted_or_refused(bytes(raw[: data.draw(st.integers(0, len(raw)))]))


# --- the published schema --------------------------------------------------------------------


def test_published_schema_is_the_generated_one():
    published = ROOT / "docs" / "ipt-network-v2.schema.json"
    assert published.read_text(encoding="utf-8") == json_v1.schema_text(), (
        "regenerate: python -m ipt_network.formats > docs/ipt-network-v2.schema.json")


def test_the_version_1_schema_stays_published_as_it_was():
    v1 = json.loads((ROOT / "docs" / "ipt-network-v1.schema.json").read_text(encoding="utf-8"))
    assert v1["title"] == "ipt-network interchange format, version 1"
    assert v1["properties"]["version"] == {"const": 1, "title": "Version", "type": "integer"}
    assert "risk" not in v1["$defs"]["Session"]["properties"]


def test_the_version_2_schema_describes_the_risk_record():
    schema = json_v1.json_schema()
    assert schema["properties"]["version"]["const"] == 2
    risk = schema["$defs"]["Risk"]
    assert risk["required"] == ["assessed"]
    assert risk["additionalProperties"] is False
    assert schema["$defs"]["RiskLevel"]["enum"] == ["none", "low", "medium", "high"]


def test_schema_carries_the_field_rules_and_describes_the_others():
    schema = json_v1.json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["format", "version", "client"]
    assert schema["additionalProperties"] is False
    support = schema["$defs"]["Tie"]["properties"]["support"]
    assert (support["type"], support["minimum"], support["maximum"]) == ("integer", 0, 10)
    assert schema["$defs"]["Tie"]["required"] == ["person", "circle", "support", "conflict"]
    assert "summing to the score" in schema["description"]
    assert "at most 20 MiB" in schema["description"]
