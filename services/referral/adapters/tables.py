"""The referral database's tables (the Alembic revisions under migrations/referral/ create them)."""

from sqlalchemy import MetaData

from jingkang_events import add_event_tables

metadata = MetaData()
event_tables = add_event_tables(metadata)
