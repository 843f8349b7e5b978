
""" A client library for accessing Jingkang registry service (精康机构与统计服务) """
from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
