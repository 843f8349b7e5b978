
""" A client library for accessing Jingkang referral service (精康转介服务) """
from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
