"""The sign-in log: every sign-in, sign-out, failure and lockout, append-only.

Revision ID: console_0002
Revises: console_0001
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "console_0002"
down_revision = "console_0001"
branch_labels = None
depends_on = None

_PG_APPEND_ONLY = [
    """CREATE FUNCTION console_signins_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'the sign-in log is append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END $$""",
    *(f"CREATE TRIGGER console_signins_no_{op_.lower()} BEFORE {op_} ON console_signins "
      f"FOR EACH {'STATEMENT' if op_ == 'TRUNCATE' else 'ROW'} "
      "EXECUTE FUNCTION console_signins_refuse_change()"
      for op_ in ("UPDATE", "DELETE", "TRUNCATE")),
]
_SQLITE_APPEND_ONLY = [
    f"CREATE TRIGGER console_signins_no_{op_.lower()} BEFORE {op_} ON console_signins "
    f"BEGIN SELECT RAISE(ABORT, 'the sign-in log is append-only: {op_} refused'); END"
    for op_ in ("UPDATE", "DELETE")
]


def upgrade() -> None:
    op.create_table(
        "console_signins",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), sa.Identity(),
                  primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("method", sa.String(16), nullable=False, server_default=""),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("detail", sa.String(200), nullable=False, server_default=""),
    )
    op.create_index("ix_console_signins_at", "console_signins", ["at"])
    op.create_index("ix_console_signins_username", "console_signins", ["username"])
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in _PG_APPEND_ONLY if postgres else _SQLITE_APPEND_ONLY:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE console_signins")
        op.execute("DROP FUNCTION console_signins_refuse_change()")
        return
    op.drop_table("console_signins")
