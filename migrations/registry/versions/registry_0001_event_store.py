"""The event store of the registry database.

Revision ID: registry_0001
Revises:
Create Date: 2026-11-22
"""

from jingkang_events.schema_migrations import create_event_store_v1, drop_event_store_v1

revision = "registry_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_event_store_v1()


def downgrade() -> None:
    drop_event_store_v1()
