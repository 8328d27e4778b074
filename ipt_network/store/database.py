"""Where the database is, how each connection is set up, transactions, and errors in plain words.

SQLite is set up per connection as DESIGN section 8 requires: WAL, ``synchronous=FULL``, foreign
keys on, a 5 s busy timeout, and every write transaction opened with ``BEGIN IMMEDIATE`` so two
writers queue for the lock instead of failing with "database is locked" half-way through. This is
the only module with SQLite-specific SQL; everything else is portable to PostgreSQL.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url

from ipt_network.errors import StorageError

APP_NAME = "ipt-network"
DB_ENV = "IPT_NETWORK_DB"

SQLITE_PRAGMAS = (
    "PRAGMA busy_timeout = 5000",  # first, so the switch to WAL below also waits for a lock
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
)

_WRITE = "ipt_network_write"
"""Execution option marking a connection whose transaction will write."""


def default_db_url() -> str:
    """``IPT_NETWORK_DB`` if set, else a SQLite file in the per-user data folder (created if missing)."""
    configured = os.environ.get(DB_ENV)
    if configured:
        return resolve_url(configured)
    return f"sqlite:///{_data_folder() / 'ipt-network.db'}"


def demo_db_url() -> str:
    """The demo database: a file beside the default one, so trying the samples never touches real data."""
    return f"sqlite:///{_data_folder() / 'ipt-network-demo.db'}"


def _data_folder() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False, ensure_exists=True)


def resolve_url(url: str | None) -> str:
    """A database URL from what a person typed: ``None`` means the default, a bare path means SQLite."""
    if not url:
        return default_db_url()
    if "://" in url:
        return url
    return f"sqlite:///{Path(url).expanduser().resolve()}"


def describe(url: str | URL) -> str:
    """The database as a person would name it: the file for SQLite, the URL without password otherwise."""
    try:
        parsed = make_url(url)
    except exc.ArgumentError:
        return str(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or "an in-memory database"
    return parsed.render_as_string(hide_password=True)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for SQLite with the pragmas and ``BEGIN`` handling described above."""
    with translate_errors(url):
        engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _setup_sqlite_connection)
        event.listen(engine, "begin", _begin_sqlite_transaction)
    _ENGINES.add(engine)
    return engine


def _setup_sqlite_connection(dbapi_connection, _record) -> None:
    # Take BEGIN away from the sqlite3 module so that _begin_sqlite_transaction decides its kind.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def _begin_sqlite_transaction(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


@contextmanager
def transaction(engine: Engine, *, write: bool) -> Iterator[Connection]:
    """One transaction: committed when the block ends, rolled back if it raises.

    Reads see one consistent snapshot (SQLite's WAL gives that to any transaction; PostgreSQL
    needs REPEATABLE READ, otherwise the several queries of one load could straddle an edit).
    """
    with translate_errors(engine.url), engine.connect() as conn:
        conn.execution_options(**{_WRITE: write})
        if not write and engine.dialect.name != "sqlite":
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


# --- no pooled connection survives fork() --------------------------------------------------------

_ENGINES: weakref.WeakSet[Engine] = weakref.WeakSet()


def _forget_inherited_connections() -> None:
    """In a forked child, drop the parent's pooled connections without closing them (they are the parent's)."""
    for engine in list(_ENGINES):
        engine.dispose(close=False)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_inherited_connections)


# --- database errors in words a person can act on --------------------------------------------------

_HINTS = (
    (("database is locked", "database table is locked"),
     "the database is busy: another program held it locked for more than 5 seconds. "
     "Try again; if it keeps happening, close other programs using it"),
    (("disk is full", "database or disk is full", "no space left"),
     "the disk holding the database is full. Free some space and try again"),
    (("unable to open database file",),
     "the database file cannot be opened. Check that its folder exists and that you may write there"),
    (("readonly database", "read-only"),
     "the database is read-only. Check the file's permissions"),
    (("file is not a database", "malformed", "disk i/o error"),
     "this is not an ipt-network database, or it is damaged. Restore it from a backup"),
    (("password authentication failed", 'role "', "permission denied"),
     "the database server refused the login or the access. Check the user and password in the URL"),
    (("connection refused", "could not connect", "connection failed", "could not translate host name",
      "timeout expired", "server closed the connection", "name or service not known"),
     "the database server cannot be reached. Check that it is running and that the URL "
     "(host, port, database name) is right"),
)


def _explain(error: exc.DBAPIError) -> str:
    detail = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
    lowered = detail.lower()
    for needles, hint in _HINTS:
        if any(needle in lowered for needle in needles):
            return hint
    if isinstance(error, exc.IntegrityError):
        return f"the database refused a change that breaks one of its rules ({detail})"
    return f"the database failed ({detail})"


@contextmanager
def translate_errors(url: str | URL) -> Iterator[None]:
    """Turn any database failure inside the block into a ``StorageError`` naming the database.

    The one place where driver and SQLAlchemy errors become messages; nothing was saved when one
    is raised, since the surrounding transaction has been rolled back.
    """
    where = describe(url)
    try:
        yield
    except (exc.ArgumentError, exc.NoSuchModuleError) as error:
        raise StorageError(
            f"cannot use the database URL '{where}' ({error}). Give a file path, sqlite:///PATH "
            "or postgresql+psycopg://USER@HOST/DATABASE") from error
    except exc.DBAPIError as error:
        raise StorageError(f"{where}: {_explain(error)}; nothing was saved.") from error
    except exc.SQLAlchemyError as error:
        raise StorageError(f"{where}: the database failed ({error}); nothing was saved.") from error
