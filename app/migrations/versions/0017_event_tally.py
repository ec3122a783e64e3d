"""events counted per place and entity type as they are written, and how many are filed

Revision ID: 0017_event_tally
Revises: 0016_network_improvements
Create Date: 2026-12-05 17:40:00

The status bar's "changes waiting" counted this counter's events not yet in the outbox by reading
the event table; on a counter that never connected that was every event (1.88M rows: 670 ms at
every start). event_tally keeps the numbers as rows are written: SQLite triggers on ``event`` and
``sync_outbox`` (every writer goes through them: the ORM, bulk inserts, a pull), filled once here
from the rows already stored. Head office (PostgreSQL) has the table but no triggers: it never
counts an outbox.
"""
import sqlalchemy as sa
from alembic import op

revision = '0017_event_tally'
down_revision = '0016_network_improvements'
branch_labels = None
depends_on = None

# One row per (origin, entity_type): "events" made there, "filed" of them in a case file.
TRIGGERS = {
    "event_tally_event_insert": """
        CREATE TRIGGER event_tally_event_insert AFTER INSERT ON event BEGIN
            INSERT INTO event_tally (origin, entity_type, events, filed) VALUES (NEW.origin, NEW.entity_type, 1, 0)
            ON CONFLICT (origin, entity_type) DO UPDATE SET events = events + 1;
        END""",
    # Events are never deleted or re-attributed by the program; a tool or a test that does it
    # keeps the numbers true all the same.
    "event_tally_event_delete": """
        CREATE TRIGGER event_tally_event_delete AFTER DELETE ON event BEGIN
            UPDATE event_tally SET events = events - 1,
                   filed = filed - EXISTS (SELECT 1 FROM sync_outbox WHERE event_id = OLD.id)
             WHERE origin = OLD.origin AND entity_type = OLD.entity_type;
        END""",
    "event_tally_event_update": """
        CREATE TRIGGER event_tally_event_update AFTER UPDATE OF origin, entity_type ON event
        WHEN OLD.origin IS NOT NEW.origin OR OLD.entity_type IS NOT NEW.entity_type BEGIN
            UPDATE event_tally SET events = events - 1,
                   filed = filed - EXISTS (SELECT 1 FROM sync_outbox WHERE event_id = OLD.id)
             WHERE origin = OLD.origin AND entity_type = OLD.entity_type;
            INSERT INTO event_tally (origin, entity_type, events, filed)
            VALUES (NEW.origin, NEW.entity_type, 1, EXISTS (SELECT 1 FROM sync_outbox WHERE event_id = NEW.id))
            ON CONFLICT (origin, entity_type) DO UPDATE SET events = events + 1, filed = filed + excluded.filed;
        END""",
    "event_tally_outbox_insert": """
        CREATE TRIGGER event_tally_outbox_insert AFTER INSERT ON sync_outbox BEGIN
            UPDATE event_tally SET filed = filed + 1
             WHERE (origin, entity_type) = (SELECT origin, entity_type FROM event WHERE id = NEW.event_id);
        END""",
    "event_tally_outbox_delete": """
        CREATE TRIGGER event_tally_outbox_delete AFTER DELETE ON sync_outbox BEGIN
            UPDATE event_tally SET filed = filed - 1
             WHERE (origin, entity_type) = (SELECT origin, entity_type FROM event WHERE id = OLD.event_id);
        END""",
}


def upgrade() -> None:
    op.create_table(
        'event_tally',
        sa.Column('origin', sa.String(length=36), nullable=False),
        sa.Column('entity_type', sa.String(length=16), nullable=False),
        sa.Column('events', sa.Integer(), nullable=False),
        sa.Column('filed', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('origin', 'entity_type'),
    )
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("INSERT INTO event_tally (origin, entity_type, events, filed) "
               "SELECT e.origin, e.entity_type, count(*), count(o.event_id) "
               "FROM event e LEFT JOIN sync_outbox o ON o.event_id = e.id GROUP BY e.origin, e.entity_type")
    for sql in TRIGGERS.values():
        op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table('event_tally')
