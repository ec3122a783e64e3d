"""Alembic environment: runs on the connection the store hands it (see app.models.store)."""

from alembic import context

from app.models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite can't ALTER most things; batch mode copies the table
)
with context.begin_transaction():
    context.run_migrations()
