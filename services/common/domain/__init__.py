"""What both services mean by their words: no web, no SQL, no settings."""
