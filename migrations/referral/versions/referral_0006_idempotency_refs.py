"""Stored Idempotency-Key answers name the resource they show, and belong to the whole principal.

``resource_id`` is the case (referral) or institution (registry) an answer shows: a replay
checks the caller may still see it, and an erasure finds the person's answers by it.  The
``principal`` column now holds a digest of the token's issuer, subject, organisation and role
instead of the bare subject, so answers stored before cannot be found by any request again;
they are deleted here — in the referral database they also held the person in the clear.

Revision ID: referral_0006_idempotency_refs
Revises: referral_0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "referral_0006_idempotency_refs"
down_revision = "referral_0005"
branch_labels = None
depends_on = None

_RESOURCE_COMMENT = ("the case or institution the answer shows: replays check the caller may "
                     "still see it, erasure finds a person's answers by it")


def upgrade() -> None:
    op.execute("DELETE FROM idempotency_keys")
    with op.batch_alter_table("idempotency_keys") as batch:
        batch.add_column(sa.Column("resource_id", sa.String(100), comment=_RESOURCE_COMMENT))
    op.create_index("ix_idempotency_keys_resource", "idempotency_keys", ["resource_id"])


def downgrade() -> None:
    op.drop_index("ix_idempotency_keys_resource", "idempotency_keys")
    with op.batch_alter_table("idempotency_keys") as batch:
        batch.drop_column("resource_id")
