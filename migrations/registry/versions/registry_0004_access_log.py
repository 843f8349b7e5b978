"""The access log: append-only record of reads and refusals.

Revision ID: registry_0004
Revises: registry_0003
Create Date: 2026-11-22
"""

from jingkang.common.adapters.access_log import create_access_log_v1, drop_access_log_v1

revision = "registry_0004"
down_revision = "registry_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_access_log_v1()


def downgrade() -> None:
    drop_access_log_v1()
