"""Institutions, their history, staff reports, baselines; the archive tables fed by the referral feed.

Revision ID: registry_0002
Revises: registry_0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op


revision = 'registry_0002'
down_revision = 'registry_0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('archive_cases',
    sa.Column('case_id', sa.String(length=64), nullable=False),
    sa.Column('patient_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('close_reason', sa.String(length=20), nullable=True),
    sa.Column('exit_destination', sa.String(length=30), nullable=True),
    sa.Column('unwilling', sa.Boolean(), nullable=False),
    sa.Column('residence_region', sa.String(length=6), nullable=False),
    sa.Column('institution_id', sa.String(length=100), nullable=True),
    sa.Column('referring_org_id', sa.String(length=100), nullable=True),
    sa.Column('hospital_org_id', sa.String(length=100), nullable=True),
    sa.Column('risk_level', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('registered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('review_due_on', sa.String(length=10), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('dispatch_due_on', sa.String(length=10), nullable=True),
    sa.Column('dispatched_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('evaluated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('agreement_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('assessed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('services', sa.Integer(), nullable=False),
    sa.Column('reassessments', sa.Integer(), nullable=False),
    sa.Column('relapses', sa.Integer(), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('interval_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('case_id')
    )
    with op.batch_alter_table('archive_cases', schema=None) as batch_op:
        batch_op.create_index('ix_archive_cases_institution', ['institution_id', 'state'], unique=False)
        batch_op.create_index('ix_archive_cases_patient', ['patient_id'], unique=False)
        batch_op.create_index('ix_archive_cases_region', ['residence_region'], unique=False)

    op.create_table('archive_intervals',
    sa.Column('case_id', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('valid_from', sa.DateTime(timezone=True), nullable=False),
    sa.Column('valid_to', sa.DateTime(timezone=True), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('residence_region', sa.String(length=6), nullable=False),
    sa.Column('institution_id', sa.String(length=100), nullable=True),
    sa.PrimaryKeyConstraint('case_id', 'seq')
    )
    with op.batch_alter_table('archive_intervals', schema=None) as batch_op:
        batch_op.create_index('ix_archive_intervals_region', ['residence_region', 'valid_from'], unique=False)

    op.create_table('archive_milestones',
    sa.Column('case_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('institution_id', sa.String(length=100), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('case_id', 'version')
    )
    with op.batch_alter_table('archive_milestones', schema=None) as batch_op:
        batch_op.create_index('ix_archive_milestones_institution', ['institution_id', 'kind'], unique=False)

    op.create_table('archive_patients',
    sa.Column('patient_id', sa.String(length=64), nullable=False, comment='keyed hash of the identity number'),
    sa.Column('masked_name', sa.String(length=60), nullable=False),
    sa.Column('masked_id_number', sa.String(length=18), nullable=False),
    sa.Column('guardian_relation', sa.String(length=20), nullable=True),
    sa.Column('residence_region', sa.String(length=6), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('patient_id')
    )
    with op.batch_alter_table('archive_patients', schema=None) as batch_op:
        batch_op.create_index('ix_archive_patients_region', ['residence_region'], unique=False)

    op.create_table('archive_services',
    sa.Column('case_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.String(length=100), nullable=False),
    sa.Column('service_type', sa.String(length=30), nullable=False),
    sa.Column('form', sa.String(length=30), nullable=False),
    sa.Column('method', sa.String(length=30), nullable=False),
    sa.Column('started_at', sa.String(length=40), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('case_id', 'version')
    )
    with op.batch_alter_table('archive_services', schema=None) as batch_op:
        batch_op.create_index('ix_archive_services_case', ['case_id', 'recorded_at'], unique=False)
        batch_op.create_index('ix_archive_services_institution', ['institution_id', 'service_type'], unique=False)

    op.create_table('baselines',
    sa.Column('region', sa.String(length=6), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('total_patients', sa.Integer(), nullable=False),
    sa.Column('severe_at_home_police', sa.Integer(), nullable=False),
    sa.Column('severe_at_home_health', sa.Integer(), nullable=False),
    sa.Column('general_at_home', sa.Integer(), nullable=False),
    sa.Column('psychiatric_medical_staff', sa.Integer(), nullable=False),
    sa.Column('purchased_teams', sa.JSON(), nullable=False),
    sa.Column('funding_10k_cny', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.PrimaryKeyConstraint('region', 'period', 'version')
    )
    op.create_table('idempotency_keys',
    sa.Column('principal', sa.String(length=200), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=False),
    sa.Column('response', sa.Text(), nullable=False),
    sa.Column('location', sa.String(length=300), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('principal', 'key')
    )
    op.create_table('institution_history',
    sa.Column('institution_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('valid_from', sa.DateTime(timezone=True), nullable=False),
    sa.Column('valid_to', sa.DateTime(timezone=True), nullable=True),
    sa.Column('region', sa.String(length=6), nullable=False),
    sa.Column('township_code', sa.String(length=9), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('area', sa.String(length=10), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('institution_id', 'version')
    )
    with op.batch_alter_table('institution_history', schema=None) as batch_op:
        batch_op.create_index('ix_institution_history_region', ['region', 'valid_from'], unique=False)

    op.create_table('institutions',
    sa.Column('institution_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('credit_code', sa.String(length=18), nullable=False),
    sa.Column('region', sa.String(length=6), nullable=False),
    sa.Column('township_code', sa.String(length=9), nullable=True),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('area', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('accepting', sa.Boolean(), nullable=False),
    sa.Column('registered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('profile', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('institution_id')
    )
    with op.batch_alter_table('institutions', schema=None) as batch_op:
        batch_op.create_index('ix_institutions_region', ['region'], unique=False)
        batch_op.create_index('ux_institutions_identity', ['credit_code', 'region', 'name'], unique=True)

    op.create_table('staff_reports',
    sa.Column('institution_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('headcount', sa.Integer(), nullable=False),
    sa.Column('qualified', sa.Integer(), nullable=False),
    sa.Column('certified', sa.Integer(), nullable=False),
    sa.Column('purchased_medical', sa.Integer(), nullable=False),
    sa.Column('purchased_social_workers', sa.Integer(), nullable=False),
    sa.Column('direct_service', sa.Integer(), nullable=False),
    sa.Column('direct_service_under_training', sa.Integer(), nullable=False),
    sa.Column('lines', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('institution_id', 'version')
    )


def downgrade() -> None:
    op.drop_table('staff_reports')
    with op.batch_alter_table('institutions', schema=None) as batch_op:
        batch_op.drop_index('ux_institutions_identity')
        batch_op.drop_index('ix_institutions_region')

    op.drop_table('institutions')
    with op.batch_alter_table('institution_history', schema=None) as batch_op:
        batch_op.drop_index('ix_institution_history_region')

    op.drop_table('institution_history')
    op.drop_table('idempotency_keys')
    op.drop_table('baselines')
    with op.batch_alter_table('archive_services', schema=None) as batch_op:
        batch_op.drop_index('ix_archive_services_institution')
        batch_op.drop_index('ix_archive_services_case')

    op.drop_table('archive_services')
    with op.batch_alter_table('archive_patients', schema=None) as batch_op:
        batch_op.drop_index('ix_archive_patients_region')

    op.drop_table('archive_patients')
    with op.batch_alter_table('archive_milestones', schema=None) as batch_op:
        batch_op.drop_index('ix_archive_milestones_institution')

    op.drop_table('archive_milestones')
    with op.batch_alter_table('archive_intervals', schema=None) as batch_op:
        batch_op.drop_index('ix_archive_intervals_region')

    op.drop_table('archive_intervals')
    with op.batch_alter_table('archive_cases', schema=None) as batch_op:
        batch_op.drop_index('ix_archive_cases_region')
        batch_op.drop_index('ix_archive_cases_patient')
        batch_op.drop_index('ix_archive_cases_institution')

    op.drop_table('archive_cases')
