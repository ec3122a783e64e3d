"""The same models and migrations build head office's PostgreSQL database."""

from sqlalchemy import text

from app.models.store import open_database


def test_migrations_run_on_postgresql(pg_url):
    db = open_database(pg_url)
    with db.engine.connect() as c:
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert c.execute(text("SELECT count(*) FROM feedback_form")).scalar() == 0
    db.close()
    open_database(pg_url).close()  # a second start finds it current
