"""The scans of signed and stamped report forms, kept by SHA-256 (the reporting chain's
events name them; the bytes are stored once, here).

Revision ID: registry_0008_report_scans
Revises: registry_0007_ledger
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "registry_0008_report_scans"
down_revision = "registry_0007_ledger"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_scans",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("media_type", sa.String(40), nullable=False),
        sa.Column("region", sa.String(9), nullable=False,
                  comment="whose civil affairs uploaded it"),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("report_scans")
