"""Migration people_travel: a person's version is their last event's seq, and the person events written
before it (kept at the counter then) are filed with the next sync round."""

from __future__ import annotations

from sqlalchemy import select, text

from tests.helpers import downgrade
from app.models import User
from app.models.store import _alembic_config, upgrade
from app.services.people import users
from app.sync import outbox


def test_old_people_take_their_version_and_their_history_is_filed(store):
    from alembic import command

    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    li = users.create_user(store, "li", "李娜", "5678", "advisor", actor_id=admin.user_id)
    users.set_active(store, li.user_id, False, actor_id=admin.user_id)
    outbox.file_waiting(store, "0" * 64)  # filed, and the mark above them
    with store.session() as s, s.begin():
        # As before the migration: people's changes never filed (the outbox passed them).
        s.execute(text("DELETE FROM sync_outbox"))
    downgrade(store.engine, "0013_network_sums")
    upgrade(store.engine)
    with store.session() as s:
        assert {u.username: u.version for u in s.scalars(select(User))} == {"admin": 1, "li": 2}
    assert outbox.counts(store).unfiled_events == 3  # two added, one deactivated: filed next round
