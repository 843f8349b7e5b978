"""``python -m jingkang.console``: serve the console (``jingkang run`` starts it so)."""

from __future__ import annotations

import uvicorn

from jingkang.common.web.logs import log_config

from .config import Settings


def main() -> None:
    settings = Settings()
    try:
        uvicorn.run("jingkang.console.entrypoints.app:create_app", factory=True,
                    host=settings.host, port=settings.port, proxy_headers=True,
                    forwarded_allow_ips=settings.forwarded_allow_ips,
                    log_level=settings.log_level, timeout_graceful_shutdown=5,
                    log_config=log_config("console", settings.log_format, settings.log_level))
    except KeyboardInterrupt:  # uvicorn re-raises the stop signal after a graceful shutdown
        pass


if __name__ == "__main__":
    main()
