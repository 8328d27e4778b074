"""A revision per client, moved on by every change, so a cache can tell cheaply whether it is current.

Existing clients start at the highest version any of their records has, so the next write stamps
versions above every one already handed out.

The column is added with a server default because SQLite can add a NOT NULL column only with
one, and because anything else (changing nullability, dropping the default or the column) makes
batch mode rebuild ``clients``: dropping the old table with foreign keys on would cascade-delete
every person and session.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BACKFILL = sa.text("""
UPDATE clients SET revision = COALESCE((
    SELECT MAX(recorded.version) FROM (
        SELECT client_pk, version FROM people
        UNION ALL SELECT client_pk, version FROM sessions
        UNION ALL SELECT s.client_pk, t.version FROM ties t JOIN sessions s ON s.pk = t.session_pk
        UNION ALL SELECT s.client_pk, l.version FROM links l JOIN sessions s ON s.pk = l.session_pk
        UNION ALL SELECT s.client_pk, m.version FROM mood_scores m JOIN sessions s ON s.pk = m.session_pk
    ) AS recorded
    WHERE recorded.client_pk = clients.pk), 1)
""")


def upgrade() -> None:
    with op.batch_alter_table("clients") as batch:
        batch.add_column(sa.Column("revision", sa.Integer, nullable=False, server_default="1"))
    op.execute(BACKFILL)


def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+), not batch mode: see the module docstring.
    op.drop_column("clients", "revision")
