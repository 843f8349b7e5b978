"""What every command shares: the two services and each one's settings."""

from __future__ import annotations

SERVICES = ("referral", "registry")


def settings_of(service: str):  # noqa: ANN202 - each service has its own Settings class
    if service == "referral":
        from jingkang.referral.config import Settings
    else:
        from jingkang.registry.config import Settings
    return Settings()


def redact(url: str) -> str:
    """A database URL fit to print: the password hidden."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
