"""``ipt-network backup`` / ``restore`` and the daily backups of ``serve`` (DESIGN section 10).

Every test works on a real SQLite database holding every sample client, and reads results back
through the Store (the clients as documents) or through sqlite3 (integrity, schema revision).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from click.testing import CliRunner

from ipt_network.cli import main
from ipt_network.formats import read_document
from ipt_network.model import NEW_IN_VERSION_2, parse_document
from ipt_network.store import Store
from ipt_network.store.backup import daily_backup
from ipt_network.store.migrate import ALEMBIC_INI
from tests.conftest import SAMPLES


def run(db_url: str, *args: object):
    return CliRunner().invoke(main, ["--db", db_url, *map(str, args)])


def clients_in(db_url: str) -> dict[str, object]:
    """Every client of the database, as the documents an export would write."""
    with Store.open(db_url) as store:
        return {summary.id: store.load(summary.id).document for summary in store.list_clients()}


def sqlite_answer(path: Path, sql: str) -> list:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        return [row[0] for row in connection.execute(sql)]


def as_first_version_left_it(db_url: str) -> None:
    """Take the schema back to revision 0001, as the first version of ipt-network wrote it."""
    config = Config(str(ALEMBIC_INI))
    with Store.open(db_url) as store, store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")


@pytest.fixture
def samples_db(tmp_path) -> str:
    """A database with every sample client; connections closed again."""
    url = f"sqlite:///{tmp_path / 'clinic' / 'ipt.db'}"
    (tmp_path / "clinic").mkdir()
    with Store.open(url) as store:
        store.import_documents([read_document(path) for path in SAMPLES])
    return url


@pytest.fixture
def backup_file(samples_db, tmp_path) -> Path:
    target = tmp_path / "copy.db"
    assert run(samples_db, "backup", "-o", target).exit_code == 0
    return target


def test_a_backup_restored_into_an_empty_database_gives_back_every_client(samples_db, backup_file, tmp_path):
    expected = clients_in(samples_db)
    assert len(expected) == len(SAMPLES)
    fresh = f"sqlite:///{tmp_path / 'elsewhere' / 'new.db'}"
    result = run(fresh, "restore", backup_file)
    assert result.exit_code == 0, result.output
    assert clients_in(fresh) == expected


def test_the_backup_is_one_checked_self_contained_file(samples_db, backup_file):
    assert sqlite_answer(backup_file, "PRAGMA integrity_check") == ["ok"]
    assert sqlite_answer(backup_file, "PRAGMA journal_mode") == ["delete"]
    assert not backup_file.with_name(backup_file.name + "-wal").exists()
    assert sorted(sqlite_answer(backup_file, "SELECT id FROM clients")) == sorted(clients_in(samples_db))


def test_without_a_name_the_backup_goes_to_the_backups_folder_beside_the_database(samples_db, tmp_path):
    result = run(samples_db, "backup")
    assert result.exit_code == 0
    written = Path(result.output.strip())
    assert written.parent == tmp_path / "clinic" / "backups"
    assert re.fullmatch(r"ipt-\d{4}-\d{2}-\d{2}-\d{6}\.db", written.name)
    assert sqlite_answer(written, "PRAGMA integrity_check") == ["ok"]


def test_restore_over_a_database_keeps_the_replaced_one(samples_db, backup_file, tmp_path, ana_data):
    added_later = tmp_path / "ana.json"
    added_later.write_text(json.dumps(ana_data), encoding="utf-8")
    assert run(samples_db, "import", added_later).exit_code == 0
    result = run(samples_db, "restore", backup_file)
    assert result.exit_code == 0, result.output
    assert "c-ana" not in clients_in(samples_db)
    kept = Path(result.output.split("before: ")[1].splitlines()[0])
    assert kept.parent == tmp_path / "clinic" / "backups"
    assert "c-ana" in sqlite_answer(kept, "SELECT id FROM clients")


def refused(db_url: str, source: Path) -> str:
    """Restore ``source``, expect a refusal that changed nothing, return its message."""
    database = Path(db_url.removeprefix("sqlite:///"))
    before = clients_in(db_url)
    result = run(db_url, "restore", source)
    assert result.exit_code == 1
    assert clients_in(db_url) == before
    assert not (database.parent / "backups").exists()
    assert [p.name for p in database.parent.iterdir() if p.name.startswith(".")] == []
    assert "nothing was changed" in result.output
    return result.output


def test_a_truncated_backup_is_refused_and_changes_nothing(samples_db, backup_file):
    data = backup_file.read_bytes()
    backup_file.write_bytes(data[: len(data) // 2])
    assert "damaged" in refused(samples_db, backup_file)


def test_a_file_that_is_not_a_database_is_refused(samples_db):
    assert "not an ipt-network database (not a SQLite file)" in refused(samples_db, SAMPLES[0])


def test_another_programs_database_is_refused(samples_db, tmp_path):
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
        connection.commit()
    assert "a SQLite file but not an ipt-network database" in refused(samples_db, other)


def test_a_backup_from_a_newer_version_is_refused(samples_db, backup_file):
    with closing(sqlite3.connect(backup_file)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
        connection.commit()
    assert "newer version of ipt-network (schema 9999)" in refused(samples_db, backup_file)


def as_first_version_held(doc):
    """A document as a database of the first schema held it: every field of version 2 at its default (the
    schemas 0003 and 0005 added their columns). Events stay as they were: their column is of the first."""
    data = doc.model_dump(mode="json")

    def without(record: dict, kind: str) -> dict:
        return {key: value for key, value in record.items() if key not in NEW_IN_VERSION_2[kind]}

    data["client"] = without(data["client"], "client")
    data["people"] = [without(person, "people") for person in data["people"]]
    data["sessions"] = [without(session, "sessions") | {"ties": [without(tie, "ties") for tie in session["ties"]]}
                        for session in data["sessions"]]
    return parse_document(data)


def test_a_backup_from_an_older_version_is_brought_up_to_date(samples_db, backup_file, tmp_path):
    expected = {client: as_first_version_held(doc) for client, doc in clients_in(samples_db).items()}
    as_first_version_left_it(f"sqlite:///{backup_file}")
    assert sqlite_answer(backup_file, "SELECT version_num FROM alembic_version") == ["0001"]
    fresh = f"sqlite:///{tmp_path / 'new.db'}"
    assert run(fresh, "restore", backup_file).exit_code == 0
    current = sqlite_answer(Path(samples_db.removeprefix("sqlite:///")), "SELECT version_num FROM alembic_version")
    assert sqlite_answer(tmp_path / "new.db", "SELECT version_num FROM alembic_version") == current
    assert clients_in(fresh) == expected


def test_a_postgresql_database_is_backed_up_with_its_own_tools():
    result = run("postgresql+psycopg://ipt@localhost/ipt", "backup")
    assert result.exit_code == 1
    assert "pg_dump" in result.output


def test_seven_daily_backups_are_kept_and_one_a_day_is_made(samples_db, tmp_path):
    first = dt.date(2026, 11, 1)
    for day in range(10):
        assert daily_backup(samples_db, today=first + dt.timedelta(days=day)) is not None
    assert daily_backup(samples_db, today=first + dt.timedelta(days=9)) is None
    kept = sorted(p.name for p in (tmp_path / "clinic" / "backups").iterdir())
    assert kept == [f"ipt-daily-2026-11-{day:02d}.db" for day in range(4, 11)]


def test_a_kill_during_the_daily_backup_of_serve_leaves_database_and_last_backup_intact(samples_db, tmp_path):
    database = tmp_path / "clinic" / "ipt.db"
    # Forty megabytes more to copy and check, so the backup lasts long enough to be interrupted.
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("CREATE TABLE ballast (data BLOB)")
        connection.executemany("INSERT INTO ballast VALUES (randomblob(1048576))", [()] * 40)
        connection.commit()
    expected = clients_in(samples_db)
    yesterday = daily_backup(samples_db, today=dt.date.today() - dt.timedelta(days=1))
    yesterdays_bytes = yesterday.read_bytes()
    today = yesterday.with_name(f"ipt-daily-{dt.date.today().isoformat()}.db")
    partial = today.with_name(f".{today.name}.partial")

    serve = subprocess.Popen([sys.executable, "-m", "ipt_network", "--db", samples_db, "serve", "--no-browser",
                              "--port", "0", "--token", "t"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while not partial.exists():  # polled often: the copy takes a fraction of a second
            assert serve.poll() is None and not today.exists() and time.monotonic() < deadline, \
                "the backup was not seen under way"
            time.sleep(0.002)
        os.kill(serve.pid, signal.SIGKILL)
    finally:
        serve.kill()
        serve.wait(10)

    assert sqlite_answer(database, "PRAGMA integrity_check") == ["ok"]
    assert clients_in(samples_db) == expected
    assert yesterday.read_bytes() == yesterdays_bytes
    assert not today.exists()
    # The next launch makes today's backup, and the cut-short copy is gone.
    assert daily_backup(samples_db) == today
    assert sqlite_answer(today, "PRAGMA integrity_check") == ["ok"]
    assert not partial.exists()


def test_serve_backs_the_database_up_before_an_upgrade_changes_it(samples_db, tmp_path):
    database = tmp_path / "clinic" / "ipt.db"
    head = sqlite_answer(database, "SELECT version_num FROM alembic_version")
    as_first_version_left_it(samples_db)
    serve = subprocess.Popen([sys.executable, "-m", "ipt_network", "--db", samples_db, "serve", "--no-browser",
                              "--port", "0", "--token", "t"], stdout=subprocess.PIPE, text=True)
    try:
        assert "running at" in serve.stdout.readline() + serve.stdout.readline()
    finally:
        serve.terminate()
        serve.wait(30)
    today = tmp_path / "clinic" / "backups" / f"ipt-daily-{dt.date.today().isoformat()}.db"
    assert sqlite_answer(today, "SELECT version_num FROM alembic_version") == ["0001"]
    assert sqlite_answer(database, "SELECT version_num FROM alembic_version") == head
