"""``python -m jingkang.console``: serve the console (``jingkang run`` starts it so)."""

from __future__ import annotations

import uvicorn

from .config import Settings


def main() -> None:
    settings = Settings()
    uvicorn.run("jingkang.console.entrypoints.app:create_app", factory=True, host=settings.host,
                port=settings.port, proxy_headers=True,
                forwarded_allow_ips=settings.forwarded_allow_ips, log_level=settings.log_level,
                timeout_graceful_shutdown=5)


if __name__ == "__main__":
    main()
