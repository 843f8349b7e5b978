"""The referral database's tables (the Alembic revisions under migrations/referral/ create them)."""

from sqlalchemy import (
    JSON, BigInteger, Boolean, Column, Date, DateTime, Index, Integer, MetaData, String, Table,
    Text, text,
)

from jingkang.common.adapters.access_log import add_access_log_table
from jingkang.common.adapters.idempotency import add_idempotency_table
from jingkang_events import add_event_tables

metadata = MetaData()
event_tables = add_event_tables(metadata)
access_log = add_access_log_table(metadata)

# The case read model, written in the same transaction as the case's events.  ``snapshot``
# is the folded state (the rest are copies of it for filtering and scoping).
cases = Table(
    "cases",
    metadata,
    Column("case_id", String(64), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("state", String(20), nullable=False),
    Column("close_reason", String(20)),
    Column("exit_destination", String(30)),
    Column("person_key", String(64), nullable=False, comment="HMAC of the identity number"),
    Column("residence_region", String(6), nullable=False),
    Column("referring_org_id", String(100), nullable=False),
    Column("institution_id", String(100)),
    Column("relocation_target_id", String(100)),
    Column("hospital_org_id", String(100)),
    Column("risk_level", Integer, nullable=False),
    Column("review_due_on", Date),
    Column("dispatch_due_on", Date),
    Column("reconfirm_due_on", Date),
    Column("reassessment_due_on", Date),
    Column("follow_up_due_on", Date),
    Column("follow_ups", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("snapshot", JSON, nullable=False, comment="the folded state; personal parts sealed"),
    Column("key_id", String(36), comment="the data key that opens the snapshot's personal parts"),
    Column("served_by", Text, comment="institutions that accepted the case, as ,a,b,"),
    Index("ix_cases_updated", "updated_at", "case_id"),
    Index("ix_cases_institution", "institution_id", "state"),
    Index("ix_cases_region", "residence_region"),
    Index("ix_cases_referrer", "referring_org_id"),
    # One open case per person (DOMAIN.md): the database refuses a second.
    Index("ux_cases_open_person", "person_key", unique=True,
          postgresql_where=text("state NOT IN ('closed', 'rejected')"),
          sqlite_where=text("state NOT IN ('closed', 'rejected')")),
)

idempotency_keys = add_idempotency_table(metadata)

# The institution directory, projected from the registry's feed (dispatch never calls it).
institutions = Table(
    "institutions",
    metadata,
    Column("institution_id", String(100), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("region", String(6), nullable=False),
    Column("operating", Boolean, nullable=False),
    Column("accepting", Boolean, nullable=False),
    Column("capacity", Integer, nullable=False),
    Column("source_version", BigInteger, nullable=False, comment="registry stream version"),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_institutions_region", "region"),
)

# One data key per person (and a new one if a person comes back after being erased), wrapped
# under the master key.  Erasure empties ``wrapped_key``: what it sealed is unreadable for good.
person_keys = Table(
    "person_keys",
    metadata,
    Column("key_id", String(36), primary_key=True),
    Column("patient_id", String(64), nullable=False, comment="keyed hash of the identity number"),
    Column("wrapped_key", String(200)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("erased_at", DateTime(timezone=True)),
    Column("erasure_reason", Text),
    Index("ix_person_keys_patient", "patient_id"),
)
