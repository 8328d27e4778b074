"""The therapist's risk record of a session (format version 2): one nullable JSON column on ``sessions``.

Every stored session keeps all it held and starts with no risk record (NULL), as a version 1
file reads. A nullable column is added with a plain ALTER TABLE ... ADD COLUMN, never batch mode:
rebuilding ``sessions`` with foreign keys on would cascade-delete every tie, link and mood score.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sessions", sa.Column("risk", sa.JSON(none_as_null=True)))


def downgrade() -> None:
    op.drop_column("sessions", "risk")
