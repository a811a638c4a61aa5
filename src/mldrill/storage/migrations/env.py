"""Alembic environment: runs on the connection mldrill hands over (online mode only)."""

from alembic import context

from mldrill.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
