"""The change log's SQL: every change to a client recorded in the transaction that makes it.

A logged change is one person's action: the record they changed (``change``) and any records that
went with it (``related``: the links removed with a person taken out of a session), each before
and after, as the model's JSON data. Undo reads it back; the review page lists it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, Row, insert, select

from ipt_network.store import tables

Key = tuple


@dataclass(frozen=True)
class RecordChange:
    """One record before and after (JSON data; ``None`` where it did not exist)."""

    record: Key
    before: dict | None
    after: dict | None

    def to_row(self) -> dict:
        return {"record": list(self.record), "before": self.before, "after": self.after}

    @classmethod
    def from_row(cls, data: dict) -> RecordChange:
        return cls(tuple(data["record"]), data["before"], data["after"])


@dataclass(frozen=True)
class LoggedChange:
    """One entry of the change log: what changed, in which client, when, from which page, by whom."""

    number: int
    client_id: str
    at: dt.datetime
    who: str | None
    tab: str | None
    change: RecordChange
    related: tuple[RecordChange, ...]
    revision: int
    undoes: int | None

    @property
    def changes(self) -> tuple[RecordChange, ...]:
        return (self.change, *self.related)

    def touches(self, key: Key) -> bool:
        """Whether this change wrote the record under ``key`` (an import or a new client writes them all)."""
        return self.change.record[0] == "client" or any(c.record == key for c in self.changes)


def record(conn: Connection, client_id: str, revision: int, changes: list[RecordChange], *, main: Key,
           tab: str | None = None, undoes: int | None = None) -> int | None:
    """Log ``changes`` as one entry whose main record is ``main`` (or the first); None if nothing changed."""
    if not changes:
        return None
    first = next((c for c in changes if c.record == main), changes[0])
    related = [c.to_row() for c in changes if c is not first]
    return conn.execute(insert(tables.change_log).values(
        client_id=client_id, at=dt.datetime.now(dt.UTC), who=None, tab=tab, record=list(first.record),
        before=first.before, after=first.after, related=related, revision=revision, undoes=undoes,
    )).inserted_primary_key[0]


def _logged(row: Row) -> LoggedChange:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)  # SQLite keeps no zone
    return LoggedChange(row.pk, row.client_id, at, row.who, row.tab,
                        RecordChange(tuple(row.record), row.before, row.after),
                        tuple(RecordChange.from_row(data) for data in row.related), row.revision, row.undoes)


def read(conn: Connection, client_id: str, number: int) -> LoggedChange | None:
    """The change numbered ``number`` if it belongs to this client (a number from elsewhere finds nothing)."""
    log = tables.change_log
    row = conn.execute(select(log).where(log.c.pk == number, log.c.client_id == client_id)).one_or_none()
    return _logged(row) if row else None


def recent(conn: Connection, client_id: str, limit: int) -> list[LoggedChange]:
    """The client's latest changes, newest first."""
    log = tables.change_log
    query = select(log).where(log.c.client_id == client_id).order_by(log.c.pk.desc()).limit(limit)
    return [_logged(row) for row in conn.execute(query)]


def since(conn: Connection, client_id: str, revision: int) -> list[LoggedChange]:
    """The client's changes that made a revision above ``revision``, oldest first."""
    log = tables.change_log
    query = select(log).where(log.c.client_id == client_id, log.c.revision > revision).order_by(log.c.pk)
    return [_logged(row) for row in conn.execute(query)]


def undone(conn: Connection, number: int) -> bool:
    """Whether a later change undid change ``number``."""
    log = tables.change_log
    return conn.execute(select(log.c.pk).where(log.c.undoes == number).limit(1)).first() is not None


def undoing(conn: Connection, number: int) -> LoggedChange:
    """The change that undid change ``number``."""
    log = tables.change_log
    return _logged(conn.execute(select(log).where(log.c.undoes == number)).one())
