"""The `jingkang` command: run the system, serve one service, migrate, mint tokens, dump OpenAPI."""

from .openapi import OPENAPI_DIR, openapi_document, openapi_text
from .parser import build_parser, main

__all__ = ["OPENAPI_DIR", "build_parser", "main", "openapi_document", "openapi_text"]
