"""Case read model, idempotency keys, institution directory.

Revision ID: referral_0002
Revises: referral_0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "referral_0002"
down_revision = "referral_0001"
branch_labels = None
depends_on = None

_OPEN = sa.text("state NOT IN ('closed', 'rejected')")


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("case_id", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("close_reason", sa.String(20)),
        sa.Column("exit_destination", sa.String(30)),
        sa.Column("person_key", sa.String(64), nullable=False,
                  comment="HMAC of the identity number"),
        sa.Column("residence_region", sa.String(6), nullable=False),
        sa.Column("referring_org_id", sa.String(100), nullable=False),
        sa.Column("institution_id", sa.String(100)),
        sa.Column("relocation_target_id", sa.String(100)),
        sa.Column("hospital_org_id", sa.String(100)),
        sa.Column("risk_level", sa.Integer, nullable=False),
        sa.Column("review_due_on", sa.Date),
        sa.Column("dispatch_due_on", sa.Date),
        sa.Column("reconfirm_due_on", sa.Date),
        sa.Column("reassessment_due_on", sa.Date),
        sa.Column("follow_up_due_on", sa.Date),
        sa.Column("follow_ups", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("snapshot", sa.JSON, nullable=False),
    )
    op.create_index("ix_cases_updated", "cases", ["updated_at", "case_id"])
    op.create_index("ix_cases_institution", "cases", ["institution_id", "state"])
    op.create_index("ix_cases_region", "cases", ["residence_region"])
    op.create_index("ix_cases_referrer", "cases", ["referring_org_id"])
    op.create_index("ux_cases_open_person", "cases", ["person_key"], unique=True,
                    postgresql_where=_OPEN, sqlite_where=_OPEN)
    op.create_table(
        "idempotency_keys",
        sa.Column("principal", sa.String(200), primary_key=True),
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("status_code", sa.Integer, nullable=False),
        sa.Column("response", sa.Text, nullable=False),
        sa.Column("location", sa.String(300)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "institutions",
        sa.Column("institution_id", sa.String(100), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("region", sa.String(6), nullable=False),
        sa.Column("operating", sa.Boolean, nullable=False),
        sa.Column("accepting", sa.Boolean, nullable=False),
        sa.Column("capacity", sa.Integer, nullable=False),
        sa.Column("source_version", sa.BigInteger, nullable=False,
                  comment="registry stream version"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_institutions_region", "institutions", ["region"])


def downgrade() -> None:
    op.drop_table("institutions")
    op.drop_table("idempotency_keys")
    op.drop_table("cases")
