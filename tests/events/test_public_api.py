"""The library's public surface is explicit; changing it is a decision, so a test pins it."""

import jingkang_events

PUBLIC = {
    "AppendResult", "Checkpoint", "ConcurrencyError", "Connection", "ConsumerStatus",
    "CursorMovedError", "Database", "DatabaseUnavailable", "EventIdConflictError", "EventStore",
    "EventStoreError", "EventTables", "EventTypes", "FeedConsumer", "FeedCursor", "FeedEntry",
    "FeedHead", "FeedPage", "FeedPageOut", "Finding", "GENESIS_HASH", "InclusionProof",
    "InvalidCursorError", "Leaf", "Ledger", "LedgerKey", "Metadata", "NewEvent", "PageView",
    "ProofUnavailable", "PublicKey", "RecordedEvent", "StoreMisconfiguredError", "StuckEvent",
    "UniqueViolation", "UnknownEventTypeError", "Upcaster", "VerifyResult", "add_event_tables",
    "canonical_json", "check_against", "check_checkpoints", "check_seals", "connect", "feed_router",
    "ledger_router", "seal_legacy",
}


def test_all_is_pinned() -> None:
    assert set(jingkang_events.__all__) == PUBLIC
    assert all(hasattr(jingkang_events, name) for name in PUBLIC)


def test_every_error_derives_from_the_base() -> None:
    for name in ("ConcurrencyError", "DatabaseUnavailable", "EventIdConflictError",
                 "InvalidCursorError", "StoreMisconfiguredError", "UnknownEventTypeError"):
        assert issubclass(getattr(jingkang_events, name), jingkang_events.EventStoreError)


def test_the_library_imports_nothing_from_the_services() -> None:
    import pathlib

    root = pathlib.Path(jingkang_events.__file__).parent
    for module in root.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert "import jingkang." not in text and "from jingkang." not in text, module.name
