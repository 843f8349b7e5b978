"""The registry database's tables (the Alembic revisions under migrations/registry/ create them).

Everything but ``events``, ``consumer_cursors``, ``idempotency_keys`` and ``report_scans`` (the
bytes of the signed forms that report events name by SHA-256) is a projection that
``jingkang replay registry`` can drop and rebuild: the institution tables from this service's
own events (written in the same transaction as them), the ``archive_*`` tables from the
referral service's feed (written in the same transaction as the consumer's cursor).
"""

from sqlalchemy import (
    JSON, Boolean, Column, DateTime, Index, Integer, LargeBinary, MetaData, Numeric, String,
    Table, Text,
)

from jingkang.common.adapters.access_log import add_access_log_table
from jingkang.common.adapters.idempotency import add_idempotency_table
from jingkang_events import add_event_tables

metadata = MetaData()
event_tables = add_event_tables(metadata)
access_log = add_access_log_table(metadata)

Time = DateTime(timezone=True)

idempotency_keys = add_idempotency_table(metadata)

report_scans = Table(
    "report_scans", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("media_type", String(40), nullable=False),
    Column("region", String(9), nullable=False, comment="whose civil affairs uploaded it"),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("stored_at", Time, nullable=False),
)

# --- from the registry's own events ---------------------------------------------------------

