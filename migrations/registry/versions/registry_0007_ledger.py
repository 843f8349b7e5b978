"""Seals and checkpoints: the history the service vouches for (docs/event-store.md, Seals
and checkpoints).

Events already stored stay unsealed (the database never holds the ledger key): `jingkang
verify` reports them apart, and `jingkang seal-legacy registry`, run once with the key, seals
them.

Revision ID: registry_0007_ledger
Revises: registry_0006_idempotency_refs
Create Date: 2026-11-24
"""

from jingkang_events.schema_migrations import create_ledger_v1, drop_ledger_v1

revision = "registry_0007_ledger"
down_revision = "registry_0006_idempotency_refs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_ledger_v1()


def downgrade() -> None:
    drop_ledger_v1()
