"""Stored Idempotency-Key answers name the resource they show, and belong to the whole principal.

``resource_id`` is the case (referral) or institution (registry) an answer shows: a replay
checks the caller may still see it, and an erasure finds the person's answers by it.  The
``principal`` column now holds a digest of the token's issuer, subject, organisation and role
instead of the bare subject, so answers stored before cannot be found by any request again;
they are deleted here — in the referral database they also held the person in the clear.

Revision ID: registry_0006_idempotency_refs
Revises: registry_0005
Create Date: 2026-12-01
"""

from jingkang.common.adapters.idempotency import add_answer_resources_v1, drop_answer_resources_v1

revision = "registry_0006_idempotency_refs"
down_revision = "registry_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    add_answer_resources_v1()


def downgrade() -> None:
    drop_answer_resources_v1()