institutions = Table(
    "institutions", metadata,
    Column("institution_id", String(64), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("name", String(200), nullable=False),
    Column("credit_code", String(18), nullable=False),
    Column("region", String(6), nullable=False),
    Column("township_code", String(9)),
    Column("level", String(20), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("area", String(10), nullable=False),
    Column("status", String(20), nullable=False),
    Column("capacity", Integer, nullable=False),
    Column("accepting", Boolean, nullable=False),
    Column("registered_at", Time, nullable=False),
    Column("updated_at", Time, nullable=False),
    Column("profile", JSON, nullable=False),
    Index("ix_institutions_region", "region"),
    # One operator, one county, one name: a second registration is a duplicate.
    Index("ux_institutions_identity", "credit_code", "region", "name", unique=True),
)

# Each institution's status, place and area over time: coverage and new sites as of any moment.
institution_history = Table(
    "institution_history", metadata,
    Column("institution_id", String(64), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("valid_from", Time, nullable=False),
    Column("valid_to", Time),
    Column("region", String(6), nullable=False),
    Column("township_code", String(9)),
    Column("status", String(20), nullable=False),
    Column("area", String(10), nullable=False),
    Column("level", String(20), nullable=False),
    Index("ix_institution_history_region", "region", "valid_from"),
)

staff_reports = Table(
    "staff_reports", metadata,
    Column("institution_id", String(64), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("period", String(7), nullable=False),
    Column("recorded_at", Time, nullable=False),
    Column("headcount", Integer, nullable=False),
    Column("qualified", Integer, nullable=False),
    Column("certified", Integer, nullable=False),
    Column("purchased_medical", Integer, nullable=False),
    Column("purchased_social_workers", Integer, nullable=False),
    Column("direct_service", Integer, nullable=False),
    Column("direct_service_under_training", Integer, nullable=False),
    Column("lines", JSON, nullable=False),
)

baselines = Table(
    "baselines", metadata,
    Column("region", String(9), primary_key=True),
    Column("period", String(7), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("recorded_at", Time, nullable=False),
    Column("total_patients", Integer, nullable=False),
    Column("severe_at_home_police", Integer, nullable=False),
    Column("severe_at_home_health", Integer, nullable=False),
    Column("general_at_home", Integer, nullable=False),
    Column("psychiatric_medical_staff", Integer, nullable=False),
    Column("purchased_teams", JSON, nullable=False),
    Column("funding_10k_cny", Numeric(14, 2), nullable=False),
)

# --- from the referral service's feed -------------------------------------------------------

archive_patients = Table(
    "archive_patients", metadata,
    Column("patient_id", String(64), primary_key=True, comment="keyed hash of the identity number"),
    Column("masked_name", String(60), comment="null once erased"),
    Column("masked_id_number", String(18), comment="null once erased"),
    Column("guardian_relation", String(20)),
    Column("residence_region", String(6), nullable=False),
    Column("updated_at", Time, nullable=False),
    Column("erased_at", Time, comment="when the referral service erased the person"),
    Index("ix_archive_patients_region", "residence_region"),
)

archive_cases = Table(
    "archive_cases", metadata,
    Column("case_id", String(64), primary_key=True),
    Column("patient_id", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("channel", String(20)),
    Column("state", String(20), nullable=False),
    Column("close_reason", String(20)),
    Column("exit_destination", String(30)),
    Column("unwilling", Boolean, nullable=False),
    Column("residence_region", String(6), nullable=False),
    Column("institution_id", String(100)),
    Column("referring_org_id", String(100)),
    Column("hospital_org_id", String(100)),
    Column("risk_level", Integer, nullable=False),
    Column("created_at", Time),
    Column("registered_at", Time),
    Column("registered_region", String(6), comment="residence when registered"),
    Column("review_due_on", String(10)),
    Column("reviewed_at", Time),
    Column("dispatch_due_on", String(10)),
    Column("dispatched_at", Time),
    Column("evaluated_at", Time),
    Column("agreement_at", Time),
    Column("assessed_at", Time),
    Column("service_months", Text, nullable=False, server_default="",
           comment="months (China time) with a service record: 2026-07 2026-08"),
    Column("in_service_months", Text, nullable=False, server_default="",
           comment="months of finished in-service spells"),
    Column("in_service_since", Time, comment="start of the current in-service spell"),
    Column("services", Integer, nullable=False),
    Column("reassessments", Integer, nullable=False),
    Column("relapses", Integer, nullable=False),
    Column("closed_at", Time),
    Column("updated_at", Time),
    Column("interval_seq", Integer, nullable=False),
    Index("ix_archive_cases_patient", "patient_id"),
    Index("ix_archive_cases_institution", "institution_id", "state"),
    Index("ix_archive_cases_region", "residence_region"),
)

# Each case's state, residence and institution over time, with what the standardized-service
# test reads (columns 5, 6, 12 and 13 as of a moment).
archive_intervals = Table(
    "archive_intervals", metadata,
    Column("case_id", String(64), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("valid_from", Time, nullable=False),
    Column("valid_to", Time),
    Column("state", String(20), nullable=False),
    Column("residence_region", String(6), nullable=False),
    Column("institution_id", String(100)),
    Column("evaluated_at", Time),
    Column("agreement_at", Time),
    Column("assessed_at", Time),
    Index("ix_archive_intervals_region", "residence_region", "valid_from"),
)

archive_services = Table(
    "archive_services", metadata,
    Column("case_id", String(64), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("institution_id", String(100), nullable=False),
    Column("service_type", String(30), nullable=False),
    Column("form", String(30), nullable=False),
    Column("method", String(30), nullable=False),
    Column("started_at", String(40), nullable=False),
    Column("duration_minutes", Integer, nullable=False),
    Column("recorded_at", Time, nullable=False),
    Index("ix_archive_services_institution", "institution_id", "service_type"),
)

archive_milestones = Table(
    "archive_milestones", metadata,
    Column("case_id", String(64), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("kind", String(30), nullable=False),
    Column("type", String(40), nullable=False),
    Column("recorded_at", Time, nullable=False),
    Column("institution_id", String(100)),
    Column("detail", JSON, nullable=False),
    Index("ix_archive_milestones_institution", "institution_id", "kind"),
)

PROJECTIONS = ("institutions", "institution_history", "staff_reports", "baselines")
ARCHIVE = ("archive_patients", "archive_cases", "archive_intervals", "archive_services",
           "archive_milestones")
