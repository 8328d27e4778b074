"""The command-line contract of DESIGN section 6: names, outputs and exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipt_network.cli import main
from tests.conftest import SAMPLES


def run(db_url: str, *args: str):
    return CliRunner().invoke(main, ["--db", db_url, *map(str, args)])


def database_bytes(db_url: str) -> bytes:
    """The SQLite file as it is on disk, with every connection closed (WAL checkpointed)."""
    path = Path(db_url.removeprefix("sqlite:///"))
    return path.read_bytes() + (path.with_name(path.name + "-wal").read_bytes()
                                if path.with_name(path.name + "-wal").exists() else b"")


@pytest.fixture
def ana_file(tmp_path, ana_data) -> Path:
    path = tmp_path / "ana.json"
    path.write_text(json.dumps(ana_data), encoding="utf-8")
    return path


def test_import_prints_the_client_id_and_clients_lists_it(db_url, ana_file):
    result = run(db_url, "import", ana_file)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["c-ana"]
    listed = json.loads(run(db_url, "clients", "--json").output)
    assert [(c["id"], c["label"], c["session_count"]) for c in listed] == [("c-ana", "Ana", 1)]
    table = run(db_url, "clients").output
    assert "c-ana" in table and "Ana" in table and "2026-01-05" in table


def test_every_sample_round_trips_byte_for_byte(db_url, tmp_path):
    assert len(SAMPLES) >= 4
    result = run(db_url, "import", *SAMPLES)
    assert result.exit_code == 0, result.output
    for sample, client_id in zip(SAMPLES, result.output.split(), strict=True):
        out = tmp_path / f"{client_id}.json"
        assert run(db_url, "export", client_id, "--format", "json", "-o", out).exit_code == 0
        assert out.read_bytes() == sample.read_bytes()


def test_csv_bundle_export_reimports_to_the_same_client(db_url, tmp_path):
    sample = SAMPLES[0]
    client_id = run(db_url, "import", sample).output.strip()
    bundle = tmp_path / "bundle.zip"
    assert run(db_url, "export", client_id, "--format", "csv", "-o", bundle).exit_code == 0
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert run(other, "import", bundle).output.strip() == client_id
    again = tmp_path / "again.json"
    run(other, "export", client_id, "--format", "json", "-o", again)
    assert again.read_bytes() == sample.read_bytes()


def test_a_broken_file_says_file_record_and_field_and_changes_nothing(db_url, ana_file, ana_data, tmp_path):
    run(db_url, "import", ana_file)
    before = database_bytes(db_url)
    ana_data["client"]["id"] = "c-other"
    ana_data["sessions"][0]["ties"][1]["support"] = 12
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(ana_data), encoding="utf-8")
    result = run(db_url, "import", broken)
    assert result.exit_code == 2
    assert "broken.json: session 1, tie for 'p-dan': support must be an integer 0–10, got 12" in result.output
    assert database_bytes(db_url) == before


def test_one_bad_file_among_several_imports_none(db_url, ana_file, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    result = run(db_url, "import", ana_file, bad)
    assert result.exit_code == 2
    assert "bad.json" in result.output
    assert json.loads(run(db_url, "clients", "--json").output) == []


def test_an_existing_client_is_refused_unless_replace(db_url, ana_file):
    run(db_url, "import", ana_file)
    refused = run(db_url, "import", ana_file)
    assert refused.exit_code == 2
    assert "already exists" in refused.output and "--replace" in refused.output
    assert run(db_url, "import", "--replace", ana_file).exit_code == 0


def test_unknown_client_is_exit_2_and_writes_no_file(db_url, tmp_path):
    out = tmp_path / "x.json"
    result = run(db_url, "export", "c-nobody", "--format", "json", "-o", out)
    assert result.exit_code == 2
    assert "c-nobody" in result.output
    assert not out.exists()


def test_python_dash_m_is_the_same_command():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "ipt_network", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "import" in result.stdout and "clients" in result.stdout


CORRUPTIONS = st.one_of(
    st.tuples(st.just("truncate"), st.integers(min_value=0, max_value=2000)),
    st.tuples(st.just("flip"), st.integers(min_value=0, max_value=2000), st.integers(1, 255)),
    st.tuples(st.just("value"), st.sampled_from(["support", "conflict", "circle", "number", "score",
                                                 "date", "role", "person", "a", "id"]),
              st.one_of(st.integers(-5, 40), st.text(max_size=5), st.none(), st.floats(allow_nan=True))),
)


def corrupt(data: dict, corruption: tuple) -> bytes:
    """One random corruption of a valid document: cut or flipped bytes, or a wrong value somewhere."""
    raw = json.dumps(data).encode()
    kind = corruption[0]
    if kind == "truncate":
        return raw[: corruption[1] % len(raw)]
    if kind == "flip":
        position = corruption[1] % len(raw)
        return raw[:position] + bytes([raw[position] ^ corruption[2]]) + raw[position + 1:]
    _, key, value = corruption

    def replace(node):
        if isinstance(node, dict):
            return {k: (value if k == key else replace(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [replace(v) for v in node]
        return node

    return json.dumps(replace(data)).encode()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(corruption=CORRUPTIONS)
def test_a_corrupted_file_is_refused_with_status_2_or_imported_never_a_crash(tmp_path, ana_data, corruption):
    db_url = f"sqlite:///{tmp_path / 'prop.db'}"
    ana_data["client"]["id"] = "c-base"
    base = tmp_path / "base.json"
    base.write_text(json.dumps(ana_data), encoding="utf-8")
    run(db_url, "import", "--replace", base)
    before = database_bytes(db_url)
    path = tmp_path / "corrupt.json"
    path.write_bytes(corrupt(ana_data | {"client": ana_data["client"] | {"id": "c-new"}}, corruption))
    result = run(db_url, "import", "--replace", path)
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 2:
        assert result.output.startswith("error: ")
        assert database_bytes(db_url) == before
