"""What the edge's middlewares read off an ASGI request scope."""

from __future__ import annotations

from typing import Any


def path_in_app(scope: Any) -> str:
    """The request's path below the app's mount point (``root_path``), as routes see it."""
    path, root = scope["path"], scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root) else path


def header(scope: Any, name: bytes) -> bytes | None:
    """The first value of header ``name`` (lowercase), if sent."""
    for key, value in scope["headers"]:
        if key == name:
            return value
    return None
