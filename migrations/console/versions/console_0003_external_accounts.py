"""Accounts that sign in through an OpenID Connect provider: the issuer they belong to.

Revision ID: console_0003
Revises: console_0002
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "console_0003"
down_revision = "console_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("console_accounts") as batch:
        batch.add_column(sa.Column("external_issuer", sa.String(200)))


def downgrade() -> None:
    with op.batch_alter_table("console_accounts") as batch:
        batch.drop_column("external_issuer")
