"""Alembic environment: always run in-process by interview.store.migrate.

The caller opens the connection (and its transaction) and passes it in
`config.attributes["connection"]`, so no alembic.ini or URL is needed.
"""

from __future__ import annotations

from alembic import context

from interview.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("interview migrations run through interview.store.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
