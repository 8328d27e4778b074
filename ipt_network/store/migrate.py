"""Bring a database's schema up to date with the Alembic migrations shipped in this package."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from ipt_network.errors import StorageError

ALEMBIC_INI = Path(__file__).with_name("alembic.ini")


def known_revisions() -> set[str]:
    """Every schema revision this version can read (and bring up to date)."""
    return {script.revision for script in ScriptDirectory.from_config(Config(str(ALEMBIC_INI))).walk_revisions()}


def upgrade_to_head(conn: Connection) -> None:
    """Apply every migration the database lacks, inside the caller's (write) transaction.

    A database stamped with a revision this version does not know was written by a newer
    ipt-network; it is refused rather than guessed at.
    """
    config = Config(str(ALEMBIC_INI))
    config.attributes["connection"] = conn
    unknown = set(MigrationContext.configure(conn).get_current_heads()) - known_revisions()
    if unknown:
        raise StorageError(
            f"this database was written by a newer version of ipt-network (schema {', '.join(sorted(unknown))}). "
            "Install that version to open it; nothing was changed.")
    command.upgrade(config, "head")
