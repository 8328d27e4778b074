"""Alembic environment: runs migrations on the connection the application hands over, or on its own.

``migrate.upgrade_to_head`` passes its connection in ``config.attributes["connection"]`` so the
upgrade shares that transaction; from the ``alembic`` command line the database is
``IPT_NETWORK_DB`` or the per-user default, exactly as the application would choose.
"""

from alembic import context

from ipt_network.store.database import make_engine, resolve_url, transaction
from ipt_network.store.tables import metadata


def _migrate(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _migrate(connection)
else:
    engine = make_engine(resolve_url(None))
    with transaction(engine, write=True) as own_connection:
        _migrate(own_connection)
    engine.dispose()
