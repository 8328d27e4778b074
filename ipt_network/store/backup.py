"""Backups of a SQLite database and restores from them (DESIGN section 10).

Copies go through SQLite's online backup API, which reads a consistent snapshot while the
dashboard keeps writing, and count only once ``PRAGMA integrity_check`` passed on the copy: a
copy is written to a hidden ``.partial`` file and renamed over the target at the end, so a crash
or a kill in the middle leaves the database and every earlier backup as they were.

A restore checks the file first (SQLite, intact, an ipt-network schema this version knows), brings
an older schema up to date on a scratch copy, keeps a copy of the database it replaces, and only
then writes into the database, again through the backup API. A refused file changes nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import make_url

from ipt_network.errors import StorageError
from ipt_network.store.database import describe, resolve_url
from ipt_network.store.migrate import known_revisions

BACKUP_FOLDER = "backups"
"""Backups live in this folder beside the database file (the user data folder by default)."""

DAILY_KEPT = 7
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 5.0


def database_file(url: str | None) -> Path:
    """The file of a SQLite database URL; other databases are backed up with their own tools."""
    parsed = make_url(resolve_url(url))
    if parsed.get_backend_name() != "sqlite":
        raise StorageError(
            f"{describe(parsed)} is a PostgreSQL database: back it up with PostgreSQL's own tools, "
            "e.g. pg_dump --format=custom --file=ipt-network.dump DATABASE, and restore with pg_restore.")
    if not parsed.database or parsed.database == ":memory:":
        raise StorageError("an in-memory database has nothing to back up or restore")
    return Path(parsed.database)


def is_file_database(url: str | None) -> bool:
    """Whether ``url`` is a SQLite file, which these backups are for."""
    parsed = make_url(resolve_url(url))
    return parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:")


def backup_folder(database: Path) -> Path:
    return database.parent / BACKUP_FOLDER


def backup(url: str | None, target: Path | None = None) -> Path:
    """Copy the database at ``url`` to ``target`` (default: a time-stamped file in ``backups/``)."""
    database = database_file(url)
    if target is None:
        stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
        target = backup_folder(database) / f"{database.stem}-{stamp}.db"
    _copy(_open_existing(database, "rw"), target, check=True)
    return target


def daily_backup(url: str | None, keep: int = DAILY_KEPT, today: dt.date | None = None) -> Path | None:
    """Today's backup in ``backups/`` unless it exists; the ``keep`` newest daily backups are kept.

    Returns the new file, or ``None`` when today's was already there.
    """
    database = database_file(url)
    folder = backup_folder(database)
    target = folder / f"{database.stem}-daily-{(today or dt.date.today()).isoformat()}.db"
    if target.exists():
        return None
    _copy(_open_existing(database, "rw"), target, check=True)
    daily = sorted(folder.glob(f"{database.stem}-daily-????-??-??.db"))
    for old in daily[:-keep]:
        old.unlink()
    for leftover in folder.glob(f".{database.stem}-daily-*.partial"):
        leftover.unlink()  # a copy cut short on an earlier day; today's has just been renamed
    return target


def restore(url: str | None, source: Path) -> Path | None:
    """Replace the database at ``url`` with the backup ``source``, brought up to this version's schema.

    Returns the copy kept of the replaced database (``None`` if there was none). Refuses, changing
    nothing, a file that is not an intact ipt-network database of this version or an older one.
    """
    from ipt_network.store.repository import Store

    database = database_file(url)
    checked = _open_backup(source)
    scratch = database.with_name(f".{database.name}.restoring")
    try:
        _copy(checked, scratch, check=False)
        Store.open(f"sqlite:///{scratch}").close()  # an older schema is brought up to date here
        with closing(sqlite3.connect(scratch, timeout=BUSY_TIMEOUT_S)) as migrated:
            _check(migrated, source)
            kept = None
            if database.exists():
                stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
                kept = backup_folder(database) / f"{database.stem}-before-restore-{stamp}.db"
                _copy(_open_existing(database, "rw"), kept, check=False)
            with closing(sqlite3.connect(database, timeout=BUSY_TIMEOUT_S)) as live:
                migrated.backup(live)
        return kept
    finally:
        for leftover in (scratch, scratch.with_name(scratch.name + "-wal"), scratch.with_name(scratch.name + "-shm")):
            leftover.unlink(missing_ok=True)


def _open_existing(path: Path, mode: str) -> sqlite3.Connection:
    if not path.is_file():
        raise StorageError(f"{path}: there is no database file here")
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_S)


def _open_backup(source: Path) -> sqlite3.Connection:
    """``source`` opened read-only, once it is known to be an intact ipt-network database."""
    if not source.is_file():
        raise StorageError(f"{source}: there is no file here; nothing was changed")
    with source.open("rb") as file:
        if file.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise StorageError(f"{source}: this is not an ipt-network database (not a SQLite file); "
                               "nothing was changed")
    connection = _open_existing(source, "ro")
    try:
        _check(connection, source)
    except BaseException:
        connection.close()
        raise
    return connection


def _check(connection: sqlite3.Connection, source: Path) -> None:
    """Refuse a damaged file, or one without an ipt-network schema this version can read."""
    refused = f"{source}: %s; nothing was changed"
    try:
        result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revisions = ({row[0] for row in connection.execute("SELECT version_num FROM alembic_version")}
                     if "alembic_version" in tables else set())
    except sqlite3.DatabaseError as error:
        raise StorageError(refused % f"this file is damaged or not a database ({error})") from error
    if result != ["ok"]:
        raise StorageError(refused % f"the file is damaged (SQLite's integrity check: {'; '.join(result[:3])})")
    if not revisions or "clients" not in tables:
        raise StorageError(refused % "this is a SQLite file but not an ipt-network database")
    newer = revisions - known_revisions()
    if newer:
        raise StorageError(refused % f"it was written by a newer version of ipt-network (schema "
                                     f"{', '.join(sorted(newer))}); install that version to restore it")


def _copy(source: sqlite3.Connection, target: Path, *, check: bool) -> None:
    """Back ``source`` up into ``target`` (then closes ``source``); ``target`` appears only when complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with closing(source), closing(sqlite3.connect(partial)) as copy:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
            if check:
                _check(copy, target)
        with partial.open("rb") as file:
            os.fsync(file.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
