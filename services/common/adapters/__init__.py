"""What both services' adapters share: stored answers, the access log, projection checks,
sealing, and migrations."""
