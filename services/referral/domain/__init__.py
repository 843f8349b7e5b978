"""The referral case domain: vocabulary, the lifecycle machine, events, the fold and decisions.

Nothing here imports web, database or settings code.
"""
