"""Use cases of the referral service: one handler per command, and the read queries."""
