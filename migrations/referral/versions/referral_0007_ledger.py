"""Seals and checkpoints: the history the service vouches for (docs/event-store.md, Seals
and checkpoints).

Events already stored stay unsealed (the database never holds the ledger key): `jingkang
verify` reports them apart, and `jingkang seal-legacy referral`, run once with the key, seals
them.

Revision ID: referral_0007_ledger
Revises: referral_0006_idempotency_refs
Create Date: 2026-11-24
"""

from jingkang_events.schema_migrations import create_ledger_v1, drop_ledger_v1

revision = "referral_0007_ledger"
down_revision = "referral_0006_idempotency_refs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_ledger_v1()


def downgrade() -> None:
    drop_ledger_v1()
