"""The OpenAPI documents in openapi/, written from the code and checked against it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .config import SERVICES

OPENAPI_DIR = Path(__file__).resolve().parents[2] / "openapi"


def openapi_document(service: str) -> dict:
    module = __import__(f"jingkang.{service}.entrypoints.app", fromlist=["create_app"])
    return module.create_app().openapi()


def openapi_text(service: str) -> str:
    return json.dumps(openapi_document(service), indent=2, ensure_ascii=False) + "\n"


def cmd_openapi(args: argparse.Namespace) -> int:
    stale = []
    for service in SERVICES:
        path = OPENAPI_DIR / f"{service}.json"
        text = openapi_text(service)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path.name))
        else:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote openapi/{path.name}")
    if stale:
        print(f"out of date: {', '.join(stale)}; run `jingkang openapi`", file=sys.stderr)
        return 1
    if args.check:
        print(f"openapi/: {', '.join(f'{s}.json' for s in SERVICES)} match the code")
    return 0
