"""Townships (乡镇、街道, nine-digit codes) hold baseline entries, since Chongqing's filling
unit is the township; and a service month is credited by when the service took place, not
when it was entered.

The archive's service months are filled from the events again: the archive tables are emptied
and the archive consumer's cursor removed, so the registry follows the referral feed from its
start when it next runs (as `jingkang replay registry` does).

Revision ID: registry_0009_township_baselines
Revises: registry_0008_report_scans
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "registry_0009_township_baselines"
down_revision = "registry_0008_report_scans"
branch_labels = None
depends_on = None

ARCHIVE = ("archive_patients", "archive_cases", "archive_intervals", "archive_services",
           "archive_milestones")
ARCHIVE_CONSUMER = "case_archive"  # jingkang.registry.bootstrap.ARCHIVE_CONSUMER


def _replay_archive() -> None:
    for table in ARCHIVE:
        op.execute(f"DELETE FROM {table}")
    op.execute(sa.text("DELETE FROM consumer_cursors WHERE name = :name")
               .bindparams(name=ARCHIVE_CONSUMER))


def upgrade() -> None:
    with op.batch_alter_table("baselines") as batch:
        batch.alter_column("region", existing_type=sa.String(6), type_=sa.String(9),
                           existing_nullable=False)
    _replay_archive()


def downgrade() -> None:
    op.execute("DELETE FROM baselines WHERE length(region) > 6")
    with op.batch_alter_table("baselines") as batch:
        batch.alter_column("region", existing_type=sa.String(9), type_=sa.String(6),
                           existing_nullable=False)
    _replay_archive()
