"""The registry's domain: institutions, staff reports, baselines, periods and the figures."""
