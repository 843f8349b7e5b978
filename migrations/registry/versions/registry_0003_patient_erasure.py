"""The patient archive can forget a person: masked fields nullable, and when they were erased.

Revision ID: registry_0003
Revises: registry_0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "registry_0003"
down_revision = "registry_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("archive_patients") as batch:
        batch.alter_column("masked_name", existing_type=sa.String(60), nullable=True,
                           comment="null once erased")
        batch.alter_column("masked_id_number", existing_type=sa.String(18), nullable=True,
                           comment="null once erased")
        batch.add_column(sa.Column("erased_at", sa.DateTime(timezone=True),
                                   comment="when the referral service erased the person"))


def downgrade() -> None:
    with op.batch_alter_table("archive_patients") as batch:
        batch.drop_column("erased_at")
        batch.alter_column("masked_id_number", existing_type=sa.String(18), nullable=False,
                           comment=None)
        batch.alter_column("masked_name", existing_type=sa.String(60), nullable=False,
                           comment=None)
