"""Jingkang (精康): referral case management for community mental-health rehabilitation."""
