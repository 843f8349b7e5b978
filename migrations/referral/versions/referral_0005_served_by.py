"""The institutions that accepted a case, as a column: their case lists include it.

Revision ID: referral_0005
Revises: referral_0004
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "referral_0005"
down_revision = "referral_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("served_by", sa.Text,
                                   comment="institutions that accepted the case, as ,a,b,"))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("served_by")
