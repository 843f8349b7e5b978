"""The archive keeps what the standardized-service test reads, so the progress summary counts
it in one statement: months with a service and in service on each case, the evaluation,
agreement and assessment on each row of the state history; and each case's residence when it
was registered (columns 10 and 11).

The new columns are filled from the events: the archive tables are emptied and the archive
consumer's cursor removed, so the registry follows the referral feed again from its start
when it next runs (as `jingkang replay registry` does).

Revision ID: registry_0005
Revises: registry_0004
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "registry_0005"
down_revision = "registry_0004"
branch_labels = None
depends_on = None

ARCHIVE = ("archive_patients", "archive_cases", "archive_intervals", "archive_services",
           "archive_milestones")
ARCHIVE_CONSUMER = "case_archive"  # jingkang.registry.bootstrap.ARCHIVE_CONSUMER
Time = sa.DateTime(timezone=True)


def _replay_archive() -> None:
    for table in ARCHIVE:
        op.execute(f"DELETE FROM {table}")
    op.execute(sa.text("DELETE FROM consumer_cursors WHERE name = :name")
               .bindparams(name=ARCHIVE_CONSUMER))


def upgrade() -> None:
    _replay_archive()
    with op.batch_alter_table("archive_cases") as batch:
        batch.add_column(sa.Column("registered_region", sa.String(6),
                                   comment="residence when registered"))
        batch.add_column(sa.Column("service_months", sa.Text(), nullable=False,
                                   server_default="",
                                   comment="months (China time) with a service record: "
                                           "2026-07 2026-08"))
        batch.add_column(sa.Column("in_service_months", sa.Text(), nullable=False,
                                   server_default="",
                                   comment="months of finished in-service spells"))
        batch.add_column(sa.Column("in_service_since", Time,
                                   comment="start of the current in-service spell"))
    with op.batch_alter_table("archive_intervals") as batch:
        batch.add_column(sa.Column("evaluated_at", Time))
        batch.add_column(sa.Column("agreement_at", Time))
        batch.add_column(sa.Column("assessed_at", Time))
    with op.batch_alter_table("archive_services") as batch:
        batch.drop_index("ix_archive_services_case")  # case lookups use the primary key
    if op.get_bind().dialect.name == "postgresql":
        # Room on each page for a row's next version: most events change a case row without
        # changing an indexed column, and such an update then touches no index (HOT).
        op.execute("ALTER TABLE archive_cases SET (fillfactor = 50)")
        op.execute("ALTER TABLE archive_intervals SET (fillfactor = 80)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE archive_cases RESET (fillfactor)")
        op.execute("ALTER TABLE archive_intervals RESET (fillfactor)")
    _replay_archive()
    with op.batch_alter_table("archive_services") as batch:
        batch.create_index("ix_archive_services_case", ["case_id", "recorded_at"])
    with op.batch_alter_table("archive_intervals") as batch:
        batch.drop_column("assessed_at")
        batch.drop_column("agreement_at")
        batch.drop_column("evaluated_at")
    with op.batch_alter_table("archive_cases") as batch:
        batch.drop_column("in_service_since")
        batch.drop_column("in_service_months")
        batch.drop_column("service_months")
        batch.drop_column("registered_region")
