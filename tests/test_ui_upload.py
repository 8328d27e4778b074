"""An uploaded file becomes a Document by the CLI's door, or is refused with the CLI's words."""

from __future__ import annotations

import base64
import json

import pytest

from ipt_network.errors import ValidationError
from ipt_network.formats import csv_bundle
from ipt_network.formats.limits import MAX_FILE_BYTES
from ipt_network.model import parse_document
from ipt_network.ui.upload import display_name, read_upload


def data_url(data: bytes, mime: str = "application/json") -> str:
    """What dcc.Upload sends: the file as a base64 data URL."""
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def test_a_json_file_is_read(ana_data):
    doc = read_upload(data_url(json.dumps(ana_data).encode()), "ana.json")
    assert doc == parse_document(ana_data)


def test_a_zipped_csv_bundle_is_read(ana_data):
    doc = parse_document(ana_data)
    archive = csv_bundle.zip_bytes(csv_bundle.to_files(doc))
    assert read_upload(data_url(archive, "application/zip"), "Ana bundle.ZIP") == doc


def test_problems_are_attributed_to_the_uploaded_name(ana_data):
    ana_data["sessions"][0]["ties"][0]["circle"] = 4
    with pytest.raises(ValidationError) as refused:
        read_upload(data_url(json.dumps(ana_data).encode()), "C:\\fakepath\\ana.json")
    assert refused.value.message == (
        "ana.json: session 1, tie for 'p-mum': circle must be 1 (inner), 2 (middle) or 3 (outer), got 4")


def test_other_kinds_of_file_are_refused():
    with pytest.raises(ValidationError) as refused:
        read_upload(data_url(b"a,b\n"), "ties.csv")
    assert refused.value.message == "ties.csv: is not a JSON file (.json) or a CSV bundle (.zip)"


def test_damaged_contents_are_refused():
    with pytest.raises(ValidationError) as refused:
        read_upload("data:application/json;base64,not base64!", "ana.json")
    assert refused.value.message == "ana.json: could not be read from the browser; please choose it again"


def test_a_file_over_the_limit_is_refused_before_decoding():
    contents = data_url(b" " * (MAX_FILE_BYTES + 1))
    with pytest.raises(ValidationError) as refused:
        read_upload(contents, "big.json")
    assert refused.value.message == "big.json: is larger than the 20 MiB limit for one import"


@pytest.mark.parametrize(("sent", "shown"), [("ana.json", "ana.json"), ("a/b/../ana.json", "ana.json"),
                                             ("", "the uploaded file"), (None, "the uploaded file"),
                                             ("..", "the uploaded file")])
def test_only_the_file_name_is_shown(sent, shown):
    assert display_name(sent) == shown
