"""Per-person data keys; the case read model names the key that opens its snapshot.

Revision ID: referral_0003
Revises: referral_0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "referral_0003"
down_revision = "referral_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_keys",
        sa.Column("key_id", sa.String(36), primary_key=True),
        sa.Column("patient_id", sa.String(64), nullable=False,
                  comment="keyed hash of the identity number"),
        sa.Column("wrapped_key", sa.String(200)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True)),
        sa.Column("erasure_reason", sa.Text),
    )
    op.create_index("ix_person_keys_patient", "person_keys", ["patient_id"])
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("key_id", sa.String(36),
                                   comment="the data key that opens the snapshot's personal parts"))
        batch.alter_column("snapshot", existing_type=sa.JSON, existing_nullable=False,
                           comment="the folded state; personal parts sealed")


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("key_id")
    op.drop_index("ix_person_keys_patient", "person_keys")
    op.drop_table("person_keys")
