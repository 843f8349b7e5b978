"""The registry database's tables (the Alembic revisions under migrations/registry/ create them)."""

from sqlalchemy import MetaData

from jingkang_events import add_event_tables

metadata = MetaData()
event_tables = add_event_tables(metadata)
